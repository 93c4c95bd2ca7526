package io.shadowgate.rollout;

/**
 * One reading of {@code second p99 / first p99 - 1} with its confidence interval, on one pair of
 * latency distributions. Each p99 gets distribution-free order-statistic bounds
 * ({@link QuantileBounds}), and on the log scale the two are combined as {@link NewcombeDifference}
 * combines Wilson intervals (the "MOVER" construction of Zou and Donner, 2008; approximate like
 * Newcombe's, and like it treating the pairs as independent samples, which is conservative when
 * the two sides' latencies rise and fall together on the same requests): with
 * {@code r = ln(c / s)}, {@code lower = r - hypot(ln(c / cLower), ln(sUpper / s))} and
 * {@code upper = r + hypot(ln(cUpper / c), ln(s / sLower))}. A bound is NaN while the sample is
 * too small for it (an upper bound for a p99 needs 368 latencies at 95%).
 *
 * @param pairs the smaller count of the two sides
 * @param estimate the point estimate of the increase, NaN below {@value LatencyGate#MIN_PAIRS} pairs
 * @param after the numbers behind it, for gate details: " after 2000 pairs (p99 candidate ..., ...)"
 */
record LatencyReading(long pairs, double estimate, double lower, double upper, String after) {

    static LatencyReading of(LatencyDistribution first, LatencyDistribution second, double confidence,
                             String secondName, String firstName, String timing) {
        long n = Math.min(first.count(), second.count());
        if (n < LatencyGate.MIN_PAIRS) {
            return new LatencyReading(n, Double.NaN, Double.NaN, Double.NaN, "");
        }
        P99 s = P99.of(first, confidence);
        P99 c = P99.of(second, confidence);
        double logRatio = Math.log((double) c.estimate() / s.estimate());
        double lower = c.lower() > 0 && s.upper() > 0
                ? Math.expm1(logRatio - Math.hypot(Math.log((double) c.estimate() / c.lower()),
                        Math.log((double) s.upper() / s.estimate())))
                : Double.NaN;
        double upper = c.upper() > 0 && s.lower() > 0
                ? Math.expm1(logRatio + Math.hypot(Math.log((double) c.upper() / c.estimate()),
                        Math.log((double) s.estimate() / s.lower())))
                : Double.NaN;
        String after = " after " + Format.count(n, "pair") + " (p99 " + secondName + " " + Format.millis(c.estimate())
                + ", " + firstName + " " + Format.millis(s.estimate()) + ", " + timing + ")";
        return new LatencyReading(n, Math.expm1(logRatio), lower, upper, after);
    }

    boolean judged() {
        return pairs >= LatencyGate.MIN_PAIRS;
    }

    /** Why this reading neither passes nor fails a limit. */
    String open(double limit) {
        if (Double.isNaN(upper)) {
            return "increase " + Format.change(estimate) + ", too few pairs for a p99 upper bound" + after;
        }
        return (Double.isNaN(lower) ? "" : "lower bound " + Format.change(lower) + " <= ") + Format.change(limit)
                + " < upper bound " + Format.change(upper) + after;
    }

    /** One side's p99 and its bounds in nanoseconds; a bound is 0 when the sample is too small for it. */
    private record P99(long estimate, long lower, long upper) {
        static P99 of(LatencyDistribution latencies, double confidence) {
            QuantileBounds bounds = QuantileBounds.of(latencies.count(), LatencyGate.QUANTILE, confidence);
            return new P99(latencies.quantile(LatencyGate.QUANTILE),
                    bounds.hasLower() ? latencies.valueAtRank(bounds.lowerRank()) : 0,
                    bounds.hasUpper() ? latencies.valueAtRank(bounds.upperRank()) : 0);
        }
    }
}
