package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One model deployment the gateway sends requests to.
 *
 * @param url http or https base URL; its path, if any, prefixes every forwarded request path
 * @param headers extra headers added to every request (often credentials), in configured order
 * @param connectTimeout how long opening a connection may take
 * @param timeout how long a whole request may take, from dispatch to the response's last byte
 * @param maxConnections most connections kept open to this upstream
 * @param firstByteTimeout how long until the response head (status line and headers) arrives; at most {@code timeout}
 * @param idleTimeout the longest silence between two pieces of the response body; at most {@code timeout}
 */
public record UpstreamConfig(URI url, Map<String, String> headers,
                             Duration connectTimeout, Duration timeout, int maxConnections,
                             Duration firstByteTimeout, Duration idleTimeout) {
    /**
     * Stands for "the Azure ML endpoint's scoring URI" in a configuration read without network
     * access; replaced when the gateway starts (see {@link #awaitsEndpointUri()}).
     */
    public static final URI ENDPOINT_SCORING_URI = URI.create("azureml:scoring-uri");

    public UpstreamConfig {
        requireNonNull(url, "url");
        requireNonNull(headers, "headers");
        requireNonNull(connectTimeout, "connectTimeout");
        requireNonNull(timeout, "timeout");
        requireNonNull(firstByteTimeout, "firstByteTimeout");
        requireNonNull(idleTimeout, "idleTimeout");
        headers.forEach((name, value) -> {
            requireNonNull(name, "header name");
            requireNonNull(value, "header value");
        });
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers)); // keeps the order
    }

    /** An upstream whose first-byte and idle timeouts are the whole {@code timeout}: only the total bounds it. */
    public UpstreamConfig(URI url, Map<String, String> headers, Duration connectTimeout, Duration timeout,
                          int maxConnections) {
        this(url, headers, connectTimeout, timeout, maxConnections, timeout, timeout);
    }

    /** Whether the url is still the endpoint's scoring URI to be read from Azure ML. */
    public boolean awaitsEndpointUri() {
        return ENDPOINT_SCORING_URI.equals(url);
    }

    /** This upstream at another url, with extra headers after the configured ones, which win. */
    public UpstreamConfig at(URI url, Map<String, String> extraHeaders) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        extraHeaders.forEach((name, value) -> {
            if (headers.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
                all.put(name, value);
            }
        });
        return new UpstreamConfig(url, all, connectTimeout, timeout, maxConnections, firstByteTimeout, idleTimeout);
    }

    /** Whether the upstream is reached over TLS. */
    public boolean secure() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    /** The host to connect to, without the brackets an IPv6 literal has in a URL. */
    public String host() {
        String host = url.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The port to connect to: the URL's, or 80 / 443 by scheme. */
    public int port() {
        return url.getPort() != -1 ? url.getPort() : secure() ? 443 : 80;
    }

    /** The URL's path without a trailing slash, to prepend to request paths; "" when none. */
    public String pathPrefix() {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Header values are redacted: they are usually API keys, and configurations end up in logs. */
    @Override
    public String toString() {
        StringJoiner redacted = new StringJoiner(", ", "{", "}");
        headers.keySet().forEach(name -> redacted.add(name + "=<redacted>"));
        return "UpstreamConfig[url=" + url + ", headers=" + redacted + ", connectTimeout=" + connectTimeout
                + ", timeout=" + timeout + ", maxConnections=" + maxConnections
                + ", firstByteTimeout=" + firstByteTimeout + ", idleTimeout=" + idleTimeout + "]";
    }
}
