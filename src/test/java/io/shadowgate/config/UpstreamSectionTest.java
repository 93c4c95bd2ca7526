package io.shadowgate.config;

import static io.shadowgate.config.ConfigLoaderTest.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamSectionTest {

    private static UpstreamConfig upstream(String url) {
        return new UpstreamConfig(URI.create(url), Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), 1);
    }

    @Test
    void headerRulesReportEachBadEntryWithoutEchoingValues() {
        String yaml = """
                stable:
                  url: http://h
                  headers:
                    Good-Name: ok
                    Bad Name: x
                    Content-Length: "10"
                    good-name: again
                    X-Key: "secret\\r\\nInjected: 1"
                """;

        assertThat(errorsOf(yaml).errors()).containsExactly(
                "stable.headers.Bad Name: invalid header name (expected: letters, digits and !#$%&'*+-.^_`|~)",
                "stable.headers.Content-Length: set by the gateway for each request; remove it",
                "stable.headers.good-name: duplicate of Good-Name (header names ignore case)",
                "stable.headers.X-Key: value contains a line break or control character");
    }

    @Test
    void headersMustBeAMappingOfScalars() {
        assertThat(errorsOf("stable:\n  url: http://h\n  headers: [a]\n").errors())
                .containsExactly("stable.headers: a list (expected: a mapping)");
        assertThat(errorsOf("stable:\n  url: http://h\n  headers:\n    A: {b: c}\n").errors())
                .containsExactly("stable.headers.A: a mapping (expected: a string)");
    }

    @Test
    void headersAreUnmodifiableAndKeepTheirOrder() {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("B", "1");
        source.put("A", "2");
        UpstreamConfig config = new UpstreamConfig(URI.create("http://h"), source,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1);
        source.put("C", "3");

        assertThat(config.headers()).containsExactly(Map.entry("B", "1"), Map.entry("A", "2"));
        assertThat(config.headers()).isUnmodifiable();
    }

    @Test
    void timeoutsMustBePositiveAndConnectionsInRange() {
        String yaml = "stable:\n  url: http://h\n  connectTimeout: 0\n  timeout: 0s\n  maxConnections: 0\n";
        assertThat(errorsOf(yaml).errors()).containsExactly(
                "stable.connectTimeout: \"0\" (expected: a duration > 0 such as 250ms, 30s, 10m)",
                "stable.timeout: \"0s\" (expected: a duration > 0 such as 250ms, 30s, 10m)",
                "stable.maxConnections: 0 (expected: 1..65536)");
    }

    @Test
    void connectionDetailsDeriveFromTheUrl() {
        assertThat(upstream("http://h").port()).isEqualTo(80);
        assertThat(upstream("https://h").port()).isEqualTo(443);
        assertThat(upstream("https://h:8443").port()).isEqualTo(8443);
        assertThat(upstream("http://[::1]:9101").host()).isEqualTo("::1");
        assertThat(upstream("http://h").pathPrefix()).isEmpty();
        assertThat(upstream("http://h/").pathPrefix()).isEmpty();
        assertThat(upstream("http://h/v1/score").pathPrefix()).isEqualTo("/v1/score");
    }
}
