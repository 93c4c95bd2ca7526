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
 * @param stableLatency the stable's latencies, timed alike with the candidate's as {@code latencyPath} says
 * @param candidateLatency the candidate's latencies
 * @param latencyPath which client timed both; {@link LatencyPath#NONE} with empty distributions
 *     when latencies exist but none of both sides timed alike
 * @param stableByProxy the stable's latencies as the proxy timed them (requests stable served)
 * @param candidateByMirror the candidate's latencies as the mirror's client timed them (its copies
 *     of those requests): every mirrored request has both, but the mirror's own delay counts
 *     against the candidate, so they can pass the latency gate, never fail it
 * @param stableAgainstItself two copies to stable of one request, sent together: stable timed
 *     against itself, the host's noise ({@link HostNoise})
 * @param noisy of the matches, comparisons that differed only on noisy paths (counted as matches)
 * @param undecided of the mismatches, those that differed only on paths the noise baseline cannot
 *     yet tell from noise: they count as mismatches for a pass, as matches for a failure
 * @param otherAlike the latencies timed alike the other way, when the stage has both (a canary
 *     stage with noise copies): first stable's, second the candidate's; no pass while it says slower
 * @param similarity the similarity scores of a route compared by similarity, else {@link SimilarityEvidence#NONE}
 */
public record StageEvidence(long pairedRequests, long stableErrors, long candidateErrors, long comparisons,
                            long matches, LatencyDistribution stableLatency, LatencyDistribution candidateLatency,
                            LatencyPath latencyPath, LatencyDistribution stableByProxy,
                            LatencyDistribution candidateByMirror, LatencyPairs stableAgainstItself, long noisy,
                            long undecided, LatencyPairs otherAlike, SimilarityEvidence similarity) {
    private static final StageEvidence EMPTY = new StageEvidence(0, 0, 0, 0, 0, LatencyDistribution.empty(),
            LatencyDistribution.empty());

    public StageEvidence {
        requireNonNull(stableLatency, "stableLatency");
        requireNonNull(candidateLatency, "candidateLatency");
        requireNonNull(latencyPath, "latencyPath");
        requireNonNull(stableByProxy, "stableByProxy");
        requireNonNull(candidateByMirror, "candidateByMirror");
        requireNonNull(stableAgainstItself, "stableAgainstItself");
        requireNonNull(otherAlike, "otherAlike");
        requireNonNull(similarity, "similarity");
        if (similarity.scored() > comparisons) {
            throw new IllegalArgumentException("scored " + similarity.scored() + " (expected: 0..comparisons "
                    + comparisons + ")");
        }
        if (matches < 0 || comparisons < matches || pairedRequests < comparisons) {
            throw new IllegalArgumentException("matches " + matches + ", comparisons " + comparisons
                    + ", paired requests " + pairedRequests + " (expected: 0 <= matches <= comparisons <= pairs)");
        }
        if (noisy < 0 || noisy > matches) {
            throw new IllegalArgumentException("noisy " + noisy + " (expected: 0..matches " + matches + ")");
        }
        if (undecided < 0 || undecided > comparisons - matches) {
            throw new IllegalArgumentException("undecided " + undecided + " (expected: 0..mismatches "
                    + (comparisons - matches) + ")");
        }
        if (stableErrors < 0 || candidateErrors < 0 || stableErrors > pairedRequests || candidateErrors > pairedRequests) {
            throw new IllegalArgumentException("errors " + stableErrors + " and " + candidateErrors
                    + " (expected: 0..pairedRequests " + pairedRequests + ")");
        }
    }

    /** Evidence of a route not compared by similarity. */
    public StageEvidence(long pairedRequests, long stableErrors, long candidateErrors, long comparisons,
                         long matches, LatencyDistribution stableLatency, LatencyDistribution candidateLatency,
                         LatencyPath latencyPath, LatencyDistribution stableByProxy,
                         LatencyDistribution candidateByMirror, LatencyPairs stableAgainstItself, long noisy,
                         long undecided, LatencyPairs otherAlike) {
        this(pairedRequests, stableErrors, candidateErrors, comparisons, matches, stableLatency, candidateLatency,
                latencyPath, stableByProxy, candidateByMirror, stableAgainstItself, noisy, undecided, otherAlike,
                SimilarityEvidence.NONE);
    }

    /** Evidence whose two latency distributions were timed alike (by the proxy), with no noise copies. */
    public StageEvidence(long pairedRequests, long stableErrors, long candidateErrors, long comparisons, long matches,
                         LatencyDistribution stableLatency, LatencyDistribution candidateLatency) {
        this(pairedRequests, stableErrors, candidateErrors, comparisons, matches, stableLatency, candidateLatency,
                LatencyPath.PROXY, LatencyDistribution.empty(), LatencyDistribution.empty(), LatencyPairs.empty(), 0, 0, LatencyPairs.empty());
    }

    /** Evidence without noisy comparisons. */
    public StageEvidence(long pairedRequests, long stableErrors, long candidateErrors, long comparisons, long matches,
                         LatencyDistribution stableLatency, LatencyDistribution candidateLatency,
                         LatencyPath latencyPath, LatencyDistribution stableByProxy,
                         LatencyDistribution candidateByMirror, LatencyPairs stableAgainstItself) {
        this(pairedRequests, stableErrors, candidateErrors, comparisons, matches, stableLatency, candidateLatency,
                latencyPath, stableByProxy, candidateByMirror, stableAgainstItself, 0, 0, LatencyPairs.empty());
    }

    /** A stage with no traffic yet. */
    public static StageEvidence empty() {
        return EMPTY;
    }

    /** Latencies of both sides timed alike: the smaller count of the two. */
    public long pairedLatencies() {
        return Math.min(stableLatency.count(), candidateLatency.count());
    }

    /** Mirrored requests stable served, with both latencies: the smaller count of the two. */
    public long crossLatencies() {
        return Math.min(stableByProxy.count(), candidateByMirror.count());
    }
}
