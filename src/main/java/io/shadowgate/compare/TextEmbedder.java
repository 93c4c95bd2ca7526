package io.shadowgate.compare;

import java.util.List;

/**
 * Turns texts into embedding vectors, for {@code text.metric: embedding}. The comparison stays
 * pure: whoever builds the comparer brings the embedder (an HTTP client of the route's
 * {@code compare.embeddings} endpoint, a fake in tests) and calls the comparer off the event loops.
 */
public interface TextEmbedder {
    /**
     * One vector per text, in order, all of one dimension.
     *
     * @throws EmbeddingUnavailable when the vectors cannot be had (endpoint down, timeout, bad answer);
     *     the comparison then fails with it and the caller counts the pair as not compared
     */
    List<float[]> embed(List<String> texts);
}
