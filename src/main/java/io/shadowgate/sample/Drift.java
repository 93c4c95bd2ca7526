package io.shadowgate.sample;

/**
 * Simulated prediction drift: a share of rows gets a different answer. Which rows drift, and how,
 * depends only on the row's feature values, so a row sent twice (or to two servers with the same
 * rate) drifts the same way, and a comparison sees a stable, repeatable set of differences.
 * Immutable and thread-safe.
 */
final class Drift {
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private final double rate;

    Drift(double rate) {
        this.rate = rate;
    }

    /**
     * The probabilities to answer for {@code row}: unchanged, or rotated by one or two places.
     * A rotation moves the largest probability to another class, so the predicted class changes
     * unless the top two probabilities are exactly equal.
     */
    double[] apply(double[] row, double[] probabilities) {
        if (rate <= 0) {
            return probabilities;
        }
        long h = hash(row);
        if (SplitMix.unit(h) >= rate) {
            return probabilities;
        }
        int n = probabilities.length;
        int shift = 1 + (int) Math.floorMod(SplitMix.mix64(h ^ GOLDEN), (long) (n - 1));
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[(k + shift) % n] = probabilities[k];
        }
        return out;
    }

    private static long hash(double[] row) {
        long h = GOLDEN;
        for (double v : row) {
            // +0.0 folds -0.0 into 0.0: the same number must hash the same however it was written.
            h = SplitMix.mix64(h ^ Double.doubleToLongBits(v + 0.0)) + GOLDEN;
        }
        return SplitMix.mix64(h);
    }
}
