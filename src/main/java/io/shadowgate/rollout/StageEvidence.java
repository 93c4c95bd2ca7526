package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

/**
 * Everything the gates know about the current stage, counted since it began: an immutable
 * snapshot, so one tick judges one consistent picture while traffic goes on. Produced by an
 * {@link EvidenceWindow} today; a source that sums the same counters over several replicas can
 * produce it as well.
 *
 * @param pairedRequests mirrored requests with an outcome on both sides
 * @param stableErrors of those, the stable erred on this many
 * @param candidateErrors of those, the candidate erred on this many
 * @param comparisons pairs whose predictions were compared (both answered without error)
 * @param matches comparisons that agreed
 * @param stableLatency the stable's latencies of the pairs where both answered without error
 * @param candidateLatency the candidate's latencies of the same pairs
 */
public record StageEvidence(long pairedRequests, long stableErrors, long candidateErrors, long comparisons,
                            long matches, LatencyDistribution stableLatency, LatencyDistribution candidateLatency) {
    private static final StageEvidence EMPTY =
            new StageEvidence(0, 0, 0, 0, 0, LatencyDistribution.empty(), LatencyDistribution.empty());

    public StageEvidence {
        requireNonNull(stableLatency, "stableLatency");
        requireNonNull(candidateLatency, "candidateLatency");
        if (matches < 0 || comparisons < matches || pairedRequests < comparisons) {
            throw new IllegalArgumentException("matches " + matches + ", comparisons " + comparisons
                    + ", paired requests " + pairedRequests + " (expected: 0 <= matches <= comparisons <= pairs)");
        }
        if (stableErrors < 0 || candidateErrors < 0 || stableErrors > pairedRequests || candidateErrors > pairedRequests) {
            throw new IllegalArgumentException("errors " + stableErrors + " and " + candidateErrors
                    + " (expected: 0..pairedRequests " + pairedRequests + ")");
        }
    }

    /** A stage with no traffic yet. */
    public static StageEvidence empty() {
        return EMPTY;
    }

    /** Pairs with a latency on both sides: the smaller count, should the two sources ever differ. */
    public long pairedLatencies() {
        return Math.min(stableLatency.count(), candidateLatency.count());
    }
}
