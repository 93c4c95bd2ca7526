package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The rollout's durable state: what the state file holds and a restart resumes. Evidence is not
 * part of it; it restarts with the process.
 *
 * @param candidate the name of the candidate this rollout moves ({@link #DEFAULT_CANDIDATE} until
 *     several candidates are configured); a state file written before it was saved names none and
 *     loads as the default
 * @param phase where the rollout stands
 * @param stage index into {@code rollout.stages} of the current canary stage; -1 in the shadow stage
 *     (and after a rollback); the last index when promoted
 * @param candidatePercent the candidate's share of live traffic
 * @param since when this state began
 * @param pausedFrom the phase a pause interrupted (SHADOW or CANARY), else null
 */
public record RolloutState(String candidate, Phase phase, int stage, int candidatePercent, Instant since,
                           Phase pausedFrom) {
    /** The candidate's name when none is configured, and in state files written before names were saved. */
    public static final String DEFAULT_CANDIDATE = "candidate";

    public RolloutState {
        requireNonNull(candidate, "candidate");
        requireNonNull(phase, "phase");
        requireNonNull(since, "since");
        if (candidate.isBlank()) {
            throw new IllegalArgumentException("candidate: blank (expected: a name)");
        }
        if (candidatePercent < 0 || candidatePercent > 100) {
            throw new IllegalArgumentException("candidatePercent: " + candidatePercent + " (expected: 0..100)");
        }
        if ((phase == Phase.PAUSED) != (pausedFrom != null)) {
            throw new IllegalArgumentException("pausedFrom: " + pausedFrom + " with phase " + phase
                    + " (expected: set exactly when paused)");
        }
    }

    /** The start of every rollout of {@code candidate}. */
    public static RolloutState shadow(String candidate, Instant now) {
        return new RolloutState(candidate, Phase.SHADOW, -1, 0, now, null);
    }
}
