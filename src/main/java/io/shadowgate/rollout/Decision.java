package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

/**
 * What the {@link StageJudge} makes of the current stage, why, and the gate report it rests on.
 *
 * @param verdict what the rollout should do with the stage
 * @param reason one sentence for /status, the audit log and webhooks
 * @param report every gate's verdict and the headline numbers
 */
public record Decision(StageVerdict verdict, String reason, GateReport report) {
    public Decision {
        requireNonNull(verdict, "verdict");
        requireNonNull(reason, "reason");
        requireNonNull(report, "report");
    }
}
