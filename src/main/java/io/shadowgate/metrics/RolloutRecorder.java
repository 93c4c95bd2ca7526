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
 * draw the phase over time), and a counter of transitions by target phase and actor. Phases are
 * given as names so this package stays free of the rollout's types. Thread-safe.
 */
public final class RolloutRecorder {
    public static final List<String> ACTORS = List.of("auto", "admin");

    private final MeterRegistry registry;
    private final AtomicReference<String> phase = new AtomicReference<>("");
    private volatile double weight;
    private final Map<String, Counter> transitions = new ConcurrentHashMap<>();

    public RolloutRecorder(MeterRegistry registry, List<String> phases) {
        this.registry = requireNonNull(registry, "registry");
        Gauge.builder(MeterNames.CANARY_WEIGHT, this, recorder -> recorder.weight)
                .description("The candidate's share of live traffic, in percent")
                .register(registry);
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

    /** The state now, after a start, a resume or a transition. */
    public void state(String currentPhase, double candidatePercent) {
        phase.set(currentPhase);
        weight = candidatePercent;
    }

    public void transition(String to, String actor) {
        Counter counter = transitions.get(key(to, actor));
        if (counter == null) {
            throw new IllegalArgumentException("unknown phase or actor: " + to + ", " + actor);
        }
        counter.increment();
    }
}
