package io.shadowgate.rollout;

/**
 * Where the rollout reads the current stage's evidence: one replica's window today, the sum of a
 * fleet's later. Its answer is a value ({@link StageEvidence}), so whatever judges it never sees
 * the traffic still arriving. Implementations are thread-safe: evidence arrives on the comparison
 * thread, the rollout reads on its own.
 */
public interface EvidenceSource {
    /** Everything recorded since the current stage began. */
    StageEvidence snapshot();

    /** A new stage begins: evidence counts from zero again. */
    void newStage();
}
