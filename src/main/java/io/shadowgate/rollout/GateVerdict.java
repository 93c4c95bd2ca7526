package io.shadowgate.rollout;

/** What one gate concludes from a stage's evidence so far. */
public enum GateVerdict {
    /** The evidence shows, at the configured confidence, that the candidate meets the threshold. */
    PASS,
    /** The evidence shows, at the configured confidence and on enough samples, that it does not. */
    FAIL,
    /** Neither yet: more evidence is needed. */
    PENDING
}
