package io.shadowgate.rollout;

/**
 * What the evidence says of the current stage on one judgement: the one enum the judge, the
 * rollout machine, {@code /status}, the audit log and the gauges share (lower case as the
 * {@code decision} label and in {@code /status}).
 */
public enum StageVerdict {
    /** Every gate passed on enough comparisons after the bake: the next stage may begin. */
    ADVANCE,
    /** A gate failed conclusively, or the stage stayed inconclusive past maxBake with onInconclusive rollback. */
    ROLLBACK,
    /** Not enough time or evidence yet: judge again on the next tick. */
    WAIT,
    /** Past maxBake without a verdict and onInconclusive is hold: stay, and say so. */
    INCONCLUSIVE
}
