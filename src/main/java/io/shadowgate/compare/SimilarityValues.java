package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.config.TextMetric;

/**
 * The values of a {@link Difference.Kind#SIMILARITY} difference: each side's preview, with the
 * pair's score and metric on both so that either value read alone explains the difference
 * (a {@link Difference} has no field of its own for them).
 */
final class SimilarityValues {
    /** Components of a vector shown. */
    static final int VECTOR_HEAD = 8;
    /** The metric named for vectors compared by cosine. */
    static final String COSINE = "cosine";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SimilarityValues() {}

    /** {@code {"text": "<first 256 chars>", "score": 0.42, "metric": "rouge-l"}}; text null when there was none. */
    static JsonNode text(String text, double score, TextMetric metric) {
        ObjectNode value = NODES.objectNode();
        if (text == null) {
            value.putNull("text");
        } else {
            value.put("text", BodyPreview.text(text));
        }
        return value.put("score", score).put("metric", metric.configName());
    }

    /** {@code {"dimension": 1536, "head": [first 8 components], "score": 0.42, "metric": "cosine"}}. */
    static JsonNode vector(float[] vector, double score) {
        ObjectNode value = NODES.objectNode().put("dimension", vector.length);
        ArrayNode head = value.putArray("head");
        for (int i = 0; i < Math.min(VECTOR_HEAD, vector.length); i++) {
            head.add(vector[i]);
        }
        return value.put("score", score).put("metric", COSINE);
    }
}
