package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * The {@code exact} and {@code binary} comparators: status classes as {@link AnswerComparer}
 * compares them, then the bodies byte for byte, whatever their content type. Unequal bodies are
 * one {@link Difference.Kind#VALUE} difference at {@code ""} with a {@link BytesDiff}; {@code exact}
 * shows the start of each body as text, {@code binary} only its length and digest. Unscored.
 */
final class BytesComparer implements Comparer {
    private final Redactor redactor;
    private final Function<byte[], JsonNode> preview;

    private BytesComparer(Redactor redactor, Function<byte[], JsonNode> preview) {
        this.redactor = requireNonNull(redactor, "redactor");
        this.preview = preview;
    }

    static BytesComparer exact(Redactor redactor) {
        return new BytesComparer(redactor, BodyPreview::text);
    }

    static BytesComparer binary(Redactor redactor) {
        return new BytesComparer(redactor, BodyPreview::digest);
    }

    @Override
    public Comparison compare(Answer stable, Answer candidate) {
        if (stable.status() / 100 != candidate.status() / 100) {
            return Comparison.of(Difference.status(stable.status(), candidate.status()));
        }
        DifferenceLog log = new DifferenceLog(AnswerComparer.MAX_RECORDED_DIFFERENCES, redactor);
        return ByteBodies.compare(stable.body(), candidate.body(), log, preview);
    }

    @Override
    public Redactor redactor() {
        return redactor;
    }
}
