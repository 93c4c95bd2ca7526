package io.shadowgate.rollout;

import java.util.Locale;

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
 *
 * <p>The two sides of a mirrored request are timed by different clients ({@link LatencyPath}):
 * the side that answered the client by the proxy, the copy by the mirror's client, whose own
 * scheduling delay on a busy machine reads as a slower candidate (+22% on identical models at a
 * load of 6 on two cores; +1268% in a soak with three JVMs competing). So the gate fails a
 * candidate only on latencies of both sides timed alike: the answers each side gave clients (a
 * canary stage), or both sides' copies (stable noise copies, {@code compare.noisePercent}). The
 * cross reading, stable by the proxy against the candidate by the mirror, is biased against the
 * candidate only, so it may pass the gate, never fail it; in shadow without noise copies that is
 * all there is, and a candidate that looks slower there is passed on to the first canary stage,
 * whose like-for-like evidence decides, instead of being rolled back on the gateway's own delay
 * (or held in shadow for ever).
 */
final class LatencyGate implements Gate {
    static final int MIN_PAIRS = 100;
    static final double QUANTILE = 0.99;

    @Override
    public GateResult judge(StageEvidence evidence, GateSettings settings) {
        double limit = settings.thresholds().maxLatencyIncrease();
        Reading alike = evidence.latencyPath() == LatencyPath.NONE ? null
                : Reading.of(evidence.stableLatency(), evidence.candidateLatency(), settings,
                        "both timed by the " + evidence.latencyPath().name().toLowerCase(Locale.ROOT));
        Reading cross = Reading.of(evidence.stableByProxy(), evidence.candidateByMirror(), settings,
                "stable timed by the proxy, the candidate's copy by the mirror");
        if (alike != null && alike.judged() && alike.lower() > limit) {
            String bound = "lower bound " + Format.change(alike.lower()) + " > " + Format.change(limit) + alike.after();
            return alike.pairs() >= settings.failureFloor() ? result(GateVerdict.FAIL, bound)
                    : result(GateVerdict.PENDING, bound + ", too few to roll back (needs " + settings.failureFloor() + ")");
        }
        if (alike != null && alike.judged() && alike.upper() <= limit) {
            return result(GateVerdict.PASS, "upper bound " + Format.change(alike.upper()) + " <= "
                    + Format.change(limit) + alike.after());
        }
        if (cross.judged() && cross.upper() <= limit) {
            return result(GateVerdict.PASS, "upper bound " + Format.change(cross.upper()) + " <= "
                    + Format.change(limit) + cross.after());
        }
        if (alike != null && alike.judged()) {
            return result(GateVerdict.PENDING, alike.open(limit));
        }
        if (alike == null && cross.judged()) {
            // Shadow without noise copies: nothing here can fail the candidate, and waiting would
            // hold it in shadow forever; the first canary stage times both sides' answers alike.
            return result(GateVerdict.PASS, "deferred to the first canary stage: " + cross.open(limit)
                    + "; only latencies timed alike can fail a candidate (set compare.noisePercent to time stable"
                    + " copies in shadow)");
        }
        if (cross.judged()) {
            return result(GateVerdict.PENDING, cross.open(limit));
        }
        long n = Math.max(alike == null ? 0 : alike.pairs(), cross.pairs());
        return result(GateVerdict.PENDING, n + " of the " + MIN_PAIRS + " paired latencies a p99 needs");
    }

    /** The interval for {@code candidate p99 / stable p99 - 1} on one pair of distributions. */
    private record Reading(long pairs, double estimate, double lower, double upper, String after) {
        static Reading of(LatencyDistribution stableLatency, LatencyDistribution candidateLatency,
                          GateSettings settings, String timing) {
            long n = Math.min(stableLatency.count(), candidateLatency.count());
            if (n < MIN_PAIRS) {
                return new Reading(n, Double.NaN, Double.NaN, Double.NaN, "");
            }
            P99 stable = P99.of(stableLatency, settings.confidence());
            P99 candidate = P99.of(candidateLatency, settings.confidence());
            double logRatio = Math.log((double) candidate.estimate() / stable.estimate());
            double lower = candidate.lower() > 0 && stable.upper() > 0
                    ? Math.expm1(logRatio - Math.hypot(Math.log((double) candidate.estimate() / candidate.lower()),
                            Math.log((double) stable.upper() / stable.estimate())))
                    : Double.NaN;
            double upper = candidate.upper() > 0 && stable.lower() > 0
                    ? Math.expm1(logRatio + Math.hypot(Math.log((double) candidate.upper() / candidate.estimate()),
                            Math.log((double) stable.estimate() / stable.lower())))
                    : Double.NaN;
            String after = " after " + Format.count(n, "pair") + " (p99 candidate " + Format.millis(candidate.estimate())
                    + ", stable " + Format.millis(stable.estimate()) + ", " + timing + ")";
            return new Reading(n, Math.expm1(logRatio), lower, upper, after);
        }

        boolean judged() {
            return pairs >= MIN_PAIRS;
        }

        /** Why this reading neither passes nor fails. */
        String open(double limit) {
            if (Double.isNaN(upper)) {
                return "increase " + Format.change(estimate) + ", too few pairs for a p99 upper bound" + after;
            }
            return (Double.isNaN(lower) ? "" : "lower bound " + Format.change(lower) + " <= ") + Format.change(limit)
                    + " < upper bound " + Format.change(upper) + after;
        }
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
