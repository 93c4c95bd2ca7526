package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The rollout's whole state between two steps of {@link RolloutMachine}: the durable state (the
 * candidate, its phase and weight), where the routers stand ({@link Weight}), and what
 * {@code /status} shows besides. Immutable: each step makes a new one, and the runner publishes it
 * as one snapshot.
 *
 * @param state the durable state, as saved
 * @param weight where the routers stand against the state's weight
 * @param judgement the last judgement of the current stage's evidence; null before the first
 * @param lastTransition the last transition's audit entry; null before the first
 * @param routerError why the last apply failed; null when it succeeded
 * @param resumed the state was read back from the state file at start
 * @param evidenceSince when the current stage's evidence began
 * @param superseded applies a rollback interrupted that have not answered yet
 * @param reassert an interrupted apply may have left a router elsewhere: once every apply has
 *     answered, the state's weight is applied again
 * @param lastApply the number of the last {@link Effect.ApplyWeight}
 */
public record Rollout(RolloutState state, Weight weight, Judgement judgement, Map<String, Object> lastTransition,
                      String routerError, boolean resumed, Instant evidenceSince, Set<Long> superseded,
                      boolean reassert, long lastApply) {
    public Rollout {
        requireNonNull(state, "state");
        requireNonNull(weight, "weight");
        requireNonNull(evidenceSince, "evidenceSince");
        lastTransition = lastTransition == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(lastTransition));
        superseded = Set.copyOf(superseded);
    }

    /** The weight the routers are applying now; null when none is. */
    public Integer applyingPercent() {
        return weight instanceof Weight.Applying applying ? applying.move().target().candidatePercent() : null;
    }
}
