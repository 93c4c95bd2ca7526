package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

/**
 * Two latency distributions of the same requests, side by side: for the latency gate's host
 * noise, two copies to stable of one request sent together (see {@link HostNoise}).
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
