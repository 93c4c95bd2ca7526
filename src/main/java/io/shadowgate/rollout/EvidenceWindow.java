package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

/**
 * Collects the current stage's evidence, one mirrored request at a time, in fixed memory: five
 * counters and two {@link LatencyHistogram}s. The mirror records from its threads while the
 * controller takes a {@link #snapshot()} on its tick, so every method holds the window's lock;
 * a record is a few increments, so the lock is held for well under a microsecond.
 */
public final class EvidenceWindow {
    private final LatencyHistogram stableLatency = new LatencyHistogram();
    private final LatencyHistogram candidateLatency = new LatencyHistogram();
    private long pairedRequests;
    private long stableErrors;
    private long candidateErrors;
    private long comparisons;
    private long matches;

    public synchronized void record(PairedOutcome outcome) {
        requireNonNull(outcome, "outcome");
        pairedRequests++;
        stableErrors += outcome.stableError() ? 1 : 0;
        candidateErrors += outcome.candidateError() ? 1 : 0;
        comparisons += outcome.compared() ? 1 : 0;
        matches += outcome.match() ? 1 : 0;
        if (outcome.timed()) {
            stableLatency.record(outcome.stableNanos());
            candidateLatency.record(outcome.candidateNanos());
        }
    }

    public synchronized StageEvidence snapshot() {
        return new StageEvidence(pairedRequests, stableErrors, candidateErrors, comparisons, matches,
                stableLatency.distribution(), candidateLatency.distribution());
    }

    /** Forgets everything: a new stage starts and is judged on its own evidence only. */
    public synchronized void reset() {
        pairedRequests = 0;
        stableErrors = 0;
        candidateErrors = 0;
        comparisons = 0;
        matches = 0;
        stableLatency.clear();
        candidateLatency.clear();
    }
}
