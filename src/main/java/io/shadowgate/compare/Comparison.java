package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The outcome of comparing one stable answer with one candidate answer.
 *
 * <p>At most {@link AnswerComparer#MAX_RECORDED_DIFFERENCES} differences are kept, in the order
 * found, but all are counted: {@code totalDifferences} can exceed {@code differences().size()}.
 * When the predictions are a batch (an array of rows, or OIP V2 outputs), the rows are counted
 * too: a row differs when any difference lies under it or it exists on one side only.
 *
 * @param differences the first differences found, in document order
 * @param totalDifferences every difference found, recorded or not
 * @param rowsMatched rows of the batch without a difference; 0 when not a batch
 * @param rowsDiffering rows of the batch with a difference, or on one side only; 0 when not a batch
 * @param batch whether the predictions were compared as rows
 * @param bytes for bodies compared as bytes that differ: lengths, digests and where they differ
 * @param score how similar the answers are, in [0, 1]: present exactly when the route's comparator
 *     is scored ({@link io.shadowgate.config.ComparatorKind#scored()}), empty otherwise
 */
public record Comparison(List<Difference> differences, int totalDifferences,
                         int rowsMatched, int rowsDiffering, boolean batch, Optional<BytesDiff> bytes,
                         OptionalDouble score) {
    private static final Comparison MATCH = new Comparison(List.of(), 0, 0, 0, false);

    /** A comparison of JSON predictions, or of a status class: nothing compared as bytes. */
    public Comparison(List<Difference> differences, int totalDifferences,
                      int rowsMatched, int rowsDiffering, boolean batch) {
        this(differences, totalDifferences, rowsMatched, rowsDiffering, batch, Optional.empty());
    }

    /** A comparison without a score. */
    public Comparison(List<Difference> differences, int totalDifferences,
                      int rowsMatched, int rowsDiffering, boolean batch, Optional<BytesDiff> bytes) {
        this(differences, totalDifferences, rowsMatched, rowsDiffering, batch, bytes, OptionalDouble.empty());
    }

    public Comparison {
        requireNonNull(bytes, "bytes");
        requireNonNull(score, "score");
        if (score.isPresent() && !(score.getAsDouble() >= 0 && score.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("score: " + score.getAsDouble() + " (expected: 0..1)");
        }
        differences = List.copyOf(differences);
        if (totalDifferences < differences.size()) {
            throw new IllegalArgumentException("totalDifferences: " + totalDifferences
                    + " (expected: >= " + differences.size() + ", the recorded differences)");
        }
        if (rowsMatched < 0 || rowsDiffering < 0 || !batch && rowsMatched + rowsDiffering > 0) {
            throw new IllegalArgumentException("rows: " + rowsMatched + " matched, " + rowsDiffering
                    + " differing, batch " + batch + " (expected: >= 0, and 0 unless a batch)");
        }
    }

    /** Two answers that agree and are not a batch. */
    static Comparison match() {
        return MATCH;
    }

    /** A single difference outside any batch (status class, unequal bodies). */
    static Comparison of(Difference difference) {
        return new Comparison(List.of(difference), 1, 0, 0, false);
    }

    /** This comparison with a similarity score. */
    Comparison withScore(double score) {
        return new Comparison(differences, totalDifferences, rowsMatched, rowsDiffering, batch, bytes,
                OptionalDouble.of(score));
    }

    /** No difference found: the answers agree. */
    public boolean matches() {
        return totalDifferences == 0;
    }

    /** Rows compared in the batch, matched or not. */
    public int rows() {
        return rowsMatched + rowsDiffering;
    }

    /** Whether differences were found beyond those recorded. */
    public boolean truncated() {
        return totalDifferences > differences.size();
    }
}
