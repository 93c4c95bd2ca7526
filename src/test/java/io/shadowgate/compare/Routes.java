package io.shadowgate.compare;

import io.shadowgate.config.ComparatorKind;
import io.shadowgate.config.CompareConfig;
import io.shadowgate.config.EmbeddingsConfig;
import io.shadowgate.config.RouteCompareConfig;
import io.shadowgate.config.TextCompareConfig;
import io.shadowgate.config.TextMetric;
import java.net.URI;
import java.util.Optional;

/** Route compare settings for the comparer tests. */
final class Routes {
    private Routes() {}

    static RouteCompareConfig route(ComparatorKind comparator, CompareConfig json, TextMetric metric, double threshold) {
        Optional<EmbeddingsConfig> embeddings = metric == TextMetric.EMBEDDING
                ? Optional.of(new EmbeddingsConfig(URI.create("http://127.0.0.1:9/v1/embeddings"), "small",
                        EmbeddingsConfig.DEFAULT_TIMEOUT))
                : Optional.empty();
        return new RouteCompareConfig(comparator, json,
                new TextCompareConfig(metric, threshold, TextCompareConfig.DEFAULT_MAX_CHARS), embeddings);
    }

    static RouteCompareConfig route(ComparatorKind comparator, TextMetric metric, double threshold) {
        return route(comparator, Fixtures.exact(), metric, threshold);
    }

    static Comparer comparer(ComparatorKind comparator, TextMetric metric, double threshold) {
        return Comparers.of(route(comparator, metric, threshold), null);
    }
}
