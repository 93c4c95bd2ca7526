package io.shadowgate.demo;

import io.shadowgate.config.RolloutConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The demo's rollout rules in words, printed before the live view so that each of its lines can
 * be read against them. Written from the running config, so it cannot drift from what is judged.
 */
final class DemoRolloutPlan {
    private DemoRolloutPlan() {}

    static List<String> lines(RolloutConfig rollout) {
        List<Integer> stages = rollout.stages();
        String canary = stages.subList(0, stages.size() - 1).stream().map(percent -> percent + "%")
                .collect(Collectors.joining(" -> "));
        RolloutConfig.Gates gates = rollout.gates();
        return List.of(
                "rollout: SHADOW (0%) -> CANARY " + canary + " -> PROMOTED (100%). Each stage bakes at least "
                        + duration(rollout.bake()) + ", then advances once it has " + rollout.minSamples()
                        + " comparisons and every gate passes",
                "  at " + plain(rollout.confidence() * 100) + "% confidence: matchRate lower bound >= "
                        + plain(gates.minMatchRate()) + ", errorRateIncrease <= +" + plain(gates.maxErrorRateIncrease() * 100)
                        + "%, latencyIncrease of the p99 <= +" + plain(gates.maxLatencyIncrease() * 100) + "%.",
                "  A failed gate rolls the candidate back at once; a stage still undecided after "
                        + duration(rollout.maxBake()) + " is held as inconclusive, with the reason, and the demo ends there.",
                "live view, about once a second: time, phase, candidate's share of traffic, comparisons in the stage,",
                "  match rate (lower bound), error rate increase, p99 of each side on the same requests (increase), gates.");
    }

    /** 10s, 1m, 1m30s, 500ms. */
    static String duration(Duration duration) {
        if (duration.toMillis() < 1000 || duration.toMillisPart() != 0) {
            return duration.toMillis() + "ms";
        }
        long minutes = duration.toMinutes();
        int seconds = duration.toSecondsPart();
        return minutes == 0 ? seconds + "s" : minutes + "m" + (seconds == 0 ? "" : seconds + "s");
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
