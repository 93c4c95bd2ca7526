package io.shadowgate.rollout;

import java.util.Arrays;
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

    private final Histogram histogram = newHistogram();

    /** An empty, auto-resizing histogram of the precision every latency here is kept at. */
    static Histogram newHistogram() {
        return new Histogram(SIGNIFICANT_DIGITS);
    }

    public void record(long nanos) {
        histogram.recordValue(Math.min(MAX_NANOS, Math.max(1, nanos)));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** A copy of the recorded buckets, for reading quantiles while recording goes on. */
    public LatencyDistribution distribution() {
        return distributionOf(histogram);
    }

    /** A copy of the histogram itself, for an {@link Evidence} value; empty histograms give null. */
    Histogram copy() {
        return histogram.getTotalCount() == 0 ? null : histogram.copy();
    }

    static LatencyDistribution distributionOf(Histogram histogram) {
        // One pass, into arrays grown as needed: walking the histogram costs far more than copying.
        long[] values = new long[64];
        long[] cumulative = new long[64];
        int next = 0;
        for (HistogramIterationValue bucket : histogram.recordedValues()) {
            if (next == values.length) {
                values = Arrays.copyOf(values, next * 2);
                cumulative = Arrays.copyOf(cumulative, next * 2);
            }
            values[next] = histogram.medianEquivalentValue(bucket.getValueIteratedTo());
            cumulative[next] = bucket.getTotalCountToThisValue();
            next++;
        }
        return new LatencyDistribution(Arrays.copyOf(values, next), Arrays.copyOf(cumulative, next));
    }

    public void clear() {
        histogram.reset();
    }
}
