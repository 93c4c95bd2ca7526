package io.shadowgate.config;

import static io.shadowgate.config.ConfigLoaderTest.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code firstByteTimeout} and {@code idleTimeout} on every upstream section: both default to the
 * section's {@code timeout} (so an upstream that sets neither behaves as before), must be positive
 * and may not exceed the total, and their errors name the key's path.
 */
class UpstreamStreamTimeoutsTest {

    @Test
    void bothDefaultToTheTimeoutOfTheirSection() throws ConfigException {
        ShadowgateConfig config = ConfigLoader.parse("""
                stable: { url: http://127.0.0.1:9101, timeout: 5s }
                candidates: [{ name: green, url: http://127.0.0.1:9102 }]
                """, Map.of());

        assertThat(config.stable().firstByteTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.stable().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        UpstreamConfig green = config.candidates().get(0).upstream();
        assertThat(green.firstByteTimeout()).isEqualTo(green.timeout());
        assertThat(green.idleTimeout()).isEqualTo(green.timeout());
    }

    @Test
    void areReadOnStableCandidateAndEachCandidate() throws ConfigException {
        ShadowgateConfig shorthand = ConfigLoader.parse("""
                stable: { url: http://127.0.0.1:9101, timeout: 10m, firstByteTimeout: 2s, idleTimeout: 1500ms }
                candidate: { url: http://127.0.0.1:9102, timeout: 1m, idleTimeout: 3s }
                """, Map.of());
        assertThat(shorthand.stable().timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(shorthand.stable().firstByteTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(shorthand.stable().idleTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(shorthand.candidate().orElseThrow().firstByteTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(shorthand.candidate().orElseThrow().idleTimeout()).isEqualTo(Duration.ofSeconds(3));

        ShadowgateConfig list = ConfigLoader.parse("""
                stable: { url: http://127.0.0.1:9101 }
                candidates: [{ name: green, url: http://127.0.0.1:9102, timeout: 2m, firstByteTimeout: 4s }]
                """, Map.of());
        assertThat(list.candidates().get(0).upstream().firstByteTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(list.candidates().get(0).upstream().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void mustBePositiveAndNoLongerThanTheTimeoutWithTheKeysPath() {
        assertThat(errorsOf("""
                stable: { url: http://h, timeout: 2s, firstByteTimeout: 0s, idleTimeout: 3s }
                """).errors()).containsExactly(
                "stable.firstByteTimeout: \"0s\" (expected: a duration > 0 such as 250ms, 30s, 10m)",
                "stable.idleTimeout: 3000ms (expected: at most timeout, 2000ms)");
        assertThat(errorsOf("""
                stable: { url: http://h }
                candidate: { url: http://c, timeout: 1s, firstByteTimeout: 2s, idleTimeout: soon }
                """).errors()).containsExactly(
                "candidate.firstByteTimeout: 2000ms (expected: at most timeout, 1000ms)",
                "candidate.idleTimeout: \"soon\" (expected: a duration such as 250ms, 30s, 10m)");
        assertThat(errorsOf("""
                stable: { url: http://h }
                candidates: [{ name: green, url: http://c }, { name: blue, url: http://b, timeout: 1s, idleTimeout: 5s }]
                """).errors()).containsExactly("candidates[1].idleTimeout: 5000ms (expected: at most timeout, 1000ms)");
    }
}
