package io.shadowgate.mirror;

import static java.util.Objects.requireNonNull;

import io.shadowgate.metrics.ShadowRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two bodies a comparison takes, after both answers' content codings were undone: the decoded
 * bodies when both decoded, the bodies as received (with a note saying why) when either side has a
 * coding the gateway does not decode or bytes its coding rejects, and none at all when either
 * decoded past the size limit (such a pair is not compared). Each body left undecoded is counted.
 *
 * @param stable stable's body to compare, or null when {@link #tooLarge()}
 * @param candidate the candidate's (or the second stable answer's) body, as for {@code stable}
 * @param notes for a mismatch sample: which side was not decoded and why
 * @param tooLarge why the pair is not compared, or null when it is
 */
record ComparedBodies(byte[] stable, byte[] candidate, List<String> notes, String tooLarge) {
    ComparedBodies {
        notes = List.copyOf(notes);
    }

    /**
     * Decodes one answer's body (on the calling thread, the comparison's) and counts it when it
     * stays undecoded: once per answer, however many comparisons it takes part in.
     */
    static DecodedBody decode(BodyDecoder decoder, LegResult leg, ShadowRecorder recorder) {
        DecodedBody body = requireNonNull(decoder, "decoder").decode(leg.contentEncoding(), leg.body());
        count(body, recorder);
        return body;
    }

    /** The bodies to compare, from stable's answer and the other's, each as {@link #decode} left it. */
    static ComparedBodies of(LegResult stable, DecodedBody stableBody, LegResult candidate, DecodedBody candidateBody,
                             String candidateSide) {
        List<String> tooLarge = new ArrayList<>(2);
        List<String> notes = new ArrayList<>(2);
        describe(Mirror.STABLE, stableBody, tooLarge, notes);
        describe(candidateSide, candidateBody, tooLarge, notes);
        if (!tooLarge.isEmpty()) {
            return new ComparedBodies(null, null, List.of(), String.join("; ", tooLarge));
        }
        if (stableBody.decoded() && candidateBody.decoded()) {
            return new ComparedBodies(stableBody.body(), candidateBody.body(), List.of(), null);
        }
        // One side could not be decoded: comparing its bytes with the other's decoded body would only
        // ever differ, so both are compared as they came, which still matches two identical answers.
        notes.add("bodies compared as received, byte for byte");
        return new ComparedBodies(stable.body(), candidate.body(), notes, null);
    }

    boolean skipped() {
        return tooLarge != null;
    }

    private static void describe(String side, DecodedBody body, List<String> tooLarge, List<String> notes) {
        switch (body.result()) {
            case DECODED -> { }
            case TOO_LARGE -> tooLarge.add(side + ": " + body.detail());
            case UNKNOWN_CODING, CORRUPT -> notes.add(side + ": " + body.detail());
        }
    }

    private static void count(DecodedBody body, ShadowRecorder recorder) {
        if (!body.decoded()) {
            recorder.undecoded(body.result().name().toLowerCase(Locale.ROOT));
        }
    }
}
