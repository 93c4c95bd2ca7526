package io.shadowgate.compare;

/**
 * What an answer said about its body, as a mismatch sample shows it: the body was compared after
 * its coding was undone, and these tell a reader what the bytes were on the wire.
 *
 * @param contentType the answer's {@code Content-Type}, or null
 * @param contentEncoding the answer's {@code Content-Encoding}, or null
 */
public record BodyHeaders(String contentType, String contentEncoding) {
    /** An answer that sent neither header, or one not recorded. */
    public static final BodyHeaders NONE = new BodyHeaders(null, null);
}
