package io.shadowgate.rollout;

import java.time.Duration;

/**
 * Judges the evidence gathered since the current stage began. The seam between the controller's
 * state machine and the statistics: the controller knows phases and time, the judge knows
 * samples and gates. Implementations are thread-safe: evidence arrives on the comparison thread.
 */
public interface EvidenceJudge {
    /**
     * @param inStage how long the current stage has lasted
     * @param minBake the bake time this stage needs before it may pass
     */
    Judgement judge(Duration inStage, Duration minBake);

    /** A new stage begins: evidence counts from zero again. */
    void newStage();
}
