package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import io.shadowgate.config.RouteCompareConfig;

/** Builds a route's {@link Comparer} from its {@code compare} settings. */
public final class Comparers {
    private Comparers() {}

    /**
     * The comparer of a route. Every comparer redacts with the route's {@code json.redact}; the
     * structural ones ({@code json}, the OpenAI ones) also take its tolerances and {@code ignore}.
     * A comparer scoring by embeddings calls the embedder inside {@link Comparer#compare}, which
     * then blocks as long as it does and throws its {@link EmbeddingUnavailable}.
     *
     * @param embedder turns texts into vectors for {@code text.metric: embedding}; may be null
     *     otherwise, or when the comparator does not score text ({@code json}, {@code exact},
     *     {@code binary}, {@code embedding-vectors})
     * @throws IllegalArgumentException when the comparator scores text by embeddings and
     *     {@code embedder} is null
     */
    public static Comparer of(RouteCompareConfig route, TextEmbedder embedder) {
        requireNonNull(route, "route");
        return switch (route.comparator()) {
            case JSON -> new AnswerComparer(route.json());
            case EXACT -> BytesComparer.exact(Redactor.of(route.json()));
            case BINARY -> BytesComparer.binary(Redactor.of(route.json()));
            case TEXT -> new TextComparer(new TextScorer(route.text(), embedder), Redactor.of(route.json()));
            case OPENAI_CHAT -> new OpenAiComparer(OpenAiShape.CHAT, new AnswerComparer(route.json()),
                    new TextScorer(route.text(), embedder));
            case OPENAI_COMPLETIONS -> new OpenAiComparer(OpenAiShape.COMPLETIONS, new AnswerComparer(route.json()),
                    new TextScorer(route.text(), embedder));
            case EMBEDDING_VECTORS -> new EmbeddingVectorsComparer(route.text().threshold(), Redactor.of(route.json()));
        };
    }
}
