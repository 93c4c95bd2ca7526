package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Two bodies compared byte for byte: equal, or one {@link Difference.Kind#VALUE} difference at
 * {@code ""} whose values are each body's preview, with a {@link BytesDiff} on the comparison.
 * Shared by the JSON comparer's fallback and the exact and binary comparers.
 */
final class ByteBodies {
    private ByteBodies() {}

    /** The comparison of the two bodies; a difference goes through {@code log} (and its redactor). */
    static Comparison compare(byte[] stable, byte[] candidate, DifferenceLog log, Function<byte[], JsonNode> preview) {
        return compare(stable, candidate, log, preview, preview);
    }

    /** As {@link #compare(byte[], byte[], DifferenceLog, Function)}, each side shown its own way. */
    static Comparison compare(byte[] stable, byte[] candidate, DifferenceLog log,
                              Function<byte[], JsonNode> stablePreview, Function<byte[], JsonNode> candidatePreview) {
        if (Arrays.equals(stable, candidate)) {
            return Comparison.match();
        }
        log.record(NodePath.ROOT, Difference.Kind.VALUE, stablePreview.apply(stable), candidatePreview.apply(candidate));
        return new Comparison(log.recorded(), log.total(), 0, 0, false, Optional.of(BytesDiff.of(stable, candidate)));
    }
}
