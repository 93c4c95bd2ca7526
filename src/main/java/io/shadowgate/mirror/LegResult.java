package io.shadowgate.mirror;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.Arrivals;
import java.util.List;

/**
 * How one leg of a mirrored request ended (the primary, the shadow, or the noise copy to stable).
 *
 * @param ending how it ended
 * @param status HTTP status when it answered, else 0
 * @param contentType the answer's Content-Type, or null
 * @param contentEncoding the answer's Content-Encoding (all its values, comma-separated), or null:
 *     the body is kept as received and decoded for the comparison, on the comparison thread
 * @param body the whole answer body when it answered within the size limit, else empty
 * @param nanos time from dispatch to the last byte, when it answered
 * @param error what went wrong, for logs, when it did not answer
 * @param firstByteNanos time from dispatch to the answer's head, when it answered and that is known; else 0
 * @param arrivals when the body's pieces arrived, counted from dispatch ({@link Arrivals#NONE} when not known)
 */
record LegResult(Ending ending, int status, String contentType, String contentEncoding, byte[] body, long nanos,
                 String error, long firstByteNanos, Arrivals arrivals) {
    LegResult {
        requireNonNull(arrivals, "arrivals");
    }

    LegResult(Ending ending, int status, String contentType, String contentEncoding, byte[] body, long nanos,
              String error) {
        this(ending, status, contentType, contentEncoding, body, nanos, error, 0, Arrivals.NONE);
    }

    /** ABANDONED: the client went away, so the leg tells nothing about the upstream. */
    enum Ending { ANSWERED, TOO_LARGE, TIMEOUT, ERROR, SHED, ABANDONED }

    private static final byte[] NO_BODY = new byte[0];

    static LegResult answered(int status, String contentType, String contentEncoding, byte[] body, long nanos) {
        return new LegResult(Ending.ANSWERED, status, contentType, contentEncoding, body, nanos, null);
    }

    /** An answer whose head and body pieces were timed. */
    static LegResult answered(int status, String contentType, String contentEncoding, byte[] body, long nanos,
                              long firstByteNanos, Arrivals arrivals) {
        return new LegResult(Ending.ANSWERED, status, contentType, contentEncoding, body, nanos, null, firstByteNanos,
                arrivals);
    }

    static LegResult failed(Ending ending, String error) {
        return new LegResult(ending, 0, null, null, NO_BODY, 0, error);
    }

    /** All values of a header, comma-separated as HTTP allows, or null when absent. */
    static String joined(List<String> values) {
        return values.isEmpty() ? null : String.join(", ", values);
    }

    boolean answered() {
        return ending == Ending.ANSWERED;
    }

    /** Ended in a way that says whether the upstream erred: an answer, a failure or a timeout. */
    boolean definitive() {
        return ending == Ending.ANSWERED || ending == Ending.TIMEOUT || ending == Ending.ERROR;
    }

    /** A 5xx answer, a timeout or a failed connection. */
    boolean isError() {
        return ending == Ending.TIMEOUT || ending == Ending.ERROR || ending == Ending.ANSWERED && status >= 500;
    }
}
