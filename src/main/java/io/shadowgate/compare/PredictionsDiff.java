package io.shadowgate.compare;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
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
 */
final class PredictionsDiff {
    private static final String PREDICTIONS = "predictions";
    private static final String OUTPUTS = "outputs";

    private final JsonPointer pointer;
    private final NodePath pointerPath;

    /** {@code predictions} as configured: empty for {@code auto}, else a pointer without wildcards. */
    PredictionsDiff(Optional<String> predictions) {
        this.pointer = predictions.map(JsonPointer::compile).orElse(null);
        this.pointerPath = predictions.map(NodePath::of).orElse(null);
    }

    void compare(JsonNode stable, JsonNode candidate, TreeDiff diff, RowTally rows) {
        if (pointer != null) {
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

    private static boolean has(JsonNode document, String field) {
        return document.isObject() && document.has(field);
    }
}
