package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * The OpenAI-compatible embeddings endpoint that scores texts for {@code text.metric: embedding}:
 * {@code compare.embeddings} in a route.
 *
 * @param url the endpoint, e.g. {@code http://127.0.0.1:9300/v1/embeddings}
 * @param model the {@code model} sent with each request
 * @param timeout how long one request for a pair's embeddings may take
 */
public record EmbeddingsConfig(URI url, String model, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public EmbeddingsConfig {
        requireNonNull(url, "url");
        requireNonNull(model, "model");
        requireNonNull(timeout, "timeout");
    }
}
