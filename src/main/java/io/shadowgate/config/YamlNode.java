package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The parsed YAML document as a tree that keeps every scalar's text exactly as written.
 *
 * <p>Jackson's own tree would turn {@code 0777} into 511 and {@code 1.50} into 1.5, which is
 * wrong for tokens and header values, and it cannot tell where a node sits in the file. Each node
 * here carries its position in document order ({@link #order()}) so that errors found while
 * reading sections in code order can still be reported in file order.
 */
sealed interface YamlNode {

    /** Pre-order position of this node in the document; smaller means earlier in the file. */
    int order();

    /** A mapping; {@code endOrder} sorts after all of its children, for "required" errors. */
    record Mapping(Map<String, YamlNode> entries, int order, int endOrder) implements YamlNode {
        public Mapping {
            requireNonNull(entries, "entries");
        }
    }

    /** A sequence ({@code - a} or {@code [a, b]}). */
    record Sequence(List<YamlNode> items, int order) implements YamlNode {
        public Sequence {
            requireNonNull(items, "items");
        }
    }

    /** A scalar as written, before {@code ${...}} expansion; an empty value is "". */
    record Scalar(String text, int order) implements YamlNode {
        public Scalar {
            requireNonNull(text, "text");
        }
    }

    /** An explicit {@code null} or {@code ~}; readers treat it like an absent key. */
    record Null(int order) implements YamlNode {}

    /** How a node reads in an error message, e.g. {@code "abc"} or {@code a list}. */
    static String describe(YamlNode node) {
        if (node instanceof Scalar s) {
            return ConfigErrors.quote(s.text());
        }
        if (node instanceof Mapping) {
            return "a mapping";
        }
        return node instanceof Sequence ? "a list" : "null";
    }
}
