package io.shadowgate.testing;

import io.shadowgate.gateway.Gateway;
import io.shadowgate.config.AdminConfig;
import io.shadowgate.config.CompareConfig;
import io.shadowgate.config.RolloutConfig;
import io.shadowgate.config.ShadowConfig;
import io.shadowgate.config.ServerConfig;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.config.UpstreamConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** Stable and a candidate with its own headers and timeout; shadow and compare as given. */
    public static ShadowgateConfig mirrored(String stableUrl, Map<String, String> stableHeaders, String candidateUrl,
                                            Map<String, String> candidateHeaders, Duration candidateTimeout,
                                            ShadowConfig shadow, CompareConfig compare) {
        ShadowgateConfig gateway = gateway(server(10 * 1024 * 1024, 16 * 1024),
                upstream(stableUrl, Duration.ofSeconds(10), 64, stableHeaders), "")
                .withCandidate(upstream(candidateUrl, candidateTimeout, 64, candidateHeaders), shadow, compare);
        return gateway.withRollout(rolloutIn(freshDirectory(), gateway.rollout()));
    }

    /** The rollout settings with the state file and audit log in {@code dir}, so tests never share them. */
    public static RolloutConfig rolloutIn(Path dir, RolloutConfig rollout) {
        return rollout.withFiles(dir.resolve("state.json"), dir.resolve("audit.jsonl"));
    }

    private static Path freshDirectory() {
        try {
            Path dir = Files.createTempDirectory("shadowgate-test-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every request mirrored, at most {@code maxInFlight} at once, bodies up to 1 MiB compared. */
    public static ShadowConfig shadow(double percent, int maxInFlight) {
        return new ShadowConfig(percent, Optional.empty(), maxInFlight, 1024 * 1024);
    }

    /** The default comparison settings, with {@code noisePercent} and {@code redact} as given. */
    public static CompareConfig compare(double noisePercent, List<String> redact) {
        return new CompareConfig(Optional.empty(), 1e-6, 1e-4, List.of(), redact, 100, noisePercent,
                Duration.ofMinutes(5));
    }

    public static UpstreamConfig upstream(String url, Duration timeout, int maxConnections, Map<String, String> headers) {
        return new UpstreamConfig(URI.create(url), headers, Duration.ofSeconds(2), timeout, maxConnections);
    }
}
