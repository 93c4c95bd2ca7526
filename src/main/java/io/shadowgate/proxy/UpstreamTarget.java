package io.shadowgate.proxy;

import static java.util.Objects.requireNonNull;

import java.net.URI;

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

    /** Parses an http or https URL; the config loader has already validated it. */
    public static UpstreamTarget of(String name, URI url) {
        boolean secure = "https".equalsIgnoreCase(url.getScheme());
        int defaultPort = secure ? 443 : 80;
        int port = url.getPort() == -1 ? defaultPort : url.getPort();
        String rawHost = url.getHost();
        String host = rawHost.startsWith("[") ? rawHost.substring(1, rawHost.length() - 1) : rawHost;
        String authority = port == defaultPort ? rawHost : rawHost + ":" + port;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new UpstreamTarget(name, secure, host, port, path, authority);
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
