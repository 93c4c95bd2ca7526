package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import io.shadowgate.config.TextCompareConfig;
import io.shadowgate.config.TextMetric;
import java.util.ArrayList;
import java.util.List;

/**
 * A route's text scoring: its metric, threshold and length bound, and for
 * {@link TextMetric#EMBEDDING} the embedder. Scores several pairs at once so that one embedding
 * request serves every choice of an answer. Immutable; thread-safe when the embedder is.
 */
final class TextScorer {
    private final TextCompareConfig config;
    private final TextEmbedder embedder;

    /** @throws IllegalArgumentException when the metric is embedding and there is no embedder */
    TextScorer(TextCompareConfig config, TextEmbedder embedder) {
        this.config = requireNonNull(config, "config");
        if (config.metric() == TextMetric.EMBEDDING && embedder == null) {
            throw new IllegalArgumentException("embedder: null (expected: one, for text.metric embedding)");
        }
        this.embedder = embedder;
    }

    TextMetric metric() {
        return config.metric();
    }

    double threshold() {
        return config.threshold();
    }

    /**
     * The score of each pair {@code (stable[i], candidate[i])}.
     *
     * @throws EmbeddingUnavailable when the embedder fails or answers with the wrong vectors
     */
    double[] scores(List<String> stable, List<String> candidate) {
        double[] scores = new double[stable.size()];
        if (config.metric() != TextMetric.EMBEDDING) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = TextSimilarity.score(config.metric(), stable.get(i), candidate.get(i), config.maxChars());
            }
            return scores;
        }
        if (scores.length == 0) {
            return scores;
        }
        List<String> texts = new ArrayList<>(2 * scores.length);
        for (int i = 0; i < scores.length; i++) {
            texts.add(TextTokens.cut(stable.get(i), config.maxChars()));
            texts.add(TextTokens.cut(candidate.get(i), config.maxChars()));
        }
        List<float[]> vectors = embedder.embed(texts);
        if (vectors == null || vectors.size() != texts.size()) {
            throw new EmbeddingUnavailable("embedder returned " + (vectors == null ? "nothing" : vectors.size()
                    + " vectors") + " for " + texts.size() + " texts");
        }
        for (int i = 0; i < scores.length; i++) {
            float[] a = vectors.get(2 * i);
            float[] b = vectors.get(2 * i + 1);
            if (a == null || b == null || a.length != b.length || a.length == 0) {
                throw new EmbeddingUnavailable("embedder returned vectors of dimensions "
                        + (a == null ? "none" : a.length) + " and " + (b == null ? "none" : b.length)
                        + " (expected: equal, non-zero)");
            }
            scores[i] = TextSimilarity.cosine(a, b);
        }
        return scores;
    }

    double score(String stable, String candidate) {
        return scores(List.of(stable), List.of(candidate))[0];
    }
}
