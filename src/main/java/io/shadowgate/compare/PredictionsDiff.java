package io.shadowgate.compare;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the predictions in both answers and compares them. A configured pointer names them on
 * both sides. {@code auto} tries the usual serving formats in turn, and takes the first that
 * either side has, so both sides are always read the same way:
 * <ol>
 *   <li>{@code /predictions}: Azure ML, MLflow, KServe V1, TF Serving's row format;</li>
 *   <li>{@code /outputs}: by output name when both are Open Inference Protocol V2 outputs (see
 *       {@link OipOutputs}), else as a plain value (TF Serving's columnar format);</li>
 *   <li>the whole document: a top-level array (older MLflow) is a batch of rows.</li>
 * </ol>
 * When the predictions are an array, its elements are the rows of the batch.
 *
 * <p>A configured pointer with {@code *} tokens (any index or key) names every location it matches
 * in either answer: each is compared with the same location in the other (absent there is a
 * difference at it), stable's locations first in document order, then the candidate's own; nothing
 * else is compared. Each location's array is a batch of rows, as for OIP outputs.
 */
final class PredictionsDiff {
    private static final String PREDICTIONS = "predictions";
    private static final String OUTPUTS = "outputs";

    private final JsonPointer pointer;
    private final NodePath pointerPath;
    /** The pointer's tokens when it has a {@code *}; null otherwise. */
    private final List<String> wildcardTokens;

    /** {@code predictions} as configured: empty for {@code auto}, else a pointer, perhaps with {@code *} tokens. */
    PredictionsDiff(Optional<String> predictions) {
        List<String> tokens = predictions.map(JsonPointers::tokens).orElse(List.of());
        boolean wildcard = tokens.contains(JsonPointers.WILDCARD);
        this.wildcardTokens = wildcard ? tokens : null;
        this.pointer = wildcard ? null : predictions.map(JsonPointer::compile).orElse(null);
        this.pointerPath = wildcard ? null : predictions.map(NodePath::of).orElse(null);
    }

    void compare(JsonNode stable, JsonNode candidate, TreeDiff diff, RowTally rows) {
        if (wildcardTokens != null) {
            Map<String, NodePath> locations = new LinkedHashMap<>();
            collect(stable, 0, NodePath.ROOT, locations);
            collect(candidate, 0, NodePath.ROOT, locations);
            for (NodePath location : locations.values()) {
                JsonPointer at = JsonPointer.compile(location.pointer());
                diff.compareRows(location, stable.at(at), candidate.at(at), 1, rows);
            }
        } else if (pointer != null) {
            // Absent on both sides is agreement: neither answer has predictions to tell apart.
            diff.compareRows(pointerPath, stable.at(pointer), candidate.at(pointer), 1, rows);
        } else if (has(stable, PREDICTIONS) || has(candidate, PREDICTIONS)) {
            diff.compareRows(NodePath.ROOT.key(PREDICTIONS), stable.path(PREDICTIONS), candidate.path(PREDICTIONS),
                    1, rows);
        } else if (has(stable, OUTPUTS) || has(candidate, OUTPUTS)) {
            JsonNode stableOutputs = stable.path(OUTPUTS);
            JsonNode candidateOutputs = candidate.path(OUTPUTS);
            if (OipOutputs.applies(stableOutputs, candidateOutputs)) {
                OipOutputs.compare(stableOutputs, candidateOutputs, diff, rows);
            } else {
                diff.compareRows(NodePath.ROOT.key(OUTPUTS), stableOutputs, candidateOutputs, 1, rows);
            }
        } else {
            diff.compareRows(NodePath.ROOT, stable, candidate, 1, rows);
        }
    }

    /** Adds the locations below {@code node} (at {@code path}) that the tokens from {@code next} on match. */
    private void collect(JsonNode node, int next, NodePath path, Map<String, NodePath> locations) {
        if (next == wildcardTokens.size()) {
            locations.putIfAbsent(path.pointer(), path);
            return;
        }
        String token = wildcardTokens.get(next);
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (token.equals(JsonPointers.WILDCARD) || token.equals(Integer.toString(i))) {
                    collect(node.get(i), next + 1, path.index(i), locations);
                }
            }
        } else if (node.isObject()) {
            if (token.equals(JsonPointers.WILDCARD)) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    collect(field.getValue(), next + 1, path.key(field.getKey()), locations);
                }
            } else if (node.has(token)) {
                collect(node.get(token), next + 1, path.key(token), locations);
            }
        }
    }

    private static boolean has(JsonNode document, String field) {
        return document.isObject() && document.has(field);
    }
}
