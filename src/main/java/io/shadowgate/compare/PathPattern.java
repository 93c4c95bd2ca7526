package io.shadowgate.compare;

import java.util.List;

/**
 * A compiled {@code ignore} or {@code redact} pointer: its unescaped tokens, where {@code *}
 * matches any index or key. Compiled once per comparer so the walk only compares strings.
 */
public final class PathPattern {
    private final String[] tokens;

    private PathPattern(List<String> tokens) {
        this.tokens = tokens.toArray(String[]::new);
    }

    static PathPattern compile(String pointer) {
        return new PathPattern(JsonPointers.tokens(pointer));
    }

    public static List<PathPattern> compileAll(List<String> pointers) {
        return pointers.stream().map(PathPattern::compile).toList();
    }

    int length() {
        return tokens.length;
    }

    String token(int index) {
        return tokens[index];
    }

    /** Whether the pattern names this path or one of its ancestors. */
    public boolean coversOrIsAbove(NodePath path) {
        return tokens.length <= path.depth() && matchesUpTo(path.ancestor(tokens.length));
    }

    /** Whether the pattern names something strictly below this path. */
    boolean reachesBelow(NodePath path) {
        return tokens.length > path.depth() && matchesUpTo(path);
    }

    /** Whether the first {@code path.depth()} tokens match the path's segments. */
    private boolean matchesUpTo(NodePath path) {
        for (NodePath segment = path; segment.depth() > 0; segment = segment.parent()) {
            if (!segment.matches(tokens[segment.depth() - 1])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder pointer = new StringBuilder();
        for (String token : tokens) {
            pointer.append('/').append(JsonPointers.escape(token));
        }
        return pointer.toString();
    }
}
