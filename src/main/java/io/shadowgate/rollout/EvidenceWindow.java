package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.MismatchPaths;
import io.shadowgate.compare.Outcome;
import io.shadowgate.compare.PathNoise;
import io.shadowgate.rollout.Evidence.Timing;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Collects the current stage's evidence, one mirrored request at a time, in fixed memory: five
 * counters, the similarity scores' sums, a {@link LatencyHistogram} per {@link Timing} (side, timing client and construction: see
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

    private final EnumMap<Timing, LatencyHistogram> latencies = new EnumMap<>(Timing.class);
    private long pairedRequests;
    private long stableErrors;
    private long candidateErrors;
    private long comparisons;
    private long matches;
    private long scored;
    private double scoreSum;
    private long pairedScores;
    private double scoreDifferenceSum;
    private double scoreDifferenceSquares;
    private double noiseScoreSum;
    private final Map<MismatchPaths, Long> mismatchesByPaths = new HashMap<>();

    public EvidenceWindow() {
        for (Timing timing : Timing.values()) {
            latencies.put(timing, new LatencyHistogram());
        }
    }

    private void time(Timing timing, long nanos) {
        latencies.get(timing).record(nanos);
    }

    /**
     * One mirrored request as the gateway sees it: the side that served the client was timed by
     * the proxy, the copy by the mirror's client. A request whose two sides did not both end
     * definitively (shed, over the size limit as received, the client gone) says nothing about the
     * candidate and is not counted; one where either side erred counts for the error gate only,
     * untimed, so a candidate's 5xx is not also held against its match rate and how fast an error
     * came back is not taken for how fast the model scores. Noise copies are timed only when both
     * sides answered without error; two stable copies of one request always.
     */
    public synchronized void record(Outcome outcome) {
        requireNonNull(outcome, "outcome");
        if (outcome.noiseNanos() > 0 && outcome.secondNoiseNanos() > 0) {
            // Stable against itself says how noisy the host is, whatever became of the request.
            recordStableAgainstItself(outcome.noiseNanos(), outcome.secondNoiseNanos());
        }
        if (!count(outcome)) {
            return;
        }
        boolean served = outcome.candidateServed();
        if (served) {
            time(Timing.CANDIDATE_BY_PROXY, outcome.candidateLeg().nanos());
        } else {
            time(Timing.STABLE_BY_PROXY, outcome.stable().nanos());
            time(Timing.CANDIDATE_BY_MIRROR, outcome.candidateLeg().nanos());
        }
        if (outcome.noiseNanos() > 0) {
            recordNoiseCopy(served, served ? outcome.stable().nanos() : outcome.candidateLeg().nanos(),
                    outcome.noiseNanos());
        }
    }

    /**
     * A request whose two latencies were timed alike, by one client: the simulation's ideal
     * gateway. Counted as {@link #record(Outcome)} counts; its noise copies are ignored.
     */
    public synchronized void recordTimedAlike(Outcome outcome) {
        requireNonNull(outcome, "outcome");
        if (count(outcome)) {
            time(Timing.STABLE_BY_PROXY, outcome.stable().nanos());
            time(Timing.CANDIDATE_BY_PROXY, outcome.candidateLeg().nanos());
        }
    }

    /**
     * A stable noise copy sent together with the request's copy (see
     * {@code MirrorClient.sendTogether}), both answered without error: the request itself must
     * be recorded too, with {@link #record(Outcome)}.
     *
     * @param candidateServed the candidate served the client, so the copy went to stable
     * @param copyNanos the copy's latency (the candidate's, or stable's when the candidate served)
     * @param noiseNanos the noise copy's latency
     */
    public synchronized void recordNoiseCopy(boolean candidateServed, long copyNanos, long noiseNanos) {
        if (candidateServed) {
            recordStableAgainstItself(copyNanos, noiseNanos);
        } else {
            time(Timing.CANDIDATE_COPY, copyNanos);
            time(Timing.STABLE_NOISE_WITH_CANDIDATE, noiseNanos);
        }
    }

    /**
     * Two copies to stable of one request, sent together from one start in a random order, both
     * answered without error: stable timed against itself, the host's noise ({@link HostNoise}).
     */
    public synchronized void recordStableAgainstItself(long oneNanos, long otherNanos) {
        time(Timing.STABLE_COPY, oneNanos);
        time(Timing.STABLE_NOISE_WITH_STABLE, otherNanos);
    }

    /** Counts the request; true when both sides answered without error, so it may be timed. */
    private boolean count(Outcome outcome) {
        if (!outcome.definitive()) {
            return false;
        }
        pairedRequests++;
        boolean stableError = outcome.stable().error();
        boolean candidateError = outcome.candidateLeg().error();
        if (stableError || candidateError) {
            stableErrors += stableError ? 1 : 0;
            candidateErrors += candidateError ? 1 : 0;
            return false;
        }
        Outcome.Result result = outcome.result();
        if (!(result instanceof Outcome.NotCompared)) {
            comparisons++;
            countScores(outcome.similarity());
            MismatchPaths paths = result instanceof Outcome.Mismatch mismatch ? mismatch.paths()
                    : result instanceof Outcome.Noisy noisy ? noisy.paths() : MismatchPaths.UNKNOWN;
            // The gate judges a mismatch's paths again on every tick; one without known paths is never noise.
            if (result instanceof Outcome.Match) {
                matches++;
            } else if (paths.known()
                    && (mismatchesByPaths.size() < MAX_PATH_SETS || mismatchesByPaths.containsKey(paths))) {
                mismatchesByPaths.merge(paths, 1L, Long::sum);
            }
        }
        return outcome.timed();
    }

    /**
     * The scores of a compared request of a route compared by similarity: the candidate's, and,
     * when a stable noise copy was compared too, the difference from stable's own score on the same
     * request, which the similarity gate judges (a sampling model differs from itself, so only the
     * difference says whether the candidate is worse).
     */
    private void countScores(Outcome.Similarity similarity) {
        if (!similarity.scored()) {
            return;
        }
        scored++;
        scoreSum += similarity.candidate();
        if (similarity.paired()) {
            double difference = similarity.candidate() - similarity.noise();
            pairedScores++;
            scoreDifferenceSum += difference;
            scoreDifferenceSquares += difference * difference;
            noiseScoreSum += similarity.noise();
        }
    }

    /** The evidence with no path noisy: every mismatch counts. */
    public StageEvidence snapshot() {
        return snapshot((String path) -> PathNoise.QUIET);
    }

    /** The evidence as the gates judge it, with {@code noise}'s view of each mismatch path now: see {@link Evidence#judged}. */
    public StageEvidence snapshot(Function<String, PathNoise> noise) {
        return evidence().judged(noise);
    }

    /** Everything recorded since the last reset, as a value that merges with other windows'. */
    public synchronized Evidence evidence() {
        EnumMap<Timing, Histogram> copies = new EnumMap<>(Timing.class);
        latencies.forEach((timing, histogram) -> {
            Histogram copy = histogram.copy();
            if (copy != null) {
                copies.put(timing, copy);
            }
        });
        return new Evidence(new Evidence.Counts(pairedRequests, stableErrors, candidateErrors, comparisons, matches,
                scored, scoreSum, pairedScores, scoreDifferenceSum, scoreDifferenceSquares, noiseScoreSum),
                mismatchesByPaths, copies);
    }

    /** Forgets everything: a new stage starts and is judged on its own evidence only. */
    public synchronized void reset() {
        pairedRequests = 0;
        stableErrors = 0;
        candidateErrors = 0;
        comparisons = 0;
        matches = 0;
        scored = 0;
        scoreSum = 0;
        pairedScores = 0;
        scoreDifferenceSum = 0;
        scoreDifferenceSquares = 0;
        noiseScoreSum = 0;
        mismatchesByPaths.clear();
        latencies.values().forEach(LatencyHistogram::clear);
    }
}
