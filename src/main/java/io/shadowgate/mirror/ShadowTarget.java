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
 */
record ShadowTarget(String name, String baseUrl, HeaderSource headerSource, Duration timeout) {
    ShadowTarget {
        requireNonNull(name, "name");
        requireNonNull(baseUrl, "baseUrl");
        requireNonNull(headerSource, "headerSource");
        requireNonNull(timeout, "timeout");
    }

    static ShadowTarget of(String name, UpstreamConfig config, HeaderSource headers) {
        String url = config.url().toString();
        String path = config.url().getRawPath() == null ? "" : config.url().getRawPath();
        String base = url.substring(0, url.length() - path.length()) + config.pathPrefix();
        return new ShadowTarget(name, base, headers, config.timeout());
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
