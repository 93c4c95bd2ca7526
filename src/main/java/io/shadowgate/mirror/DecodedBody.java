package io.shadowgate.mirror;

import static java.util.Objects.requireNonNull;

/**
 * One answer body after its {@code Content-Encoding} was undone, or why it was not.
 *
 * @param result how decoding went
 * @param body the decoded body when {@link Result#DECODED} (the body as received when there was
 *     nothing to undo); otherwise the body as received, for a comparison as bytes, or empty when too large
 * @param detail what a reader of a mismatch sample or a log needs: the coding, or what went wrong
 */
record DecodedBody(Result result, byte[] body, String detail) {
    /** How decoding one body ended. */
    enum Result {
        /** Decoded, or there was no coding to undo. */
        DECODED,
        /** The decoded body passed the size limit; decoding stopped there, and the pair is not compared. */
        TOO_LARGE,
        /** A coding the gateway does not decode (or whose native codec is missing here). */
        UNKNOWN_CODING,
        /** The bytes are not valid for their coding. */
        CORRUPT
    }

    private static final byte[] NONE = new byte[0];

    DecodedBody {
        requireNonNull(result, "result");
        requireNonNull(body, "body");
        requireNonNull(detail, "detail");
    }

    static DecodedBody decoded(byte[] body, String codings) {
        return new DecodedBody(Result.DECODED, body, codings);
    }

    static DecodedBody tooLarge(String detail) {
        return new DecodedBody(Result.TOO_LARGE, NONE, detail);
    }

    static DecodedBody notDecoded(Result result, byte[] received, String detail) {
        return new DecodedBody(result, received, detail);
    }

    boolean decoded() {
        return result == Result.DECODED;
    }
}
