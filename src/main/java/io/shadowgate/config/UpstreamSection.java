package io.shadowgate.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Reads an upstream section: where a model deployment listens and how to talk to it.
 *
 * <p>Shared by every section that names a model endpoint ({@code stable} now, {@code candidate}
 * next), so they validate alike.
 */
final class UpstreamSection {
    static final Duration STABLE_TIMEOUT = Duration.ofSeconds(30);

    private UpstreamSection() {}

    /** Reads {@code node}; {@code url} is required, {@code timeout} defaults to {@code defaultTimeout}. */
    static UpstreamConfig read(ConfigNode node, Duration defaultTimeout) {
        return read(node, defaultTimeout, false);
    }

    /**
     * Reads {@code node}; without a {@code url} and with {@code endpointHasUrl}, the url is the
     * Azure ML endpoint's scoring URI, filled in when the gateway starts.
     */
    static UpstreamConfig read(ConfigNode node, Duration defaultTimeout, boolean endpointHasUrl) {
        URI url = endpointHasUrl && node.value("url").isEmpty()
                ? UpstreamConfig.ENDPOINT_SCORING_URI : node.requiredUrl("url");
        ConfigNode headerSection = node.section("headers");
        Map<String, String> headers = headerSection.asStringMap();
        HttpHeaderRules.check(headerSection, headers);
        Duration connectTimeout = node.positiveDuration("connectTimeout", Duration.ofSeconds(2));
        Duration timeout = node.positiveDuration("timeout", defaultTimeout);
        return new UpstreamConfig(
                url,
                headers,
                connectTimeout,
                timeout,
                node.integer("maxConnections", 256, 1, 65536),
                withinTotal(node, "firstByteTimeout", timeout),
                withinTotal(node, "idleTimeout", timeout));
    }

    /**
     * A positive duration that defaults to {@code timeout} and may not exceed it: the total bounds
     * the whole exchange, so a longer part-timeout could never fire and is a mistake to report.
     */
    private static Duration withinTotal(ConfigNode node, String key, Duration timeout) {
        Duration value = node.positiveDuration(key, timeout);
        if (value.compareTo(timeout) > 0) {
            node.reject(key, millis(value) + " (expected: at most timeout, " + millis(timeout) + ")");
            return timeout;
        }
        return value;
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
