package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.MismatchPaths;
import io.shadowgate.compare.PathNoise;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Collects the current stage's evidence, one mirrored request at a time, in fixed memory: five
 * counters, a {@link LatencyHistogram} per side, timing client and construction (see
 * {@link LatencyPath} and {@link HostNoise}), and the mismatches counted by where they differed
 * (at most {@value #MAX_PATH_SETS} distinct sets of paths). The mirror records from its threads
 * while the controller takes a {@link #snapshot()} on its tick, so every method holds the window's
 * lock; a record is a few increments, so the lock is held for well under a microsecond.
 *
 * <p>Mismatches are kept by their paths rather than judged noisy when they happen because the noise
 * baseline keeps learning: a path shown noisy later in the stage also clears the mismatches it
 * caused before, instead of leaving a fresh gateway's first minutes to roll the candidate back.
 */
public final class EvidenceWindow {
    /** Distinct sets of mismatch paths counted; mismatches with new sets beyond it are never noise. */
    static final int MAX_PATH_SETS = 256;

    /** Each side's answers to clients, timed by the proxy. */
    private final LatencyHistogram stableByProxy = new LatencyHistogram();
    private final LatencyHistogram candidateByProxy = new LatencyHistogram();
    /** Every copy of a request stable served, sent to the candidate: the cross reading. */
    private final LatencyHistogram candidateByMirror = new LatencyHistogram();
    /** The candidate's copy and stable's noise copy of the same request, sent together. */
    private final LatencyHistogram candidateCopies = new LatencyHistogram();
    private final LatencyHistogram stableNoiseWithCandidate = new LatencyHistogram();
    /** Two copies to stable of one request, sent together: stable against itself. */
    private final LatencyHistogram stableCopies = new LatencyHistogram();
    private final LatencyHistogram stableNoiseWithStable = new LatencyHistogram();
    private long pairedRequests;
    private long stableErrors;
    private long candidateErrors;
    private long comparisons;
    private long matches;
    private final Map<MismatchPaths, Long> mismatchesByPaths = new HashMap<>();

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
            recordStableAgainstItself(copyNanos, noiseNanos);
        } else {
            candidateCopies.record(copyNanos);
            stableNoiseWithCandidate.record(noiseNanos);
        }
    }

    /**
     * Two copies to stable of one request, sent together from one start in a random order, both
     * answered without error: stable timed against itself, the host's noise ({@link HostNoise}).
     */
    public synchronized void recordStableAgainstItself(long oneNanos, long otherNanos) {
        stableCopies.record(oneNanos);
        stableNoiseWithStable.record(otherNanos);
    }

    private void count(PairedOutcome outcome) {
        requireNonNull(outcome, "outcome");
        pairedRequests++;
        stableErrors += outcome.stableError() ? 1 : 0;
        candidateErrors += outcome.candidateError() ? 1 : 0;
        comparisons += outcome.compared() ? 1 : 0;
        matches += outcome.match() ? 1 : 0;
        MismatchPaths paths = outcome.mismatchPaths();
        if (paths.known() && (mismatchesByPaths.size() < MAX_PATH_SETS || mismatchesByPaths.containsKey(paths))) {
            mismatchesByPaths.merge(paths, 1L, Long::sum);
        }
    }

    /** The evidence with no path noisy: every mismatch counts. */
    public StageEvidence snapshot() {
        return snapshot((String path) -> PathNoise.QUIET);
    }

    /**
     * The counts, with the mismatches whose paths are all noisy (as {@code noise} says now)
     * counted as noisy matches and those with no quiet path as undecided; the like-for-like
     * latencies with more pairs (each side's answers, timed by the proxy, on a tie), or
     * {@link LatencyPath#NONE}; stable by the proxy next to the candidate by the mirror; and stable
     * against itself.
     */
    public synchronized StageEvidence snapshot(Function<String, PathNoise> noise) {
        long noisy = 0;
        long undecided = 0;
        for (Map.Entry<MismatchPaths, Long> entry : mismatchesByPaths.entrySet()) {
            PathNoise mismatch = entry.getKey().noise(noise);
            if (mismatch == PathNoise.NOISY) {
                noisy += entry.getValue();
            } else if (mismatch == PathNoise.UNDECIDED) {
                undecided += entry.getValue();
            }
        }
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
        return new StageEvidence(pairedRequests, stableErrors, candidateErrors, comparisons, matches + noisy, stable,
                candidate, path, stableByProxy.distribution(), candidateByMirror.distribution(),
                new LatencyPairs(stableCopies.distribution(), stableNoiseWithStable.distribution()), noisy, undecided,
                switch (path) {
                    case PROXY -> new LatencyPairs(stableNoiseWithCandidate.distribution(), candidateCopies.distribution());
                    case MIRROR -> new LatencyPairs(stableByProxy.distribution(), candidateByProxy.distribution());
                    case NONE -> LatencyPairs.empty();
                });
    }

    /** Forgets everything: a new stage starts and is judged on its own evidence only. */
    public synchronized void reset() {
        pairedRequests = 0;
        stableErrors = 0;
        candidateErrors = 0;
        comparisons = 0;
        matches = 0;
        mismatchesByPaths.clear();
        for (LatencyHistogram histogram : new LatencyHistogram[] {stableByProxy, candidateByProxy, candidateByMirror,
                candidateCopies, stableNoiseWithCandidate, stableCopies, stableNoiseWithStable}) {
            histogram.clear();
        }
    }
}
