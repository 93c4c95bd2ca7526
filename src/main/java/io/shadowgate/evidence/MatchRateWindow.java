package io.shadowgate.evidence;

import io.shadowgate.compare.Outcome;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The match rate over a sliding time window: comparisons are counted in a ring of
 * {@value #BUCKETS} time buckets, and the rate is the matches over the comparisons of the buckets
 * still inside the window. Old buckets are cleared as time moves on, so memory is fixed whatever
 * the traffic. Time comes from an injected clock (milliseconds) so tests advance it rather than
 * sleep. Thread-safe; writes come from one thread in practice, reads from scrapes.
 */
public final class MatchRateWindow {
    static final int BUCKETS = 300;

    private final Duration window;
    private final long bucketMillis;
    private final LongSupplier clockMillis;
    private final long[] bucketIndex = new long[BUCKETS];
    private final long[] matches = new long[BUCKETS];
    private final long[] totals = new long[BUCKETS];

    public MatchRateWindow(Duration window, LongSupplier clockMillis) {
        this.window = window;
        this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
        this.clockMillis = clockMillis;
        java.util.Arrays.fill(bucketIndex, -1);
    }

    public Duration window() {
        return window;
    }

    /** One comparison: a match, or a difference only on noisy paths, counts as agreeing. */
    public void record(Outcome.Kind result) {
        record(result == Outcome.Kind.MATCH || result == Outcome.Kind.NOISY);
    }

    public synchronized void record(boolean match) {
        long index = clockMillis.getAsLong() / bucketMillis;
        int slot = (int) Math.floorMod(index, BUCKETS);
        if (bucketIndex[slot] != index) {
            bucketIndex[slot] = index;
            matches[slot] = 0;
            totals[slot] = 0;
        }
        totals[slot]++;
        if (match) {
            matches[slot]++;
        }
    }

    /** Comparisons and matches inside the window, as of now. */
    public synchronized Counts counts() {
        long now = clockMillis.getAsLong() / bucketMillis;
        long match = 0;
        long total = 0;
        for (int slot = 0; slot < BUCKETS; slot++) {
            if (bucketIndex[slot] > now - BUCKETS && bucketIndex[slot] <= now) {
                match += matches[slot];
                total += totals[slot];
            }
        }
        return new Counts(match, total);
    }

    /** The share of comparisons in the window that matched; NaN when there were none. */
    public double rate() {
        return counts().rate();
    }

    /** Matches among comparisons. */
    public record Counts(long matches, long comparisons) {
        public double rate() {
            return comparisons == 0 ? Double.NaN : (double) matches / comparisons;
        }
    }
}
