package io.shadowgate.rollout;

import io.shadowgate.config.RolloutConfig;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Runs the four gates over a stage's evidence: {@value #MATCH_RATE}, {@value #ERROR_RATE_INCREASE},
 * {@value #LATENCY_INCREASE} and {@value #SIMILARITY} (which passes as not applicable on routes not
 * compared by similarity). A pure function of the evidence and the config.
 */
public final class Gates {
    public static final String MATCH_RATE = "matchRate";
    public static final String ERROR_RATE_INCREASE = "errorRateIncrease";
    public static final String LATENCY_INCREASE = "latencyIncrease";
    public static final String SIMILARITY = "similarity";

    /** Below this many observations no gate fails, whatever the interval says. */
    static final int MIN_FAILURE_FLOOR = 20;

    private static final List<Gate> GATES = List.of(new MatchRateGate(), new ErrorRateGate(), new LatencyGate(),
            new SimilarityGate());

    private Gates() {}

    public static GateReport evaluate(StageEvidence evidence, RolloutConfig config) {
        GateSettings settings = GateSettings.of(config);
        List<GateResult> results = GATES.stream().map(gate -> gate.judge(evidence, settings)).toList();
        SimilarityEvidence scores = evidence.similarity();
        return new GateReport(results, evidence.comparisons(), matchRate(evidence),
                matchRateLower(evidence, settings), errorRateIncrease(evidence), latencyIncrease(evidence),
                present(scores.meanScore()), present(scores.stableMeanScore()),
                config.gates().latencyMeasure().configName());
    }

    /**
     * The observations a gate needs before it may fail: {@code max(20, ceil(minSamples / 10))}.
     * Intervals on a handful of requests are honest but fragile: the first requests to a fresh
     * deployment meet cold caches, Wilson's bounds lose coverage when only a few events are
     * expected, and the controller looks again on every tick, so each look is another chance for
     * noise to seem conclusive. At the default gates one mismatch stops being conclusive from 18
     * comparisons on (the 95% Wilson upper bound of 17 of 18 is 0.9901); 20 keeps a margin, and
     * the match gate's own two-mismatch rule covers stricter thresholds. A tenth of
     * {@code minSamples} gives an operator who asks for more evidence before a pass a more patient
     * rollback too, while a clear failure still rolls back on a tenth of the traffic a pass needs.
     */
    public static long failureFloor(int minSamples) {
        return Math.max(MIN_FAILURE_FLOOR, (minSamples + 9L) / 10);
    }

    private static OptionalDouble present(double value) {
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static OptionalDouble matchRate(StageEvidence evidence) {
        return evidence.comparisons() == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((double) evidence.matches() / evidence.comparisons());
    }

    private static OptionalDouble matchRateLower(StageEvidence evidence, GateSettings settings) {
        return evidence.comparisons() == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(Wilson.interval(evidence.matches(), evidence.comparisons(),
                        settings.confidence()).lower());
    }

    private static OptionalDouble errorRateIncrease(StageEvidence evidence) {
        long n = evidence.pairedRequests();
        return n == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((double) (evidence.candidateErrors() - evidence.stableErrors()) / n);
    }

    /** The p99 increase on latencies timed alike, else on the cross reading, once there are enough. */
    private static OptionalDouble latencyIncrease(StageEvidence evidence) {
        if (evidence.pairedLatencies() >= LatencyGate.MIN_PAIRS) {
            return OptionalDouble.of((double) evidence.candidateLatency().quantile(LatencyGate.QUANTILE)
                    / evidence.stableLatency().quantile(LatencyGate.QUANTILE) - 1);
        }
        if (evidence.crossLatencies() >= LatencyGate.MIN_PAIRS) {
            return OptionalDouble.of((double) evidence.candidateByMirror().quantile(LatencyGate.QUANTILE)
                    / evidence.stableByProxy().quantile(LatencyGate.QUANTILE) - 1);
        }
        return OptionalDouble.empty();
    }
}
