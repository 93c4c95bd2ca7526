package io.shadowgate.metrics;

import java.util.Locale;

/**
 * How one sampled request ended for the shadow; every sampled request ends in exactly one, so
 * {@code sampled = compared + shed + timeout + error + skipped} holds at every scrape.
 */
public enum ShadowOutcome {
    /** Both answers arrived and were compared. */
    COMPARED,
    /** Not sent: the in-flight bound was reached. */
    SHED,
    /** The shadow did not answer within the candidate's timeout. */
    TIMEOUT,
    /** The shadow refused, reset, or sent something that is not HTTP. */
    ERROR,
    /**
     * Not compared: a body over the size limit (as received, or once its Content-Encoding is
     * undone), or no complete primary answer to compare with.
     */
    SKIPPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
