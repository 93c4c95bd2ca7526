package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

/**
 * Two latency distributions of the same requests, or of the same stage, side by side: stable
 * against itself (two copies to stable of one request sent together, see {@link HostNoise}), or
 * stable's and the candidate's latencies timed alike the other way
 * ({@link StageEvidence#otherAlike()}).
 */
public record LatencyPairs(LatencyDistribution first, LatencyDistribution second) {
    private static final LatencyPairs EMPTY = new LatencyPairs(LatencyDistribution.empty(), LatencyDistribution.empty());

    public LatencyPairs {
        requireNonNull(first, "first");
        requireNonNull(second, "second");
    }

    public static LatencyPairs empty() {
        return EMPTY;
    }

    /** The smaller count of the two. */
    public long count() {
        return Math.min(first.count(), second.count());
    }
}
