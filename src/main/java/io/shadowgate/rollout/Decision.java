package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

/**
 * What the controller should do with the current stage, why, and the gate report it rests on.
 *
 * @param action what to do
 * @param reason one sentence for /status, the audit log and webhooks
 * @param report every gate's verdict and the headline numbers
 */
public record Decision(Action action, String reason, GateReport report) {
    public enum Action {
        /** Every gate passed on enough samples after the bake: move to the next stage. */
        ADVANCE,
        /** A gate failed conclusively, or the stage stayed inconclusive past maxBake with onInconclusive: rollback. */
        ROLLBACK,
        /** Keep baking and judge again on the next tick. */
        WAIT,
        /** Past maxBake without a verdict and onInconclusive is hold: stay, and say so. */
        INCONCLUSIVE
    }

    public Decision {
        requireNonNull(action, "action");
        requireNonNull(reason, "reason");
        requireNonNull(report, "report");
    }
}
