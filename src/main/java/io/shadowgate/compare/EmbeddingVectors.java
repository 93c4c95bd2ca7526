package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads the vectors of an OpenAI {@code /v1/embeddings} answer, {@code data[].embedding} in order:
 * arrays of numbers, or base64 strings of little-endian float32 ({@code encoding_format: base64}).
 */
final class EmbeddingVectors {
    private EmbeddingVectors() {}

    /** The vectors, or empty when the body is not such an answer (any vector unreadable). */
    static Optional<List<float[]>> read(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("data").isArray()) {
            return Optional.empty();
        }
        List<float[]> vectors = new ArrayList<>();
        for (JsonNode item : body.get("data")) {
            Optional<float[]> vector = vector(item.path("embedding"));
            if (vector.isEmpty()) {
                return Optional.empty();
            }
            vectors.add(vector.get());
        }
        return Optional.of(vectors);
    }

    private static Optional<float[]> vector(JsonNode embedding) {
        if (embedding.isArray()) {
            float[] vector = new float[embedding.size()];
            for (int i = 0; i < vector.length; i++) {
                if (!embedding.get(i).isNumber()) {
                    return Optional.empty();
                }
                vector[i] = embedding.get(i).floatValue();
            }
            return Optional.of(vector);
        }
        if (!embedding.isTextual()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(embedding.textValue());
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length % Float.BYTES != 0) {
            return Optional.empty();
        }
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return Optional.of(vector);
    }
}
