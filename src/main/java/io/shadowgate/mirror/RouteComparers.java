package io.shadowgate.mirror;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.Comparer;
import io.shadowgate.compare.Comparers;
import io.shadowgate.compare.StreamFormat;
import io.shadowgate.compare.TextEmbedder;
import io.shadowgate.config.EmbeddingsConfig;
import io.shadowgate.config.RouteConfig;
import io.shadowgate.config.RouteTable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Each route's comparer and stream format, built once from the route table. */
final class RouteComparers {
    /** How one route's answers are assembled and compared. */
    record RouteComparer(Comparer comparer, StreamFormat format) {}

    private final Map<String, RouteComparer> byLabel = new HashMap<>();

    /** @param embedders the embedder of a route with {@code text.metric: embedding}, from its endpoint's settings */
    RouteComparers(RouteTable routes, Function<EmbeddingsConfig, TextEmbedder> embedders) {
        for (RouteConfig route : routes.routes()) {
            byLabel.putIfAbsent(route.label(), of(route, embedders));
        }
        byLabel.put(routes.fallback().label(), of(routes.fallback(), embedders));
    }

    private static RouteComparer of(RouteConfig route, Function<EmbeddingsConfig, TextEmbedder> embedders) {
        TextEmbedder embedder = route.compare().embeddings().map(embedders).orElse(null);
        return new RouteComparer(Comparers.of(route.compare(), embedder), StreamFormat.of(route.compare().comparator()));
    }

    RouteComparer of(String label) {
        return requireNonNull(byLabel.get(label), () -> "no comparer for route " + label);
    }
}
