package io.shadowgate.testing;

import io.shadowgate.config.AdminConfig;
import io.shadowgate.config.ServerConfig;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.config.UpstreamConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Gateway configs for tests: everything on 127.0.0.1 with ephemeral ports. */
public final class TestConfigs {
    private TestConfigs() {}

    public static ShadowgateConfig gateway(String stableUrl) {
        return gateway(server(10 * 1024 * 1024, 16 * 1024), upstream(stableUrl, Duration.ofSeconds(10), 256, Map.of()), "");
    }

    public static ShadowgateConfig gateway(ServerConfig server, UpstreamConfig stable, String adminToken) {
        return new ShadowgateConfig(server, new AdminConfig("127.0.0.1", 0, adminToken), stable);
    }

    public static ServerConfig server(long maxRequestBytes, int maxHeaderBytes) {
        return new ServerConfig("127.0.0.1", 0, maxRequestBytes, maxHeaderBytes, Duration.ofSeconds(60),
                Duration.ofSeconds(5), 2);
    }

    public static UpstreamConfig upstream(String url, Duration timeout, int maxConnections, Map<String, String> headers) {
        return new UpstreamConfig(URI.create(url), headers, Duration.ofSeconds(2), timeout, maxConnections);
    }
}
