package io.shadowgate.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the rollout for dashboards: the canary weight, one 0/1 gauge per phase (so a panel can
 * draw the phase over time), the stage index, a counter of transitions by target phase and actor,
 * and what the last judgement of the stage's evidence said (its match rate, and one 0/1 gauge per
 * decision so an alert can tell a rollout stuck inconclusive). Phases are given as names so this
 * package stays free of the rollout's types. Thread-safe: the gauges read one immutable
 * {@link Reading} through one volatile field, so a scrape never pairs the phase of one moment with
 * the weight of another within a gauge's read.
 */
public final class RolloutRecorder {
    public static final List<String> ACTORS = List.of("auto", "admin");
    /** The judgement kinds, lower case, as the {@code decision} label. */
    public static final List<String> DECISIONS = List.of("advance", "rollback", "wait", "inconclusive");

    private final MeterRegistry registry;
    private volatile Reading reading = new Reading("", -1, 0, "", Double.NaN);
    private final Map<String, Counter> transitions = new ConcurrentHashMap<>();

    /** What the gauges show, all of one moment; {@code decision} is "" before a judgement of the stage. */
    private record Reading(String phase, int stage, double weight, String decision, double matchRate) {}

    public RolloutRecorder(MeterRegistry registry, List<String> phases) {
        this.registry = requireNonNull(registry, "registry");
        Gauge.builder(MeterNames.CANARY_WEIGHT, this, recorder -> recorder.reading.weight())
                .description("The candidate's share of live traffic, in percent")
                .register(registry);
        Gauge.builder(MeterNames.ROLLOUT_STAGE, this, recorder -> recorder.reading.stage())
                .description("Index into rollout.stages of the current canary stage; -1 in shadow and after a rollback")
                .register(registry);
        Gauge.builder(MeterNames.STAGE_MATCH_RATE, this, recorder -> recorder.reading.matchRate())
                .description("Match rate of the current stage's evidence at the last judgement (NaN before one)")
                .register(registry);
        for (String name : DECISIONS) {
            Gauge.builder(MeterNames.ROLLOUT_DECISION, this, recorder -> name.equals(recorder.reading.decision()) ? 1 : 0)
                    .description("1 for the decision of the last judgement of the current stage, 0 for the others")
                    .tag(MeterNames.TAG_DECISION, name)
                    .register(registry);
        }
        for (String name : phases) {
            Gauge.builder(MeterNames.ROLLOUT_PHASE, this, recorder -> name.equals(recorder.reading.phase()) ? 1 : 0)
                    .description("1 for the rollout's current phase, 0 for the others")
                    .tag(MeterNames.TAG_PHASE, name)
                    .register(registry);
            for (String actor : ACTORS) {
                transitions.put(key(name, actor), Counter.builder(MeterNames.ROLLOUT_TRANSITIONS)
                        .description("Rollout transitions by target phase and actor")
                        .tag(MeterNames.TAG_TO, name)
                        .tag(MeterNames.TAG_ACTOR, actor)
                        .register(registry));
            }
        }
    }

    private static String key(String to, String actor) {
        return to + "/" + actor;
    }

    /**
     * Everything the gauges show at once, as the rollout published it.
     *
     * @param decision one of {@link #DECISIONS}, or "" when the current stage has not been judged yet
     * @param matchRate the stage's match rate at that judgement; NaN without one
     */
    public void show(String currentPhase, int stageIndex, double candidatePercent, String decision, double matchRate) {
        if (!decision.isEmpty() && !DECISIONS.contains(decision)) {
            throw new IllegalArgumentException("unknown decision: " + decision + " (expected one of " + DECISIONS + ")");
        }
        reading = new Reading(requireNonNull(currentPhase, "currentPhase"), stageIndex, candidatePercent, decision,
                matchRate);
    }

    public void transition(String to, String actor) {
        Counter counter = transitions.get(key(to, actor));
        if (counter == null) {
            throw new IllegalArgumentException("unknown phase or actor: " + to + ", " + actor);
        }
        counter.increment();
    }
}
