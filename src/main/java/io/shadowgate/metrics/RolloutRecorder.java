package io.shadowgate.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records the rollout for dashboards: the canary weight, one 0/1 gauge per phase (so a panel can
 * draw the phase over time), the stage index, a counter of transitions by target phase and actor,
 * and what the last judgement of the stage's evidence said (its match rate, and one 0/1 gauge per
 * decision so an alert can tell a rollout stuck inconclusive). Phases are given as names so this
 * package stays free of the rollout's types. Thread-safe.
 */
public final class RolloutRecorder {
    public static final List<String> ACTORS = List.of("auto", "admin");
    /** The judgement kinds, lower case, as the {@code decision} label. */
    public static final List<String> DECISIONS = List.of("advance", "rollback", "wait", "inconclusive");

    private final MeterRegistry registry;
    private final AtomicReference<String> phase = new AtomicReference<>("");
    private volatile double weight;
    private volatile int stage = -1;
    private volatile double stageMatchRate = Double.NaN;
    private final AtomicReference<String> decision = new AtomicReference<>("");
    private final Map<String, Counter> transitions = new ConcurrentHashMap<>();

    public RolloutRecorder(MeterRegistry registry, List<String> phases) {
        this.registry = requireNonNull(registry, "registry");
        Gauge.builder(MeterNames.CANARY_WEIGHT, this, recorder -> recorder.weight)
                .description("The candidate's share of live traffic, in percent")
                .register(registry);
        Gauge.builder(MeterNames.ROLLOUT_STAGE, this, recorder -> recorder.stage)
                .description("Index into rollout.stages of the current canary stage; -1 in shadow and after a rollback")
                .register(registry);
        Gauge.builder(MeterNames.STAGE_MATCH_RATE, this, recorder -> recorder.stageMatchRate)
                .description("Match rate of the current stage's evidence at the last judgement (NaN before one)")
                .register(registry);
        for (String name : DECISIONS) {
            Gauge.builder(MeterNames.ROLLOUT_DECISION, decision, current -> name.equals(current.get()) ? 1 : 0)
                    .description("1 for the decision of the last judgement of the current stage, 0 for the others")
                    .tag(MeterNames.TAG_DECISION, name)
                    .register(registry);
        }
        for (String name : phases) {
            Gauge.builder(MeterNames.ROLLOUT_PHASE, phase, current -> name.equals(current.get()) ? 1 : 0)
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
     * The state now, after a start, a resume or a transition. A new stage has no judgement yet, so
     * the stage's match rate and decision are cleared.
     */
    public void state(String currentPhase, int stageIndex, double candidatePercent) {
        phase.set(currentPhase);
        stage = stageIndex;
        weight = candidatePercent;
        stageMatchRate = Double.NaN;
        decision.set("");
    }

    /**
     * One judgement of the current stage's evidence.
     *
     * @param kind one of {@link #DECISIONS}
     * @param matchRate the stage's match rate so far; NaN before its first comparison
     */
    public void judged(String kind, double matchRate) {
        if (!DECISIONS.contains(kind)) {
            throw new IllegalArgumentException("unknown decision: " + kind + " (expected one of " + DECISIONS + ")");
        }
        decision.set(kind);
        stageMatchRate = matchRate;
    }

    public void transition(String to, String actor) {
        Counter counter = transitions.get(key(to, actor));
        if (counter == null) {
            throw new IllegalArgumentException("unknown phase or actor: " + to + ", " + actor);
        }
        counter.increment();
    }
}
