package io.shadowgate.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every problem found while reading a configuration, so the user fixes them all in one
 * pass instead of one per restart.
 *
 * <p>Sections are read in code order, but users read the file top to bottom, so each error
 * carries the document position of the node it is about and {@link #messages()} sorts by it.
 */
final class ConfigErrors {
    /** How the document root is named in messages, since its path is empty. */
    static final String ROOT = "top level";

    private record Entry(int order, String text) {}

    private final List<Entry> entries = new ArrayList<>();

    /** Records {@code path: message}; {@code order} is the document position it sorts by. */
    void add(int order, String path, String message) {
        entries.add(new Entry(order, (path.isEmpty() ? ROOT : path) + ": " + message));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** All messages in document order; ties keep the order in which they were found. */
    List<String> messages() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(Entry::order)); // stable: ties keep insertion order
        return sorted.stream().map(Entry::text).toList();
    }

    void throwIfAny() throws ConfigException {
        if (!entries.isEmpty()) {
            throw new ConfigException(messages());
        }
    }

    /** The path of {@code key} inside {@code parent}. */
    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** The path of list element {@code index} inside {@code parent}, e.g. {@code stages[2]}. */
    static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** {@code text} in double quotes, escaped so control characters stay visible. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
