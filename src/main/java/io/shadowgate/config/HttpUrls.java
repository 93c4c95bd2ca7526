package io.shadowgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Validates upstream URLs: http or https, with a host, optionally a path used as a prefix, and
 * nothing the gateway would have to guess how to combine with the client's request.
 *
 * <p>A query or fragment is rejected because the client's own query is what gets forwarded. User
 * info ({@code user:pass@}) is rejected because the gateway would not send it and it would end up
 * in logs; credentials belong in the upstream's {@code headers}, which are redacted.
 */
final class HttpUrls {
    static final String EXPECTED = "an http or https URL";

    private HttpUrls() {}

    /** The URI {@code text} denotes, scheme in lower case; throws {@link IllegalArgumentException}. */
    static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(EXPECTED);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.isOpaque()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(EXPECTED + " without user info; put credentials in headers");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(EXPECTED + " with a host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException(EXPECTED + " with a port in 1..65535");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(EXPECTED + " without a query or fragment");
        }
        try {
            return new URI(scheme + text.substring(uri.getScheme().length()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("re-parsing a valid URI", e);
        }
    }

    /**
     * {@code text} with any user info and query hidden, for error messages: both are where
     * credentials end up in URLs ({@code user:pass@}, {@code ?code=} or {@code ?api-key=}).
     */
    static String redactCredentials(String text) {
        return text.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", "$1<redacted>@")
                .replaceFirst("\\?[^#]*", "?<redacted>");
    }
}
