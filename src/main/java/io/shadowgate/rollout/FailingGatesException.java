package io.shadowgate.rollout;

import java.util.List;
import java.util.Map;

/**
 * A promotion refused because the current stage's evidence has a gate that fails: moving more
 * traffic to a candidate the gates have judged worse than stable needs {@code force}. Carries the
 * failing gates and the evidence numbers, as {@code /status} shows them, so the refusal can name
 * them.
 */
public final class FailingGatesException extends RolloutConflictException {
    private static final long serialVersionUID = 1L;

    private final transient List<Map<String, Object>> failingGates;
    private final transient Map<String, Object> evidence;

    public FailingGatesException(Judgement judgement) {
        super("promotion refused: " + Judgement.describe(judgement.failingGates())
                + "; add force=true to promote anyway");
        this.failingGates = judgement.failingGates();
        this.evidence = judgement.evidence();
    }

    /** Each failing gate's name, verdict and detail (its estimate, bound and threshold in words). */
    public List<Map<String, Object>> failingGates() {
        return failingGates;
    }

    /** The stage's numbers judged: samples, match rate and its bound, error and latency increase. */
    public Map<String, Object> evidence() {
        return evidence;
    }
}
