package io.shadowgate.rollout;

/**
 * Is the candidate's p99 too far above the stable's on the same requests? The increase is
 * {@code candidate p99 / stable p99 - 1}; the gate reads a confidence interval for it, as the
 * other two gates do: it passes when the upper bound is at most {@code maxLatencyIncrease} and
 * fails when the lower bound is above it, on at least the failure floor's pairs.
 *
 * <p>The interval: each p99 gets distribution-free order-statistic bounds ({@link QuantileBounds}),
 * and on the log scale the two are combined as {@link NewcombeDifference} combines Wilson
 * intervals (the "MOVER" construction of Zou and Donner, 2008; approximate like Newcombe's, and
 * like it treating the pairs as independent samples, which is conservative when the two sides'
 * latencies rise and fall together on the same requests): with {@code r = ln(c / s)},
 * {@code lower = r - hypot(ln(c / cLower), ln(sUpper / s))} and
 * {@code upper = r + hypot(ln(cUpper / c), ln(s / sLower))}. The issue proposed passing on the
 * point estimate and failing on {@code cLower / sUpper - 1}. In the seeded simulation that rule
 * advanced a candidate 30% slower than the stable in 171 of 500 runs at 25 mirrored requests per
 * tick and in 9 of 500 at 200 (a p99 of a few hundred samples swings by 10-20%, and the judge
 * looks on every tick), and its failure bound, which stacks both worst cases, took twice the
 * traffic to become conclusive. This interval advanced at most 1 run in 500 at any of those rates.
 *
 * <p>Nothing is judged below {@value #MIN_PAIRS} pairs, and an upper bound for a p99 needs a few
 * hundred (368 at 95%), so a pass needs at least that many.
 */
final class LatencyGate implements Gate {
    static final int MIN_PAIRS = 100;
    static final double QUANTILE = 0.99;

    @Override
    public GateResult judge(StageEvidence evidence, GateSettings settings) {
        long n = evidence.pairedLatencies();
        if (n < MIN_PAIRS) {
            return result(GateVerdict.PENDING, n + " of the " + MIN_PAIRS + " paired latencies a p99 needs");
        }
        double limit = settings.thresholds().maxLatencyIncrease();
        P99 stable = P99.of(evidence.stableLatency(), settings.confidence());
        P99 candidate = P99.of(evidence.candidateLatency(), settings.confidence());
        double logRatio = Math.log((double) candidate.estimate() / stable.estimate());
        String after = " after " + Format.count(n, "pair") + " (p99 candidate " + Format.millis(candidate.estimate())
                + ", stable " + Format.millis(stable.estimate()) + ")";
        double lower = Double.NaN;
        if (candidate.lower() > 0 && stable.upper() > 0) {
            lower = Math.expm1(logRatio - Math.hypot(Math.log((double) candidate.estimate() / candidate.lower()),
                    Math.log((double) stable.upper() / stable.estimate())));
            if (lower > limit) {
                String bound = "lower bound " + Format.change(lower) + " > " + Format.change(limit) + after;
                return n >= settings.failureFloor() ? result(GateVerdict.FAIL, bound)
                        : result(GateVerdict.PENDING, bound + ", too few to roll back (needs "
                        + settings.failureFloor() + ")");
            }
        }
        if (candidate.upper() > 0 && stable.lower() > 0) {
            double upper = Math.expm1(logRatio + Math.hypot(Math.log((double) candidate.upper() / candidate.estimate()),
                    Math.log((double) stable.estimate() / stable.lower())));
            if (upper <= limit) {
                return result(GateVerdict.PASS, "upper bound " + Format.change(upper) + " <= " + Format.change(limit)
                        + after);
            }
            return result(GateVerdict.PENDING, (Double.isNaN(lower) ? "" : "lower bound " + Format.change(lower)
                    + " <= ") + Format.change(limit) + " < upper bound " + Format.change(upper) + after);
        }
        return result(GateVerdict.PENDING, "increase " + Format.change(Math.expm1(logRatio))
                + ", too few pairs for a p99 upper bound" + after);
    }

    private static GateResult result(GateVerdict verdict, String detail) {
        return new GateResult(Gates.LATENCY_INCREASE, verdict, detail);
    }

    /** One side's p99 and its bounds in nanoseconds; a bound is 0 when the sample is too small for it. */
    private record P99(long estimate, long lower, long upper) {
        static P99 of(LatencyDistribution latencies, double confidence) {
            QuantileBounds bounds = QuantileBounds.of(latencies.count(), QUANTILE, confidence);
            return new P99(latencies.quantile(QUANTILE),
                    bounds.hasLower() ? latencies.valueAtRank(bounds.lowerRank()) : 0,
                    bounds.hasUpper() ? latencies.valueAtRank(bounds.upperRank()) : 0);
        }
    }
}
