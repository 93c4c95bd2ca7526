package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

/**
 * Collects the current stage's evidence, one mirrored request at a time, in fixed memory: five
 * counters and a {@link LatencyHistogram} per side, timing client and construction (see
 * {@link LatencyPath} and {@link HostNoise}). The mirror records from its threads while
 * the controller takes a {@link #snapshot()} on its tick, so every method holds the window's lock;
 * a record is a few increments, so the lock is held for well under a microsecond.
 */
public final class EvidenceWindow {
    /** Each side's answers to clients, timed by the proxy. */
    private final LatencyHistogram stableByProxy = new LatencyHistogram();
    private final LatencyHistogram candidateByProxy = new LatencyHistogram();
    /** Every copy of a request stable served, sent to the candidate: the cross reading. */
    private final LatencyHistogram candidateByMirror = new LatencyHistogram();
    /** The candidate's copy and stable's noise copy of the same request, sent together. */
    private final LatencyHistogram candidateCopies = new LatencyHistogram();
    private final LatencyHistogram stableNoiseWithCandidate = new LatencyHistogram();
    /** Stable's copy and its noise copy of a request the candidate served, sent together. */
    private final LatencyHistogram stableCopies = new LatencyHistogram();
    private final LatencyHistogram stableNoiseWithStable = new LatencyHistogram();
    private long pairedRequests;
    private long stableErrors;
    private long candidateErrors;
    private long comparisons;
    private long matches;

    /** A pair whose two latencies were timed by the same client (simulations, tests). */
    public synchronized void record(PairedOutcome outcome) {
        count(outcome);
        if (outcome.timed()) {
            stableByProxy.record(outcome.stableNanos());
            candidateByProxy.record(outcome.candidateNanos());
        }
    }

    /**
     * A mirrored request as the gateway sees it: the side that served the client was timed by the
     * proxy, the copy by the mirror's client.
     */
    public synchronized void record(PairedOutcome outcome, boolean candidateServed) {
        count(outcome);
        if (outcome.timed()) {
            if (candidateServed) {
                candidateByProxy.record(outcome.candidateNanos());
            } else {
                stableByProxy.record(outcome.stableNanos());
                candidateByMirror.record(outcome.candidateNanos());
            }
        }
    }

    /**
     * A stable noise copy sent together with the request's copy (see
     * {@code MirrorClient.sendTogether}), both answered without error: the request itself must
     * be recorded too, with {@link #record(PairedOutcome, boolean)}.
     *
     * @param candidateServed the candidate served the client, so the copy went to stable
     * @param copyNanos the copy's latency (the candidate's, or stable's when the candidate served)
     * @param noiseNanos the noise copy's latency
     */
    public synchronized void recordNoiseCopy(boolean candidateServed, long copyNanos, long noiseNanos) {
        if (candidateServed) {
            stableCopies.record(copyNanos);
            stableNoiseWithStable.record(noiseNanos);
        } else {
            candidateCopies.record(copyNanos);
            stableNoiseWithCandidate.record(noiseNanos);
        }
    }

    private void count(PairedOutcome outcome) {
        requireNonNull(outcome, "outcome");
        pairedRequests++;
        stableErrors += outcome.stableError() ? 1 : 0;
        candidateErrors += outcome.candidateError() ? 1 : 0;
        comparisons += outcome.compared() ? 1 : 0;
        matches += outcome.match() ? 1 : 0;
    }

    /**
     * The counts; the like-for-like latencies with more pairs (each side's answers, timed by the
     * proxy, on a tie), or {@link LatencyPath#NONE}; stable by the proxy next to the candidate by
     * the mirror; and stable against itself.
     */
    public synchronized StageEvidence snapshot() {
        long byProxy = Math.min(stableByProxy.count(), candidateByProxy.count());
        long byMirror = Math.min(candidateCopies.count(), stableNoiseWithCandidate.count());
        boolean untimed = stableByProxy.count() + candidateByProxy.count() + candidateByMirror.count() == 0;
        LatencyPath path = byProxy == 0 && byMirror == 0 ? (untimed ? LatencyPath.PROXY : LatencyPath.NONE)
                : byProxy >= byMirror ? LatencyPath.PROXY : LatencyPath.MIRROR;
        LatencyDistribution stable = switch (path) {
            case PROXY -> stableByProxy.distribution();
            case MIRROR -> stableNoiseWithCandidate.distribution();
            case NONE -> LatencyDistribution.empty();
        };
        LatencyDistribution candidate = switch (path) {
            case PROXY -> candidateByProxy.distribution();
            case MIRROR -> candidateCopies.distribution();
            case NONE -> LatencyDistribution.empty();
        };
        return new StageEvidence(pairedRequests, stableErrors, candidateErrors, comparisons, matches, stable,
                candidate, path, stableByProxy.distribution(), candidateByMirror.distribution(),
                new LatencyPairs(stableCopies.distribution(), stableNoiseWithStable.distribution()));
    }

    /** Forgets everything: a new stage starts and is judged on its own evidence only. */
    public synchronized void reset() {
        pairedRequests = 0;
        stableErrors = 0;
        candidateErrors = 0;
        comparisons = 0;
        matches = 0;
        for (LatencyHistogram histogram : new LatencyHistogram[] {stableByProxy, candidateByProxy, candidateByMirror,
                candidateCopies, stableNoiseWithCandidate, stableCopies, stableNoiseWithStable}) {
            histogram.clear();
        }
    }
}
