package io.shadowgate.mirror;

import io.shadowgate.compare.Arrivals;
import java.util.Arrays;

/**
 * Notes, on an event loop, where each body piece of one answer ended and when it arrived, into two
 * parallel arrays that grow by doubling: nothing is allocated per piece beyond that amortised
 * growth, and nothing is boxed. Bounded by the answer itself: its owner stops noting (and calls
 * {@link #clear}) once the body is over the size limit, and empty pieces are not noted. One
 * instance per answer, written by one thread at a time; {@link #arrivals} is read after the answer
 * is complete, through the same hand-over that publishes the body.
 */
final class ArrivalTimes {
    private static final int FIRST_CAPACITY = 8;

    private int[] ends = new int[FIRST_CAPACITY];
    private long[] nanos = new long[FIRST_CAPACITY];
    private int pieces;

    /** A piece that ends at byte {@code end} of the body arrived {@code at} nanoseconds after dispatch. */
    void piece(int end, long at) {
        if (pieces == ends.length) {
            int capacity = Math.max(FIRST_CAPACITY, pieces * 2);
            ends = Arrays.copyOf(ends, capacity);
            nanos = Arrays.copyOf(nanos, capacity);
        }
        ends[pieces] = end;
        nanos[pieces] = at;
        pieces++;
    }

    int pieces() {
        return pieces;
    }

    /** Forgets every piece and lets go of the arrays' growth: the body they described was dropped. */
    void clear() {
        ends = new int[0];
        nanos = new long[0];
        pieces = 0;
    }

    /** The pieces noted so far, copied to arrays of their exact length. */
    Arrivals arrivals() {
        return pieces == 0 ? Arrivals.NONE : new Arrivals(Arrays.copyOf(ends, pieces), Arrays.copyOf(nanos, pieces));
    }
}
