package io.shadowgate.rollout;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Latencies of one side of the paired requests, in an HdrHistogram with two significant digits:
 * memory grows with the range of latencies seen, not with their number, and any value read back
 * lies within 0.5% of the latencies it stands for, fine enough for gates that judge differences of
 * 10% or more. Mutable and not thread-safe: its owner ({@link EvidenceWindow}) guards it; readers
 * take an immutable {@link #distribution()}.
 */
public final class LatencyHistogram {
    private static final int SIGNIFICANT_DIGITS = 2;
    /** Longer latencies are counted as this: no request lasts an hour, and the histogram stays small. */
    static final long MAX_NANOS = 3_600_000_000_000L;

    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS); // auto-resizing

    public void record(long nanos) {
        histogram.recordValue(Math.min(MAX_NANOS, Math.max(1, nanos)));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** A copy of the recorded buckets, for reading quantiles while recording goes on. */
    public LatencyDistribution distribution() {
        int occupied = 0;
        for (HistogramIterationValue ignored : histogram.recordedValues()) {
            occupied++;
        }
        long[] values = new long[occupied];
        long[] cumulative = new long[occupied];
        int next = 0;
        for (HistogramIterationValue bucket : histogram.recordedValues()) {
            values[next] = histogram.medianEquivalentValue(bucket.getValueIteratedTo());
            cumulative[next] = bucket.getTotalCountToThisValue();
            next++;
        }
        return new LatencyDistribution(values, cumulative);
    }

    public void clear() {
        histogram.reset();
    }
}
