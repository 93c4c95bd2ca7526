package io.shadowgate.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the extra headers configured for an upstream before the gateway ever sends them.
 *
 * <p>Names must be HTTP tokens (RFC 9110), and a name may appear only once ignoring case.
 * Framing and hop-by-hop headers are refused because the gateway sets them per request; a fixed
 * {@code Content-Length} would corrupt every request. Values may not contain line breaks or other
 * control characters (header injection). Messages never echo a value: these are often API keys.
 */
final class HttpHeaderRules {
    private static final String TOKEN_PUNCTUATION = "!#$%&'*+-.^_`|~";
    private static final Set<String> SET_BY_GATEWAY = Set.of(
            "connection", "content-length", "keep-alive", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade");

    private HttpHeaderRules() {}

    /** Reports each invalid entry of {@code headers} (read from {@code section}) against its key. */
    static void check(ConfigNode section, Map<String, String> headers) {
        Map<String, String> seen = new HashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!isToken(name)) {
                section.reject(name, "invalid header name (expected: letters, digits and "
                        + TOKEN_PUNCTUATION + ")");
            } else if (SET_BY_GATEWAY.contains(lower)) {
                section.reject(name, "set by the gateway for each request; remove it");
            } else if (seen.containsKey(lower)) {
                section.reject(name, "duplicate of " + seen.get(lower) + " (header names ignore case)");
            }
            seen.putIfAbsent(lower, name);
            if (!isFieldValue(value)) {
                section.reject(name, "value contains a line break or control character");
            }
        });
    }

    static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alnum && TOKEN_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Tab and visible characters only; anything else could end the header line early. */
    static boolean isFieldValue(String value) {
        return value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f);
    }
}
