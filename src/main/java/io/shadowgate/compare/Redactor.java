package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.shadowgate.config.CompareConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Blanks the {@code redact} pointers of a JSON document before it is kept as a mismatch sample:
 * each value they name, whatever its type, becomes the string {@value #REDACTED}, so a reader
 * still sees that something was there. A {@code *} token matches every index or key; a pointer
 * that names nothing in the document changes nothing. The input is never modified.
 *
 * <p>The comparer also applies it to the values carried by each {@link Difference}, so a
 * difference never shows a value the samples hide. Immutable and thread-safe.
 */
public final class Redactor {
    /** What a redacted value becomes. */
    public static final String REDACTED = "<redacted>";

    private static final TextNode REDACTED_NODE = TextNode.valueOf(REDACTED);

    private final List<PathPattern> patterns;

    /** Compiles the pointers once; each must be a valid JSON Pointer ({@code *} tokens allowed). */
    public Redactor(List<String> pointers) {
        this.patterns = PathPattern.compileAll(requireNonNull(pointers, "pointers"));
    }

    /** The redactor of {@code config.redact()}. */
    public static Redactor of(CompareConfig config) {
        return new Redactor(config.redact());
    }

    /** A redacted copy of the document; the argument is left as it was. */
    public JsonNode redact(JsonNode document) {
        JsonNode redacted = redactAt(NodePath.ROOT, requireNonNull(document, "document"));
        return redacted == document ? document.deepCopy() : redacted;
    }

    /**
     * The body to keep as a sample: a JSON answer that parses is redacted and written back
     * (compactly); any other body is returned as it is, since there is nothing to address in it.
     */
    public byte[] redactBody(Answer answer) {
        if (!answer.json() || patterns.isEmpty()) {
            return answer.body();
        }
        return Json.parse(answer.body()).map(document -> Json.write(redactAt(NodePath.ROOT, document)))
                .orElse(answer.body());
    }

    /**
     * The value found at {@code path}, redacted: blanked whole when a pointer names the path or
     * one of its ancestors, else a copy with the parts below it blanked. Returns the value
     * itself when no pointer reaches it.
     */
    JsonNode redactAt(NodePath path, JsonNode value) {
        if (value.isMissingNode()) {
            return value;
        }
        for (PathPattern pattern : patterns) {
            if (pattern.coversOrIsAbove(path)) {
                return REDACTED_NODE;
            }
        }
        JsonNode copy = null;
        for (PathPattern pattern : patterns) {
            if (pattern.reachesBelow(path)) {
                if (copy == null) {
                    copy = value.deepCopy();
                }
                blank(copy, pattern, path.depth());
            }
        }
        return copy == null ? value : copy;
    }

    /** Blanks, in place, what {@code pattern} names below {@code node}, from token {@code from} on. */
    private static void blank(JsonNode node, PathPattern pattern, int from) {
        String token = pattern.token(from);
        boolean last = from == pattern.length() - 1;
        boolean wildcard = token.equals(JsonPointers.WILDCARD);
        if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            if (wildcard) {
                object.fieldNames().forEachRemaining(keys::add);
            } else if (object.has(token)) {
                keys.add(token);
            }
            for (String key : keys) {
                if (last) {
                    object.set(key, REDACTED_NODE);
                } else {
                    blank(object.get(key), pattern, from + 1);
                }
            }
        } else if (node instanceof ArrayNode array) {
            if (!wildcard) {
                int index = index(token, array.size());
                if (index >= 0) {
                    blankElement(array, index, pattern, from, last);
                }
                return;
            }
            for (int i = 0; i < array.size(); i++) {
                blankElement(array, i, pattern, from, last);
            }
        }
    }

    private static void blankElement(ArrayNode array, int index, PathPattern pattern, int from, boolean last) {
        if (last) {
            array.set(index, REDACTED_NODE);
        } else {
            blank(array.get(index), pattern, from + 1);
        }
    }

    /** The array index a token names, or -1: digits without a leading zero, within the array. */
    private static int index(String token, int size) {
        if (token.isEmpty() || token.length() > 9 || token.length() > 1 && token.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return -1;
            }
        }
        int index = Integer.parseInt(token);
        return index < size ? index : -1;
    }
}
