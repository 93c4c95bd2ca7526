package io.shadowgate.proxy;

import static java.util.Objects.requireNonNull;

import io.shadowgate.config.UpstreamConfig;

/**
 * Where one upstream lives, parsed once from its configured URL: scheme, host, port, the path
 * prefix to put before every request's path, and the {@code Host} header it expects.
 *
 * @param name      the upstream's name in metrics and errors ({@code stable}, {@code candidate})
 * @param secure    true for https
 * @param host      host name or address to connect to (IPv6 without brackets)
 * @param port      TCP port (the scheme's default when the URL has none)
 * @param basePath  prefix for every forwarded path, without a trailing slash ("" for none)
 * @param authority the {@code Host} header value: host, plus the port when not the default
 */
public record UpstreamTarget(String name, boolean secure, String host, int port, String basePath, String authority) {

    public UpstreamTarget {
        requireNonNull(name, "name");
        requireNonNull(host, "host");
        requireNonNull(basePath, "basePath");
        requireNonNull(authority, "authority");
    }

    /** Where the configured upstream lives; the config loader has already validated its URL. */
    public static UpstreamTarget of(String name, UpstreamConfig config) {
        int defaultPort = config.secure() ? 443 : 80;
        String rawHost = config.url().getHost(); // keeps an IPv6 literal's brackets, as Host needs them
        String authority = config.port() == defaultPort ? rawHost : rawHost + ":" + config.port();
        return new UpstreamTarget(name, config.secure(), config.host(), config.port(), config.pathPrefix(), authority);
    }

    /** The request-target to send upstream for a client's request-target ({@code /score?x=1}). */
    public String forward(String requestUri) {
        if (basePath.isEmpty()) {
            return requestUri;
        }
        return requestUri.startsWith("/") ? basePath + requestUri : basePath + "/" + requestUri;
    }

    @Override
    public String toString() {
        return (secure ? "https://" : "http://") + authority + basePath;
    }
}
