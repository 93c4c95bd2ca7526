package io.shadowgate.rollout;

/**
 * Stage evidence that a test sets by the verdict it should lead to, judged by the real
 * {@link StageJudge}: ADVANCE is clean evidence (2000 matching comparisons, so it waits for the
 * bake like any), ROLLBACK a conclusive match-rate failure (10 mismatches in 100), WAIT no evidence
 * yet, INCONCLUSIVE too few comparisons ever to pass (inconclusive once maxBake is past). Counts
 * new stages.
 */
final class ScriptedEvidence implements EvidenceSource {
    static final StageEvidence CLEAN = StageEvidences.clean(2000);
    static final StageEvidence MISMATCHING = StageEvidences.mismatching(100, 10);
    static final StageEvidence THIN = StageEvidences.clean(10);
    /** A candidate erring on 100 of 1000 requests, stable on none: the error gate fails, the match gate passes. */
    static final StageEvidence ERRING = new StageEvidence(1000, 0, 100, 900, 900, StageEvidences.grid(900, 1),
            StageEvidences.grid(900, 1));

    private volatile StageEvidence next = StageEvidence.empty();
    volatile int newStages;

    /** Evidence that leads to {@code verdict}, from now on. */
    void say(StageVerdict verdict) {
        next = switch (verdict) {
            case ADVANCE -> CLEAN;
            case ROLLBACK -> MISMATCHING;
            case WAIT -> StageEvidence.empty();
            case INCONCLUSIVE -> THIN;
        };
    }

    /** This evidence from now on. */
    void say(StageEvidence evidence) {
        next = evidence;
    }

    @Override
    public StageEvidence snapshot() {
        return next;
    }

    @Override
    public void newStage() {
        newStages++;
    }
}
