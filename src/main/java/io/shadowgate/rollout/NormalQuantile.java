package io.shadowgate.rollout;

/**
 * The standard normal quantile function (inverse CDF), by Peter Acklam's rational approximation:
 * relative error below 1.15e-9 over the whole open interval (0, 1), which is far finer than any
 * confidence an operator configures. It is here because the JDK has none, and the gates need the
 * z of their configured confidence.
 */
public final class NormalQuantile {
    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
    /** Below this (and above 1 minus it) the tail formula is used. */
    private static final double TAIL = 0.02425;

    private NormalQuantile() {}

    /** The x with P(Z <= x) = p for a standard normal Z; p must lie strictly between 0 and 1. */
    public static double inverseCdf(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p: " + p + " (expected: 0 < p < 1)");
        }
        if (p < TAIL) {
            return tail(Math.sqrt(-2 * Math.log(p)));
        }
        if (p > 1 - TAIL) {
            return -tail(Math.sqrt(-2 * Math.log1p(-p)));
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }

    /**
     * The z of a two-sided interval at the given confidence: 1.959964 for 0.95. Each side of such
     * an interval errs with probability (1 - confidence) / 2.
     */
    public static double twoSidedZ(double confidence) {
        Confidence.check(confidence);
        return inverseCdf(1 - (1 - confidence) / 2);
    }

    private static double tail(double q) {
        return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    }
}
