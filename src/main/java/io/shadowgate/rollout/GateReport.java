package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import io.shadowgate.config.LatencyMeasure;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Every gate's result for one stage's evidence, and the headline numbers /status shows. A number
 * is absent until there is evidence for it (no comparison yet, fewer than 100 paired latencies).
 *
 * @param results one per gate, in a fixed order: match rate, error rate increase, latency increase, similarity
 * @param samples comparisons in the stage (what {@code minSamples} counts)
 * @param matchRate matches / comparisons
 * @param matchRateLower the lower bound of the match rate's Wilson interval
 * @param errorRateIncrease candidate error rate minus stable error rate
 * @param latencyIncrease candidate p99 / stable p99 - 1
 * @param candidateMeanScore the candidate's mean similarity score against stable (routes compared by similarity)
 * @param stableMeanScore stable's mean similarity score against itself, on the requests with a noise copy
 * @param latencyMeasure which latency the latency gate compares, as configured: {@code total} or {@code first-token}
 */
public record GateReport(List<GateResult> results, long samples, OptionalDouble matchRate,
                         OptionalDouble matchRateLower, OptionalDouble errorRateIncrease,
                         OptionalDouble latencyIncrease, OptionalDouble candidateMeanScore,
                         OptionalDouble stableMeanScore, String latencyMeasure) {
    /** A report without similarity scores, of the total latency. */
    public GateReport(List<GateResult> results, long samples, OptionalDouble matchRate, OptionalDouble matchRateLower,
                      OptionalDouble errorRateIncrease, OptionalDouble latencyIncrease) {
        this(results, samples, matchRate, matchRateLower, errorRateIncrease, latencyIncrease, OptionalDouble.empty(),
                OptionalDouble.empty(), LatencyMeasure.TOTAL.configName());
    }

    public GateReport {
        results = List.copyOf(results);
        requireNonNull(matchRate, "matchRate");
        requireNonNull(matchRateLower, "matchRateLower");
        requireNonNull(errorRateIncrease, "errorRateIncrease");
        requireNonNull(latencyIncrease, "latencyIncrease");
        requireNonNull(candidateMeanScore, "candidateMeanScore");
        requireNonNull(stableMeanScore, "stableMeanScore");
        requireNonNull(latencyMeasure, "latencyMeasure");
    }

    public boolean allPass() {
        for (GateResult result : results) {
            if (result.verdict() != GateVerdict.PASS) {
                return false;
            }
        }
        return true;
    }

    public Optional<GateResult> firstFailure() {
        for (GateResult result : results) {
            if (result.verdict() == GateVerdict.FAIL) {
                return Optional.of(result);
            }
        }
        return Optional.empty();
    }

    public Optional<GateResult> result(String name) {
        return results.stream().filter(result -> result.name().equals(name)).findFirst();
    }
}
