package io.shadowgate.rollout;

/**
 * The Wilson score interval for a proportion: the set of rates p whose score test does not reject
 * the observed successes at the given confidence. Chosen over the textbook normal ("Wald")
 * interval because it stays inside [0, 1] and keeps close to its nominal coverage near 0 and 1,
 * which is exactly where match and error rates live (Brown, Cai and DasGupta, 2001).
 *
 * <p>The interval is two-sided: at confidence 0.95 each bound errs with probability 0.025. A gate
 * reads one bound to pass and the other to fail, so each decision is a one-sided test at
 * 1 - (1 - confidence) / 2; the extra margin pays for the controller looking again on every tick.
 */
public final class Wilson {
    private Wilson() {}

    /** The interval for the rate of {@code successes} among {@code n}; [0, 1] when n is 0. */
    public static Interval interval(long successes, long n, double confidence) {
        Confidence.checkCounts(successes, n);
        if (n == 0) {
            return new Interval(0, 1);
        }
        double z = NormalQuantile.twoSidedZ(confidence);
        double z2 = z * z;
        double p = (double) successes / n;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // At 0 and n successes one bound is exactly 0 or 1; rounding would otherwise leave 1e-17.
        double lower = successes == 0 ? 0 : Math.max(0, centre - half);
        double upper = successes == n ? 1 : Math.min(1, centre + half);
        return new Interval(lower, upper);
    }
}
