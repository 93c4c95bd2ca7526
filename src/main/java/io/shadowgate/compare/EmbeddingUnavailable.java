package io.shadowgate.compare;

/**
 * A {@link TextEmbedder} could not embed the texts; its message says why, short enough for a log
 * line or a metric's reason. Unchecked: it passes through {@link Comparer#compare} to the caller.
 */
public class EmbeddingUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmbeddingUnavailable(String message) {
        super(message);
    }

    public EmbeddingUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
