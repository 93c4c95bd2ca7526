package io.shadowgate.mirror;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.compare.EmbeddingUnavailable;
import io.shadowgate.compare.TextEmbedder;
import io.shadowgate.config.EmbeddingsConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.Response;

/**
 * Scores texts for {@code text.metric: embedding}: asks an OpenAI-compatible embeddings endpoint
 * for both texts of a pair in one request, through the mirror's own client. It waits for the answer
 * on the comparison thread that calls it (never an event loop), at most {@code embeddings.timeout};
 * a failure of any kind leaves that pair not compared, never judged on a guess.
 */
final class EmbeddingsClient implements TextEmbedder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AsyncHttpClient http;
    private final EmbeddingsConfig config;

    EmbeddingsClient(AsyncHttpClient http, EmbeddingsConfig config) {
        this.http = requireNonNull(http, "http");
        this.config = requireNonNull(config, "config");
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        ObjectNode request = JSON.createObjectNode().put("model", config.model());
        ArrayNode input = request.putArray("input");
        texts.forEach(input::add);
        Response response;
        try {
            response = http.preparePost(config.url().toString())
                    .setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsBytes(request))
                    .setRequestTimeout(config.timeout())
                    .execute()
                    // The client's own timeout ends the request; this wait only guards against it not firing.
                    .get(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingUnavailable("embeddings: interrupted");
        } catch (ExecutionException | TimeoutException | IOException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new EmbeddingUnavailable("embeddings at " + config.url() + ": " + CappedBodyHandler.describe(cause));
        }
        if (response.getStatusCode() != 200) {
            throw new EmbeddingUnavailable("embeddings at " + config.url() + ": HTTP " + response.getStatusCode());
        }
        return vectors(response.getResponseBodyAsBytes(), texts.size());
    }

    /** The {@code data[].embedding} arrays in {@code index} order; anything else is unavailable. */
    private List<float[]> vectors(byte[] body, int expected) {
        JsonNode data;
        try {
            data = JSON.readTree(body).path("data");
        } catch (IOException e) {
            throw new EmbeddingUnavailable("embeddings at " + config.url() + ": not JSON");
        }
        if (!data.isArray() || data.size() != expected) {
            throw new EmbeddingUnavailable("embeddings at " + config.url() + ": expected " + expected
                    + " vectors in data[]");
        }
        float[][] ordered = new float[expected][];
        for (int i = 0; i < expected; i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").asInt(i);
            JsonNode vector = item.path("embedding");
            if (index < 0 || index >= expected || ordered[index] != null || !vector.isArray()) {
                throw new EmbeddingUnavailable("embeddings at " + config.url() + ": data[" + i + "] is not an embedding");
            }
            float[] values = new float[vector.size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = (float) vector.get(j).asDouble();
            }
            ordered[index] = values;
        }
        return new ArrayList<>(List.of(ordered));
    }
}
