package io.shadowgate.rollout;

/**
 * Where a rollout stands. {@code SHADOW}: the candidate gets no live traffic, only the mirrored
 * copy. {@code CANARY}: it answers a stage's share of live traffic. {@code PROMOTED}: it answers
 * everything. {@code ROLLED_BACK}: stable answers everything again. {@code PAUSED}: the weight is
 * held and nothing moves automatically until an operator resumes. The durable half of the
 * rollout's state; whether the routers hold the phase's weight yet is the other half
 * ({@link Weight}).
 */
public enum Phase {
    SHADOW, CANARY, PROMOTED, ROLLED_BACK, PAUSED;

    /** Phases in which the controller judges evidence and may move on its own. */
    public boolean judged() {
        return this == SHADOW || this == CANARY;
    }
}
