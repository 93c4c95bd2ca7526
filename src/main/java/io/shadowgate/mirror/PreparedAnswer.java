package io.shadowgate.mirror;

import io.shadowgate.compare.Answer;
import io.shadowgate.compare.Arrivals;
import io.shadowgate.compare.AssembledAnswer;
import io.shadowgate.compare.StreamAssembler;
import io.shadowgate.compare.StreamFormat;
import io.shadowgate.config.LatencyMeasure;
import java.util.Optional;

/**
 * One leg's answer as its route compares it: a streamed answer ({@code text/event-stream})
 * assembled into the shape of a whole one, and timed event by event from its body's arrivals.
 *
 * @param answer what the comparer takes
 * @param firstTokenNanos from dispatch to the first event carrying content, or the whole answer's
 *     time when it is not a stream (or its pieces' times are unknown)
 * @param meanInterTokenNanos the mean time between its tokens, or -1 with fewer than two
 * @param malformed why a stream could not be read as its format says, if it could not
 */
record PreparedAnswer(Answer answer, long firstTokenNanos, long meanInterTokenNanos, Optional<String> malformed) {
    /**
     * @param body the leg's body as the comparison takes it (decoded when it could be)
     * @param timed whether {@code body} is the body as received, so its pieces' arrivals apply to it
     */
    static PreparedAnswer of(LegResult leg, byte[] body, boolean timed, StreamFormat format) {
        if (!StreamAssembler.isEventStream(leg.contentType())) {
            return new PreparedAnswer(Answer.of(leg.status(), leg.contentType(), body), leg.nanos(), -1, Optional.empty());
        }
        AssembledAnswer assembled = StreamAssembler.assemble(body, timed ? leg.arrivals() : Arrivals.NONE, format);
        long firstToken = assembled.firstTokenNanos() > 0 ? assembled.firstTokenNanos() : leg.nanos();
        return new PreparedAnswer(assembled.answer(leg.status()), firstToken,
                assembled.meanInterTokenNanos(), assembled.malformed());
    }

    /** The latency the rollout compares, as {@code rollout.gates.latencyMeasure} says. */
    long latency(LegResult leg, LatencyMeasure measure) {
        return measure == LatencyMeasure.FIRST_TOKEN ? firstTokenNanos : leg.nanos();
    }
}
