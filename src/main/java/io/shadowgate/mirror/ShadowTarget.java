package io.shadowgate.mirror;

import static java.util.Objects.requireNonNull;

import io.shadowgate.config.UpstreamConfig;
import io.shadowgate.net.HeaderSource;
import java.time.Duration;
import java.util.Map;

/**
 * Where the mirror sends a copy: the upstream's base URL, its configured headers and its timeout.
 *
 * @param name {@code candidate}, or {@code stable} for the noise copy
 * @param baseUrl scheme, authority and path prefix, without a trailing slash
 * @param timeout the whole copy's bound (async-http-client's request timeout)
 * @param readTimeout the longest silence on its connection (async-http-client's read timeout)
 */
record ShadowTarget(String name, String baseUrl, HeaderSource headerSource, Duration timeout, Duration readTimeout) {
    ShadowTarget {
        requireNonNull(name, "name");
        requireNonNull(baseUrl, "baseUrl");
        requireNonNull(headerSource, "headerSource");
        requireNonNull(timeout, "timeout");
        requireNonNull(readTimeout, "readTimeout");
    }

    /** A target bounded only by its whole-request {@code timeout}. */
    ShadowTarget(String name, String baseUrl, HeaderSource headerSource, Duration timeout) {
        this(name, baseUrl, headerSource, timeout, timeout);
    }

    /**
     * The longest silence async-http-client may see on the connection. Its read timeout covers
     * both the wait for the head and the gaps between body parts, so it takes the larger of the
     * upstream's first-byte and idle timeouts: the copy is never cut sooner than the primary would be.
     */
    static Duration readTimeout(UpstreamConfig config) {
        Duration firstByte = config.firstByteTimeout();
        Duration idle = config.idleTimeout();
        return firstByte.compareTo(idle) >= 0 ? firstByte : idle;
    }

    static ShadowTarget of(String name, UpstreamConfig config, HeaderSource headers) {
        String url = config.url().toString();
        String path = config.url().getRawPath() == null ? "" : config.url().getRawPath();
        String base = url.substring(0, url.length() - path.length()) + config.pathPrefix();
        return new ShadowTarget(name, base, headers, config.timeout(), readTimeout(config));
    }

    /** The headers to add to a copy sent now. */
    Map<String, String> headers() {
        return headerSource.current();
    }

    /** The URL for a client's request-target such as {@code /score?x=1}. */
    String url(String requestUri) {
        return requestUri.startsWith("/") ? baseUrl + requestUri : baseUrl + "/" + requestUri;
    }
}
