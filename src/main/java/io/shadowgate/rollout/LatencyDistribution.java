package io.shadowgate.rollout;

import java.util.Arrays;

/**
 * An immutable latency distribution: sorted values with the cumulative count at each, read by
 * rank. It is what a {@link LatencyHistogram} hands out, so the values are bucket
 * representatives (within 0.5% of what was recorded).
 */
public final class LatencyDistribution {
    private static final LatencyDistribution EMPTY = new LatencyDistribution(new long[0], new long[0]);

    private final long[] values;
    private final long[] cumulative;

    /** Takes ownership of the arrays: values ascending, cumulative counts strictly rising. */
    LatencyDistribution(long[] values, long[] cumulative) {
        if (values.length != cumulative.length) {
            throw new IllegalArgumentException("values and counts differ in length");
        }
        this.values = values;
        this.cumulative = cumulative;
    }

    public static LatencyDistribution empty() {
        return EMPTY;
    }

    public long count() {
        return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    }

    /** The {@code rank}-th smallest latency in nanoseconds, rank from 1 to {@link #count()}. */
    public long valueAtRank(long rank) {
        if (rank < 1 || rank > count()) {
            throw new IllegalArgumentException("rank " + rank + " (expected: 1.." + count() + ")");
        }
        int found = Arrays.binarySearch(cumulative, rank);
        // Not found: the insertion point is the first bucket whose cumulative count passes the rank.
        return values[found >= 0 ? found : -found - 1];
    }

    /**
     * The nearest-rank {@code q}-quantile, the value at rank ceil(q * n): the p99 of 100 latencies
     * is the 99th smallest. Needs at least one latency.
     */
    public long quantile(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("q: " + q + " (expected: 0 < q <= 1)");
        }
        long rank = (long) Math.ceil(q * count());
        return valueAtRank(Math.max(1, rank));
    }

    @Override
    public String toString() {
        return "LatencyDistribution[count=" + count() + "]";
    }
}
