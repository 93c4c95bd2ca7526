package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Optional;

/**
 * A streamed answer put back together for comparison, with its timing: see {@link StreamAssembler}.
 * The body array is handed over as {@link Answer}'s is: not copied, never changed afterwards.
 *
 * @param body the assembled body: for an OpenAI stream the JSON of the answer it would have been
 *     unstreamed, else the events' data joined by LF
 * @param json whether the body is JSON
 * @param firstTokenNanos when the first token's event had arrived, after the request was written;
 *     -1 when unknown (no arrivals, or no token)
 * @param meanInterTokenNanos the mean time between two tokens; -1 with fewer than two tokens or
 *     no arrivals
 * @param tokens the events that carried a token (counted with or without arrivals)
 * @param malformed why the stream was not well formed, when it was not; the body is then what
 *     could be read of it
 */
public record AssembledAnswer(byte[] body, boolean json, long firstTokenNanos, long meanInterTokenNanos, int tokens,
                              Optional<String> malformed) {
    public AssembledAnswer {
        requireNonNull(body, "body");
        requireNonNull(malformed, "malformed");
    }

    /** The answer the comparer sees: the assembled body under the stream's status. */
    public Answer answer(int status) {
        return new Answer(status, json, body);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AssembledAnswer that && Arrays.equals(body, that.body) && json == that.json
                && firstTokenNanos == that.firstTokenNanos && meanInterTokenNanos == that.meanInterTokenNanos
                && tokens == that.tokens && malformed.equals(that.malformed);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(body) + Long.hashCode(firstTokenNanos) + 7 * tokens;
    }

    /** Shows the size, not the bytes, as {@link Answer} does. */
    @Override
    public String toString() {
        return "AssembledAnswer[body=" + body.length + " bytes, json=" + json + ", firstTokenNanos=" + firstTokenNanos
                + ", meanInterTokenNanos=" + meanInterTokenNanos + ", tokens=" + tokens + ", malformed=" + malformed
                + "]";
    }
}
