package io.shadowgate.rollout;

/**
 * A stage's similarity scores, for routes whose answers are compared by a score (LLM text): the
 * candidate's score against stable's on every compared request, and, on the requests that also had
 * a stable noise copy, the paired difference {@code d = candidate score - stable's own score} on the
 * same request. Kept as sums so that replicas' evidence adds exactly; the means and the differences'
 * spread are derived here. A route not compared by similarity has {@link #NONE}.
 *
 * @param scored compared requests with a candidate score
 * @param scoreSum the sum of the candidate's scores
 * @param paired of those, the requests with stable's own score too
 * @param differenceSum the sum of {@code d} over the paired requests
 * @param differenceSquares the sum of {@code d * d} over them
 * @param noiseScoreSum the sum of stable's own scores over them
 */
public record SimilarityEvidence(long scored, double scoreSum, long paired, double differenceSum,
                                 double differenceSquares, double noiseScoreSum) {
    /** No answers compared by similarity. */
    public static final SimilarityEvidence NONE = new SimilarityEvidence(0, 0, 0, 0, 0, 0);

    public SimilarityEvidence {
        if (scored < 0 || paired < 0 || paired > scored || !(scoreSum >= 0) || !(differenceSquares >= 0)
                || !(noiseScoreSum >= 0) || !Double.isFinite(differenceSum)) {
            throw new IllegalArgumentException("similarity " + scored + " scored, " + paired + " paired, sums "
                    + scoreSum + ", " + differenceSum + ", " + differenceSquares + ", " + noiseScoreSum
                    + " (expected: 0 <= paired <= scored, sums finite, all but the difference's >= 0)");
        }
    }

    /** The candidate's mean score against stable, NaN when nothing was scored. */
    public double meanScore() {
        return scored == 0 ? Double.NaN : scoreSum / scored;
    }

    /** Stable's mean score against itself on the paired requests, NaN when none. */
    public double stableMeanScore() {
        return paired == 0 ? Double.NaN : noiseScoreSum / paired;
    }

    /** The mean paired difference, candidate minus stable's own; NaN when none. */
    public double meanDifference() {
        return paired == 0 ? Double.NaN : differenceSum / paired;
    }

    /**
     * The sample standard deviation of the paired differences (divisor {@code paired - 1}); NaN
     * below two. Rounding in the sums can leave a tiny negative variance for identical
     * differences: that is 0.
     */
    public double differenceDeviation() {
        if (paired < 2) {
            return Double.NaN;
        }
        double mean = differenceSum / paired;
        double variance = (differenceSquares - paired * mean * mean) / (paired - 1);
        return Math.sqrt(Math.max(0, variance));
    }
}
