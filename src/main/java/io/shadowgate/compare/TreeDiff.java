package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks two JSON trees side by side and records where they differ: numbers within tolerance,
 * (the tolerance of their path, see {@link Tolerance#at}), strings, booleans and nulls exactly, arrays by index (a size difference is one
 * {@link Difference.Kind#LENGTH} at the array, and the common prefix is still compared), objects
 * by key. A path named by an {@code ignore} pointer is skipped with everything under it.
 * One per comparison: it writes into that comparison's {@link DifferenceLog}.
 */
final class TreeDiff {
    private final List<PathPattern> ignore;
    private final Tolerance tolerance;
    private final DifferenceLog log;

    TreeDiff(List<PathPattern> ignore, Tolerance tolerance, DifferenceLog log) {
        this.ignore = ignore;
        this.tolerance = tolerance;
        this.log = log;
    }

    /**
     * Whether an {@code ignore} pointer names this path or an ancestor. Ancestors count because
     * the walk starts at the predictions, below the root: {@code ignore: [""]} must still hold.
     */
    boolean ignored(NodePath path) {
        for (PathPattern pattern : ignore) {
            if (pattern.coversOrIsAbove(path)) {
                return true;
            }
        }
        return false;
    }

    /** Compares the values at {@code path}; a {@link MissingNode} side means absent there. */
    void compare(NodePath path, JsonNode stable, JsonNode candidate) {
        if (ignored(path)) {
            return;
        }
        if (stable.isMissingNode() || candidate.isMissingNode()) {
            if (!candidate.isMissingNode()) {
                log.record(path, Difference.Kind.EXTRA, stable, candidate);
            } else if (!stable.isMissingNode()) {
                log.record(path, Difference.Kind.MISSING, stable, candidate);
            }
            return;
        }
        JsonNodeType type = stable.getNodeType();
        if (type != candidate.getNodeType()) {
            log.record(path, Difference.Kind.TYPE, stable, candidate);
            return;
        }
        boolean equal = switch (type) {
            case NUMBER -> tolerance.at(path).matches(stable, candidate);
            case STRING -> stable.textValue().equals(candidate.textValue());
            case BOOLEAN -> stable.booleanValue() == candidate.booleanValue();
            case NULL -> true;
            case ARRAY -> {
                compareElements(path, stable, candidate, 1, null);
                yield true;
            }
            case OBJECT -> {
                compareFields(path, stable, candidate, Set.of());
                yield true;
            }
            // Parsed JSON has no binary or POJO nodes; equals() is right for them anyway.
            default -> stable.equals(candidate);
        };
        if (!equal) {
            log.record(path, Difference.Kind.VALUE, stable, candidate);
        }
    }

    /**
     * Compares two objects key by key, leaving out {@code skipped} keys: stable's keys in its
     * order (absent in the candidate: {@code missing}), then keys only the candidate has
     * ({@code extra}). The caller has checked the path is not ignored.
     */
    void compareFields(NodePath path, JsonNode stable, JsonNode candidate, Set<String> skipped) {
        for (Map.Entry<String, JsonNode> field : stable.properties()) {
            if (!skipped.contains(field.getKey())) {
                compare(path.key(field.getKey()), field.getValue(), candidate.path(field.getKey()));
            }
        }
        for (Map.Entry<String, JsonNode> field : candidate.properties()) {
            if (!skipped.contains(field.getKey()) && !stable.has(field.getKey())) {
                compare(path.key(field.getKey()), MissingNode.getInstance(), field.getValue());
            }
        }
    }

    /**
     * Compares the values at {@code path} as the rows of a batch: every {@code perRow} elements
     * of the array make one row. A row differs when a difference is recorded under one of its
     * elements or when it exists on one side only; an array facing a non-array or an absent
     * value differs in all its rows.
     */
    void compareRows(NodePath path, JsonNode stable, JsonNode candidate, int perRow, RowTally rows) {
        if (ignored(path)) {
            return;
        }
        if (stable.isArray() && candidate.isArray()) {
            compareElements(path, stable, candidate, perRow, rows);
            return;
        }
        compare(path, stable, candidate);
        int size = Math.max(stable.isArray() ? stable.size() : 0, candidate.isArray() ? candidate.size() : 0);
        if (stable.isArray() || candidate.isArray()) {
            int rowCount = rowsOf(size, perRow);
            rows.batch(rowCount);
            rows.differs(0, rowCount);
        }
    }

    /** Two arrays, by index; {@code rows} (may be null) learns which rows differ. */
    private void compareElements(NodePath path, JsonNode stable, JsonNode candidate, int perRow, RowTally rows) {
        int common = Math.min(stable.size(), candidate.size());
        int longest = Math.max(stable.size(), candidate.size());
        if (rows != null) {
            rows.batch(rowsOf(longest, perRow));
        }
        // The array comes before its elements, so LENGTH is recorded first: document order.
        if (stable.size() != candidate.size()) {
            log.record(path, Difference.Kind.LENGTH, IntNode.valueOf(stable.size()), IntNode.valueOf(candidate.size()));
        }
        for (int i = 0; i < common; i++) {
            int before = log.total();
            compare(path.index(i), stable.get(i), candidate.get(i));
            if (rows != null && log.total() != before) {
                rows.differs(i / perRow);
            }
        }
        if (rows != null && longest > common) {
            rows.differs(common / perRow, rowsOf(longest, perRow));
        }
    }

    private static int rowsOf(int elements, int perRow) {
        return elements / perRow + (elements % perRow == 0 ? 0 : 1);
    }
}
