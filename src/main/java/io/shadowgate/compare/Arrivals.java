package io.shadowgate.compare;

import java.util.Arrays;

/**
 * When the pieces of one answer's body arrived: piece {@code i} ended at byte {@code ends[i]} of
 * the body as received and arrived {@code nanos[i]} after the request was written. It lets a
 * streamed answer be timed event by event after the fact, off the event loop, while the loop only
 * notes the clock once per piece. Both arrays grow together; ends and times never decrease.
 */
public record Arrivals(int[] ends, long[] nanos) {
    /** Nothing known: the answer is timed as a whole. */
    public static final Arrivals NONE = new Arrivals(new int[0], new long[0]);

    public Arrivals {
        if (ends.length != nanos.length) {
            throw new IllegalArgumentException(ends.length + " piece ends and " + nanos.length + " times (expected: as many)");
        }
    }

    public int pieces() {
        return ends.length;
    }

    /**
     * When the byte at {@code offset} had arrived: the time of the first piece that ends after it,
     * or -1 when unknown (no pieces, or past the last).
     */
    public long nanosAt(int offset) {
        int index = Arrays.binarySearch(ends, offset + 1);
        int piece = index >= 0 ? index : -index - 1;
        // binarySearch finds some equal element; the earliest piece ending at or after offset + 1 is wanted.
        while (piece > 0 && ends[piece - 1] >= offset + 1) {
            piece--;
        }
        return piece < ends.length ? nanos[piece] : -1;
    }

    /** Shows the count, not the arrays. */
    @Override
    public String toString() {
        return "Arrivals[" + ends.length + " pieces]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Arrivals that && Arrays.equals(ends, that.ends) && Arrays.equals(nanos, that.nanos);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ends) + Arrays.hashCode(nanos);
    }
}
