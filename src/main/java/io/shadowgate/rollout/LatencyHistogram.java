package io.shadowgate.rollout;

import java.util.Arrays;

/**
 * Latencies counted in logarithmic buckets, each 1% wider than the one before, from 1 ns to about
 * 20 minutes: fixed memory (about 22 KB) whatever the traffic, and any value read back lies within
 * 0.5% of the latencies it stands for, fine enough for gates that judge differences of 10% or
 * more. Longer latencies are counted in the last bucket. Mutable and not thread-safe: its owner
 * ({@link EvidenceWindow}) guards it; readers take an immutable {@link #distribution()}.
 */
public final class LatencyHistogram {
    static final double GROWTH = 1.01;
    static final int BUCKETS = 2800;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    private final long[] counts = new long[BUCKETS];
    private long total;
    // The occupied range, so a snapshot reads a few hundred buckets instead of all of them.
    private int lowest = BUCKETS;
    private int highest = -1;

    public void record(long nanos) {
        int bucket = bucket(nanos);
        counts[bucket]++;
        total++;
        lowest = Math.min(lowest, bucket);
        highest = Math.max(highest, bucket);
    }

    public long count() {
        return total;
    }

    /** A copy of the occupied buckets, for reading quantiles while recording goes on. */
    public LatencyDistribution distribution() {
        int occupied = 0;
        for (int i = lowest; i <= highest; i++) {
            occupied += counts[i] == 0 ? 0 : 1;
        }
        long[] values = new long[occupied];
        long[] cumulative = new long[occupied];
        long running = 0;
        int next = 0;
        for (int i = lowest; i <= highest; i++) {
            if (counts[i] != 0) {
                running += counts[i];
                values[next] = representative(i);
                cumulative[next] = running;
                next++;
            }
        }
        return new LatencyDistribution(values, cumulative);
    }

    public void clear() {
        Arrays.fill(counts, 0);
        total = 0;
        lowest = BUCKETS;
        highest = -1;
    }

    static int bucket(long nanos) {
        if (nanos <= 1) {
            return 0;
        }
        return (int) Math.min(BUCKETS - 1, (long) (Math.log(nanos) / LOG_GROWTH));
    }

    /** The geometric middle of a bucket, so the worst relative error is half a bucket's width. */
    static long representative(int bucket) {
        return Math.max(1, Math.round(Math.exp((bucket + 0.5) * LOG_GROWTH)));
    }
}
