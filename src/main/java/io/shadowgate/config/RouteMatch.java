package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * Which requests a route takes: a path pattern and, optionally, a method. A pattern is exact
 * ({@code /v1/chat/completions}), a prefix when it ends in {@code /*} and has no other {@code *}
 * ({@code /v1/*} takes {@code /v1/models} and {@code /v1/a/b}), or else a glob whose every
 * {@code *} stands for part of one path segment ({@code /v2/models/*}{@code /infer}). The query is
 * not part of the path.
 *
 * @param path the pattern
 * @param method the method, upper case, or empty for any
 */
public record RouteMatch(String path, Optional<String> method) {
    public RouteMatch {
        requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: \"" + path + "\" (expected: a pattern starting with /)");
        }
        method = requireNonNull(method, "method").map(m -> m.toUpperCase(Locale.ROOT));
    }

    /** Whether a request with this method and path (no query) is the route's. */
    public boolean matches(String requestMethod, String requestPath) {
        if (method.isPresent() && !method.get().equalsIgnoreCase(requestMethod)) {
            return false;
        }
        if (isPrefix()) {
            String prefix = path.substring(0, path.length() - 1); // keeps the slash
            return requestPath.startsWith(prefix) || requestPath.equals(prefix.substring(0, prefix.length() - 1));
        }
        return path.indexOf('*') < 0 ? path.equals(requestPath) : glob(path, 0, requestPath, 0);
    }

    private boolean isPrefix() {
        return path.endsWith("/*") && path.indexOf('*') == path.length() - 1;
    }

    /** {@code *} matches any run of characters other than {@code /}. */
    private static boolean glob(String pattern, int p, String text, int t) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int end = t; ; end++) {
                    if (glob(pattern, p + 1, text, end)) {
                        return true;
                    }
                    if (end >= text.length() || text.charAt(end) == '/') {
                        return false;
                    }
                }
            }
            if (t >= text.length() || text.charAt(t) != c) {
                return false;
            }
            p++;
            t++;
        }
        return t == text.length();
    }

    /** The pattern as configured, with its method when it has one: {@code POST /v1/*}. */
    @Override
    public String toString() {
        return method.map(m -> m + " ").orElse("") + path;
    }
}
