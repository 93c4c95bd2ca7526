package io.shadowgate.rollout;

import io.shadowgate.config.RolloutConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what one tick does with the current stage, from the stage's evidence and how long it has
 * run: a pure function, no clock read, nothing remembered. In order:
 * <ol>
 *   <li>a gate failed conclusively: {@code ROLLBACK} at once, whatever the bake;</li>
 *   <li>the bake has elapsed, comparisons reach {@code minSamples} and every gate passes:
 *       {@code ADVANCE};</li>
 *   <li>{@code maxBake} has elapsed: {@code INCONCLUSIVE} (hold) or {@code ROLLBACK}, as
 *       {@code onInconclusive} says;</li>
 *   <li>otherwise {@code WAIT}.</li>
 * </ol>
 * A stage never passes below {@code minSamples} comparisons, however clean the evidence, so thin
 * traffic waits and, past {@code maxBake}, is reported rather than promoted.
 */
public final class StageJudge {

    /**
     * Judges the stage once.
     *
     * @param evidence counted since the stage began
     * @param inStage how long the stage has run
     * @param minBake the stage's minimum time: {@code shadowBake} in shadow, {@code bake} in canary stages
     * @param config minSamples, confidence, gates, maxBake and onInconclusive
     * @return what to do, why, and every gate's result
     */
    public Decision judge(StageEvidence evidence, Duration inStage, Duration minBake, RolloutConfig config) {
        GateReport report = Gates.evaluate(evidence, config);
        Optional<GateResult> failure = report.firstFailure();
        if (failure.isPresent()) {
            return new Decision(StageVerdict.ROLLBACK, "gate " + failure.get(), report);
        }
        List<String> missing = missing(evidence, inStage, minBake, config, report);
        if (missing.isEmpty()) {
            return new Decision(StageVerdict.ADVANCE, "every gate passed on " + Format.count(evidence.comparisons(),
                    "comparison") + " after " + Format.duration(inStage), report);
        }
        String waiting = String.join("; ", missing);
        if (inStage.compareTo(config.maxBake()) >= 0) {
            String inconclusive = "inconclusive after maxBake " + Format.duration(config.maxBake()) + ": " + waiting;
            return config.onInconclusive() == RolloutConfig.OnInconclusive.ROLLBACK
                    ? new Decision(StageVerdict.ROLLBACK, inconclusive + " (onInconclusive: rollback)", report)
                    : new Decision(StageVerdict.INCONCLUSIVE, inconclusive + " (onInconclusive: hold)", report);
        }
        return new Decision(StageVerdict.WAIT, waiting, report);
    }

    /** What still stands between the stage and a pass, in words; empty when nothing does. */
    private static List<String> missing(StageEvidence evidence, Duration inStage, Duration minBake,
                                        RolloutConfig config, GateReport report) {
        List<String> missing = new ArrayList<>();
        if (inStage.compareTo(minBake) < 0) {
            missing.add("baking " + Format.duration(inStage) + " of " + Format.duration(minBake));
        }
        if (evidence.comparisons() < config.minSamples()) {
            missing.add(evidence.comparisons() + " of " + config.minSamples() + " comparisons");
        }
        for (GateResult result : report.results()) {
            if (result.verdict() != GateVerdict.PASS) {
                missing.add(result.toString());
            }
        }
        return missing;
    }
}
