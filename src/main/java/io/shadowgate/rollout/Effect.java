package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link RolloutMachine#step} asks the world to do, in the order given: the runner
 * performs each in turn (routers, state file, evidence, status, audit log, metrics, webhooks,
 * logs) and feeds a router's answer back as a {@link Command.Applied}. A closed set.
 */
public sealed interface Effect {
    /**
     * Move every router from {@code fromPercent} to {@code percent} (raises in router order, cuts in
     * reverse) and answer with {@link Command.Applied} carrying {@code apply}.
     *
     * @param announce the line to log when the routers do not answer at once; null for a quiet retry
     */
    record ApplyWeight(long apply, int percent, int fromPercent, String announce) implements Effect {}

    /**
     * A rollback superseded apply number {@code apply}: the routers it has not reached yet are not
     * told its weight any more (one already told may still take it; the machine applies the
     * rollback's weight again once every apply has answered).
     */
    record Abandon(long apply) implements Effect {}

    /** Write the durable state to the state file. */
    record SaveState(RolloutState state) implements Effect {
        public SaveState {
            requireNonNull(state, "state");
        }
    }

    /** A new stage begins: the evidence counts from zero again. */
    record NewStage() implements Effect {}

    /**
     * Publish the step's new state as the status snapshot now, before the effects that follow: whoever the
     * audit log or a webhook tells may ask {@code /status} at once.
     */
    record Publish() implements Effect {}

    /** Append a transition's entry to the audit log. */
    record Audit(Map<String, Object> entry) implements Effect {
        public Audit {
            entry = Collections.unmodifiableMap(new LinkedHashMap<>(entry)); // values may be null
        }
    }

    /** Count a transition to {@code phase} by {@code actor} in the metrics. */
    record Count(String phase, String actor) implements Effect {}

    /** Tell the webhooks about a transition. */
    record Notify(Map<String, Object> entry) implements Effect {
        public Notify {
            entry = Collections.unmodifiableMap(new LinkedHashMap<>(entry));
        }
    }

    /** A line for the operator's log. */
    record Log(boolean warning, String message) implements Effect {}

    Effect NEW_STAGE = new NewStage();
    Effect PUBLISH = new Publish();
}
