package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything {@code /status} and the gauges show of the rollout, taken at one moment on the
 * rollout's thread: a {@link Rollout} as one step of the {@link RolloutMachine} left it, with what
 * only the runner knows (whether the state file could be written). The controller publishes a new
 * one through a single volatile field after each step, so a reader on another thread sees either the whole state
 * before a transition or the whole state after it, never the phase of one and the last transition
 * or the weight being applied of the other.
 *
 * @param state the durable state: phase, stage, weight, since
 * @param judgement the last judgement of the current stage's evidence; null before the first
 * @param lastTransition the last transition's audit entry; null before the first
 * @param routerError why the last apply failed; null when it succeeded
 * @param stateError why the state file could not be written; null when it could
 * @param resumed the state was read back from the state file at start
 * @param evidenceSince when the current stage's evidence began
 * @param applyingPercent the weight the routers are applying now; null when none is
 */
public record RolloutSnapshot(RolloutState state, Judgement judgement, Map<String, Object> lastTransition,
                              String routerError, String stateError, boolean resumed, Instant evidenceSince,
                              Integer applyingPercent) {
    public RolloutSnapshot {
        requireNonNull(state, "state");
        requireNonNull(evidenceSince, "evidenceSince");
        // A copy: the entry also goes to the audit log and webhooks, and may hold nulls.
        lastTransition = lastTransition == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(lastTransition));
    }

    /** What {@code rollout} shows; {@code stateError} is why the state file could not be written, or null. */
    public static RolloutSnapshot of(Rollout rollout, String stateError) {
        return new RolloutSnapshot(rollout.state(), rollout.judgement(), rollout.lastTransition(),
                rollout.routerError(), stateError, rollout.resumed(), rollout.evidenceSince(), rollout.applyingPercent());
    }
}
