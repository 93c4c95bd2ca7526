package io.shadowgate.rollout;

/**
 * A confidence interval: the range of values of a statistic the evidence does not rule out at
 * the confidence it was computed for. Gates compare its bounds with a threshold: a bound past
 * the threshold is conclusive, the point estimate never is.
 *
 * @param lower the lower bound
 * @param upper the upper bound, not below the lower
 */
public record Interval(double lower, double upper) {
    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("[" + lower + ", " + upper + "] (expected: lower <= upper)");
        }
    }

    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }
}
