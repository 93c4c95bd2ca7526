package io.shadowgate.compare;

/**
 * Where a node sits in the response, built while walking the two trees. A linked list from the
 * node up to the root, so descending costs one small object and the pointer text is built only
 * for the few paths that are reported.
 *
 * <p>A segment may carry an alias: an OIP V2 output is reported by its name, and its index in
 * the response is the alias, so an {@code ignore} or {@code redact} pointer written with either
 * one matches.
 */
public final class NodePath {
    static final NodePath ROOT = new NodePath(null, null, null);

    private final NodePath parent;
    private final String token;
    private final String alias;
    private final int depth;

    private NodePath(NodePath parent, String token, String alias) {
        this.parent = parent;
        this.token = token;
        this.alias = alias;
        this.depth = parent == null ? 0 : parent.depth + 1;
    }

    NodePath key(String key) {
        return new NodePath(this, key, null);
    }

    NodePath index(int index) {
        return new NodePath(this, Integer.toString(index), null);
    }

    /** An OIP output: reported as its name, matched by its name or its index. */
    NodePath output(String name, int index) {
        return new NodePath(this, name, Integer.toString(index));
    }

    /** The path of a pointer (already validated), token by token. */
    public static NodePath of(String pointer) {
        NodePath path = ROOT;
        for (String token : JsonPointers.tokens(pointer)) {
            path = path.key(token);
        }
        return path;
    }

    int depth() {
        return depth;
    }

    NodePath parent() {
        return parent;
    }

    /** Whether a pattern token names this segment; never called on the root. */
    boolean matches(String patternToken) {
        return patternToken.equals(JsonPointers.WILDCARD) || patternToken.equals(token)
                || patternToken.equals(alias);
    }

    /** This path's ancestor (or itself) at the given depth. */
    NodePath ancestor(int atDepth) {
        NodePath path = this;
        while (path.depth > atDepth) {
            path = path.parent;
        }
        return path;
    }

    /** The RFC 6901 pointer, escaped. */
    String pointer() {
        if (depth == 0) {
            return "";
        }
        String[] tokens = new String[depth];
        for (NodePath path = this; path.depth > 0; path = path.parent) {
            tokens[path.depth - 1] = path.token;
        }
        StringBuilder pointer = new StringBuilder();
        for (String token : tokens) {
            pointer.append('/').append(JsonPointers.escape(token));
        }
        return pointer.toString();
    }

    @Override
    public String toString() {
        return pointer();
    }
}
