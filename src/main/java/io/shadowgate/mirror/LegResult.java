package io.shadowgate.mirror;

/**
 * How one leg of a mirrored request ended (the primary, the shadow, or the noise copy to stable).
 *
 * @param ending how it ended
 * @param status HTTP status when it answered, else 0
 * @param contentType the answer's Content-Type, or null
 * @param body the whole answer body when it answered within the size limit, else empty
 * @param nanos time from dispatch to the last byte, when it answered
 * @param error what went wrong, for logs, when it did not answer
 */
record LegResult(Ending ending, int status, String contentType, byte[] body, long nanos, String error) {
    enum Ending { ANSWERED, TOO_LARGE, TIMEOUT, ERROR, SHED }

    private static final byte[] NO_BODY = new byte[0];

    static LegResult answered(int status, String contentType, byte[] body, long nanos) {
        return new LegResult(Ending.ANSWERED, status, contentType, body, nanos, null);
    }

    static LegResult failed(Ending ending, String error) {
        return new LegResult(ending, 0, null, NO_BODY, 0, error);
    }

    boolean answered() {
        return ending == Ending.ANSWERED;
    }
}
