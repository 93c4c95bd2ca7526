package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Compares Open Inference Protocol V2 {@code outputs}: tensors matched by {@code name}, not by
 * position, so a candidate that lists its outputs in another order still matches. An output is
 * reported as {@code /outputs/<name>} (its index in the answer also matches {@code ignore} and
 * {@code redact} pointers); an output on one side only is {@code missing} or {@code extra}.
 * Every field of an output but its name is compared, so {@code shape} and {@code datatype}
 * count too.
 *
 * <p>Rows: the first dimension of {@code shape}. OIP sends {@code data} flattened in row-major
 * order, so with shape {@code [2, 3]} elements 0..2 are row 0 and 3..5 row 1. When the shape
 * does not describe the data (absent, or not multiplying out to its length) and the data is not
 * nested one array per row either, each element is a row. Row {@code i} of the batch differs
 * when row {@code i} of any output differs.
 */
final class OipOutputs {
    private static final String NAME = "name";
    private static final String DATA = "data";
    private static final String SHAPE = "shape";
    private static final Set<String> COMPARED_APART = Set.of(NAME, DATA);
    private static final NodePath OUTPUTS = NodePath.ROOT.key("outputs");

    private OipOutputs() {}

    /** Whether both sides are OIP outputs or absent (the caller knows at least one is present). */
    static boolean applies(JsonNode stable, JsonNode candidate) {
        return (stable.isMissingNode() || isOip(stable)) && (candidate.isMissingNode() || isOip(candidate));
    }

    /** An array of objects with unique text names; duplicates could not be matched by name. */
    private static boolean isOip(JsonNode outputs) {
        if (!outputs.isArray()) {
            return false;
        }
        Set<String> names = new HashSet<>();
        for (JsonNode output : outputs) {
            if (!output.isObject() || !output.path(NAME).isTextual() || !names.add(output.get(NAME).textValue())) {
                return false;
            }
        }
        return true;
    }

    static void compare(JsonNode stable, JsonNode candidate, TreeDiff diff, RowTally rows) {
        if (diff.ignored(OUTPUTS)) {
            return;
        }
        Map<String, Integer> candidateIndex = indexByName(candidate);
        Map<String, Integer> stableIndex = indexByName(stable);
        for (int i = 0; i < stable.size(); i++) {
            JsonNode output = stable.get(i);
            String name = output.get(NAME).textValue();
            Integer j = candidateIndex.get(name);
            NodePath path = OUTPUTS.output(name, i);
            if (j == null) {
                onOneSide(path, output, MissingNode.getInstance(), diff, rows);
            } else {
                compareOutput(path, output, candidate.get(j), diff, rows);
            }
        }
        for (int j = 0; j < candidate.size(); j++) {
            JsonNode output = candidate.get(j);
            String name = output.get(NAME).textValue();
            if (!stableIndex.containsKey(name)) {
                onOneSide(OUTPUTS.output(name, j), MissingNode.getInstance(), output, diff, rows);
            }
        }
    }

    private static void compareOutput(NodePath path, JsonNode stable, JsonNode candidate, TreeDiff diff,
                                      RowTally rows) {
        if (diff.ignored(path)) {
            return;
        }
        diff.compareFields(path, stable, candidate, COMPARED_APART);
        int perRow = elementsPerRow(stable).orElse(elementsPerRow(candidate).orElse(1));
        diff.compareRows(path.key(DATA), stable.path(DATA), candidate.path(DATA), perRow, rows);
    }

    /** An output on one side only: one difference at the output, and every row of its data. */
    private static void onOneSide(NodePath path, JsonNode stable, JsonNode candidate, TreeDiff diff, RowTally rows) {
        if (diff.ignored(path)) {
            return;
        }
        diff.compare(path, stable, candidate);
        JsonNode output = stable.isMissingNode() ? candidate : stable;
        JsonNode data = output.path(DATA);
        if (data.isArray() && !diff.ignored(path.key(DATA))) {
            int perRow = elementsPerRow(output).orElse(1);
            int rowCount = data.size() / perRow + (data.size() % perRow == 0 ? 0 : 1);
            rows.batch(rowCount);
            rows.differs(0, rowCount);
        }
    }

    /** Elements per row when the shape describes the data: flat (product of dims) or nested (first dim). */
    private static OptionalInt elementsPerRow(JsonNode output) {
        JsonNode shape = output.path(SHAPE);
        JsonNode data = output.path(DATA);
        if (!shape.isArray() || shape.isEmpty() || !data.isArray()) {
            return OptionalInt.empty();
        }
        long perRow = 1;
        for (int d = 0; d < shape.size(); d++) {
            JsonNode dim = shape.get(d);
            // Bounded by int, so no product below can overflow a long.
            if (!dim.isIntegralNumber() || !dim.canConvertToInt() || dim.intValue() < 0) {
                return OptionalInt.empty();
            }
            if (d > 0) {
                perRow *= dim.longValue();
                if (perRow > data.size()) {
                    return OptionalInt.empty();
                }
            }
        }
        long first = shape.get(0).longValue();
        if (perRow > 0 && first * perRow == data.size()) {
            return OptionalInt.of((int) perRow);
        }
        // Nested data: one array per row.
        return first == data.size() && shape.size() > 1 ? OptionalInt.of(1) : OptionalInt.empty();
    }

    private static Map<String, Integer> indexByName(JsonNode outputs) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            index.put(outputs.get(i).get(NAME).textValue(), i);
        }
        return index;
    }
}
