package io.shadowgate.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6901 JSON Pointer helpers for paths in differences, {@code ignore} and {@code redact}:
 * escaping a token, splitting a pointer into tokens, and collapsing array indices for metric
 * labels. In {@code ignore} and {@code redact} a token {@code *} is a wildcard.
 */
public final class JsonPointers {
    /** The token that matches any array index or object key in {@code ignore} and {@code redact}. */
    public static final String WILDCARD = "*";

    private JsonPointers() {}

    /** One reference token as written in a pointer: {@code ~} becomes {@code ~0}, {@code /} becomes {@code ~1}. */
    public static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        // ~ first: escaping / first would create "~1" sequences that the second pass turns into "~01".
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** The unescaped tokens of a pointer; {@code ""} (the whole document) has none. */
    public static List<String> tokens(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (pointer.charAt(0) != '/') {
            throw new IllegalArgumentException("\"" + pointer + "\" (expected: a JSON Pointer, empty or starting with /)");
        }
        List<String> tokens = new ArrayList<>();
        int start = 1;
        while (true) {
            int slash = pointer.indexOf('/', start);
            String raw = slash < 0 ? pointer.substring(start) : pointer.substring(start, slash);
            tokens.add(unescape(raw, pointer));
            if (slash < 0) {
                return List.copyOf(tokens);
            }
            start = slash + 1;
        }
    }

    /**
     * The pointer with every token that is an array index (digits without a leading zero) replaced
     * by {@code *}: {@code /predictions/3/score} becomes <code>/predictions/*&#47;score</code>. Object keys
     * made of digits are collapsed too; a label cannot tell them from indices and loses nothing
     * by it.
     */
    public static String collapse(String pointer) {
        if (pointer.isEmpty()) {
            return pointer;
        }
        StringBuilder collapsed = new StringBuilder(pointer.length());
        int start = 1;
        while (start <= pointer.length()) {
            int slash = pointer.indexOf('/', start);
            int end = slash < 0 ? pointer.length() : slash;
            collapsed.append('/');
            if (isIndex(pointer, start, end)) {
                collapsed.append(WILDCARD);
            } else {
                collapsed.append(pointer, start, end);
            }
            start = end + 1;
        }
        return collapsed.toString();
    }

    private static boolean isIndex(String text, int start, int end) {
        if (start == end || end - start > 1 && text.charAt(start) == '0') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String unescape(String raw, String pointer) {
        if (raw.indexOf('~') < 0) {
            return raw;
        }
        StringBuilder token = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '~') {
                token.append(c);
            } else if (i + 1 < raw.length() && (raw.charAt(i + 1) == '0' || raw.charAt(i + 1) == '1')) {
                token.append(raw.charAt(++i) == '0' ? '~' : '/');
            } else {
                throw new IllegalArgumentException("\"" + pointer + "\" (expected: ~ only as ~0 or ~1)");
            }
        }
        return token.toString();
    }
}
