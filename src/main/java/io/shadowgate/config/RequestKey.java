package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * Where a request's stickiness key comes from, written {@code header:X-User-Id} or
 * {@code cookie:session} in the config: requests with the same key get the same decision.
 *
 * @param source whether the key is a header or a cookie
 * @param name the header name (matched case-insensitively) or the cookie name (exact)
 */
public record RequestKey(Source source, String name) {
    public enum Source { HEADER, COOKIE }

    public RequestKey {
        requireNonNull(source, "source");
        requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return source.name().toLowerCase(Locale.ROOT) + ":" + name;
    }
}
