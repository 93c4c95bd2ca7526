package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How one route's answers are compared.
 *
 * @param comparator which comparator
 * @param json the JSON comparison's settings (predictions, tolerances, ignored, redacted and noisy
 *     paths): the top-level {@code compare} section with the route's own keys over it; the
 *     settings that are not per route (window, noise baseline, samples kept) are the top-level ones
 * @param text how generated text is scored, for the scored comparators
 * @param embeddings the embeddings endpoint, present exactly when {@code text.metric} is {@code embedding}
 */
public record RouteCompareConfig(ComparatorKind comparator, CompareConfig json, TextCompareConfig text,
                                 Optional<EmbeddingsConfig> embeddings) {
    public RouteCompareConfig {
        requireNonNull(comparator, "comparator");
        requireNonNull(json, "json");
        requireNonNull(text, "text");
        requireNonNull(embeddings, "embeddings");
        if (embeddings.isPresent() != (text.metric() == TextMetric.EMBEDDING)) {
            throw new IllegalArgumentException("embeddings: " + (embeddings.isPresent() ? "set" : "missing")
                    + " (expected: exactly when text.metric is embedding)");
        }
    }

    /** The JSON comparator with these settings: what a request matching no route gets. */
    public static RouteCompareConfig json(CompareConfig compare) {
        return new RouteCompareConfig(ComparatorKind.JSON, compare, TextCompareConfig.DEFAULTS, Optional.empty());
    }
}
