package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.MismatchPaths;
import io.shadowgate.compare.PathNoise;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Collects the current stage's evidence, one mirrored request at a time, in fixed memory: five
 * counters, a {@link LatencyHistogram} per side and timing client (see {@link LatencyPath}), and
 * the mismatches counted by where they differed (at most {@value #MAX_PATH_SETS} distinct sets of
 * paths). The mirror records from its threads while the controller takes a {@link #snapshot()} on
 * its tick, so every method holds the window's lock; a record is a few increments, so the lock is
 * held for well under a microsecond.
 *
 * <p>Mismatches are kept by their paths rather than judged noisy when they happen because the noise
 * baseline keeps learning: a path shown noisy later in the stage also clears the mismatches it
 * caused before, instead of leaving a fresh gateway's first minutes to roll the candidate back.
 */
public final class EvidenceWindow {
    /** Distinct sets of mismatch paths counted; mismatches with new sets beyond it are never noise. */
    static final int MAX_PATH_SETS = 256;

    private final LatencyHistogram stableByProxy = new LatencyHistogram();
    private final LatencyHistogram candidateByProxy = new LatencyHistogram();
    private final LatencyHistogram stableByMirror = new LatencyHistogram();
    private final LatencyHistogram candidateByMirror = new LatencyHistogram();
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
            (candidateServed ? stableByMirror : stableByProxy).record(outcome.stableNanos());
            (candidateServed ? candidateByProxy : candidateByMirror).record(outcome.candidateNanos());
        }
    }

    /** A stable noise copy's latency: stable timed by the mirror's client. */
    public synchronized void recordNoise(long stableNanos) {
        stableByMirror.record(stableNanos);
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
     * counted as noisy matches and those with no quiet path as undecided; the latencies of
     * whichever client timed more of both sides (the proxy on a tie), or {@link LatencyPath#NONE};
     * and stable by the proxy next to the candidate by the mirror.
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
        long byMirror = Math.min(stableByMirror.count(), candidateByMirror.count());
        boolean untimed = stableByProxy.count() + candidateByProxy.count() + stableByMirror.count()
                + candidateByMirror.count() == 0;
        LatencyPath path = byProxy == 0 && byMirror == 0 ? (untimed ? LatencyPath.PROXY : LatencyPath.NONE)
                : byProxy >= byMirror ? LatencyPath.PROXY : LatencyPath.MIRROR;
        boolean mirror = path == LatencyPath.MIRROR;
        boolean none = path == LatencyPath.NONE;
        return new StageEvidence(pairedRequests, stableErrors, candidateErrors, comparisons, matches + noisy,
                none ? LatencyDistribution.empty() : (mirror ? stableByMirror : stableByProxy).distribution(),
                none ? LatencyDistribution.empty() : (mirror ? candidateByMirror : candidateByProxy).distribution(),
                path, stableByProxy.distribution(), candidateByMirror.distribution(), noisy, undecided);
    }

    /** Forgets everything: a new stage starts and is judged on its own evidence only. */
    public synchronized void reset() {
        pairedRequests = 0;
        stableErrors = 0;
        candidateErrors = 0;
        comparisons = 0;
        matches = 0;
        mismatchesByPaths.clear();
        stableByProxy.clear();
        candidateByProxy.clear();
        stableByMirror.clear();
        candidateByMirror.clear();
    }
}
