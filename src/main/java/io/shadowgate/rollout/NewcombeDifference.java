package io.shadowgate.rollout;

/**
 * Newcombe's hybrid score interval for the difference of two proportions, p1 - p2 ("method 10"
 * in Newcombe, Statistics in Medicine 17, 1998): each rate gets its own {@link Wilson} interval,
 * and the distances from each estimate to its bounds are combined in quadrature,
 * {@code L = d - sqrt((p1 - l1)^2 + (u2 - p2)^2)}, {@code U = d + sqrt((u1 - p1)^2 + (p2 - l2)^2)}.
 * It inherits Wilson's good behaviour near 0, where error rates live, and needs no iteration.
 *
 * <p>The method assumes independent samples. The gate feeds it paired data (each mirrored request
 * has a stable and a candidate outcome); pairing changes the variance of the difference by
 * {@code -2 cov / n}. Errors on the same request are positively correlated or independent in
 * practice (a poisoned input or a shared dependency hurts both), never negatively in any way we
 * know of, so the independent interval is as wide or wider than the paired one: conservative,
 * costing some samples, never confidence.
 */
public final class NewcombeDifference {
    private NewcombeDifference() {}

    /** The interval for {@code successes1 / n1 - successes2 / n2}; [-1, 1] when either n is 0. */
    public static Interval interval(long successes1, long n1, long successes2, long n2, double confidence) {
        Confidence.checkCounts(successes1, n1);
        Confidence.checkCounts(successes2, n2);
        Confidence.check(confidence);
        if (n1 == 0 || n2 == 0) {
            return new Interval(-1, 1);
        }
        double p1 = (double) successes1 / n1;
        double p2 = (double) successes2 / n2;
        Interval one = Wilson.interval(successes1, n1, confidence);
        Interval two = Wilson.interval(successes2, n2, confidence);
        double difference = p1 - p2;
        double lower = difference - Math.hypot(p1 - one.lower(), two.upper() - p2);
        double upper = difference + Math.hypot(one.upper() - p1, p2 - two.lower());
        return new Interval(Math.max(-1, lower), Math.min(1, upper));
    }
}
