package io.shadowgate.rollout;

import io.shadowgate.compare.MismatchPaths;
import io.shadowgate.compare.Outcome;
import io.shadowgate.compare.Outcome.End;
import io.shadowgate.compare.Outcome.Leg;
import java.util.List;

/** Outcome records for tests and the simulation, by what they say rather than field by field. */
final class Outcomes {
    static final String ROUTE = "/score";
    static final String CANDIDATE = "candidate";

    private Outcomes() {}

    /** Both answered 200 and were compared; a mismatch with no paths that could be noise. */
    static Outcome compared(boolean match, long stableNanos, long candidateNanos) {
        return answeredWith(match ? new Outcome.Match() : new Outcome.Mismatch(MismatchPaths.UNKNOWN, List.of()),
                stableNanos, candidateNanos);
    }

    /** Both answered 200 and differed on {@code paths}. */
    static Outcome mismatched(MismatchPaths paths, long stableNanos, long candidateNanos) {
        return answeredWith(new Outcome.Mismatch(paths, List.of()), stableNanos, candidateNanos);
    }

    /** Both answered 200 but were not compared (e.g. a body over the size limit). */
    static Outcome answered(long stableNanos, long candidateNanos) {
        return answeredWith(new Outcome.NotCompared("too large"), stableNanos, candidateNanos);
    }

    /** At least one side failed its connection; the other answered 200. */
    static Outcome erred(boolean stableError, boolean candidateError) {
        if (!stableError && !candidateError) {
            throw new IllegalArgumentException("erred() needs an error on at least one side");
        }
        return new Outcome(ROUTE, CANDIDATE, stableError ? Leg.ended(End.FAILED) : Leg.answered(200, 1),
                candidateError ? Leg.ended(End.FAILED) : Leg.answered(200, 1), false,
                new Outcome.NotCompared("a side failed"), 0, 0);
    }

    /** The same request, compared by similarity: {@code result} with {@code similarity}'s scores. */
    static Outcome scored(Outcome outcome, Outcome.Result result, Outcome.Similarity similarity) {
        return new Outcome(outcome.route(), outcome.candidate(), outcome.stable(), outcome.candidateLeg(),
                outcome.candidateServed(), result, outcome.noiseNanos(), outcome.secondNoiseNanos(), similarity);
    }

    /** The same request, with the candidate (true) or stable serving the client. */
    static Outcome served(Outcome outcome, boolean candidateServed) {
        return new Outcome(outcome.route(), outcome.candidate(), outcome.stable(), outcome.candidateLeg(),
                candidateServed, outcome.result(), outcome.noiseNanos(), outcome.secondNoiseNanos());
    }

    /**
     * An outcome from the flags the gateway's mirror decides on: what the simulation models.
     *
     * @param errorsKnown both sides ended definitively
     * @param stableNanos stable's latency when both answered, else 0
     */
    static Outcome of(boolean compared, boolean match, boolean errorsKnown, boolean stableError,
                      boolean candidateError, long stableNanos, long candidateNanos, boolean candidateServed,
                      long noiseNanos, MismatchPaths mismatchPaths, long secondNoiseNanos) {
        Leg stable = leg(errorsKnown, stableError, stableNanos);
        Leg candidate = leg(errorsKnown, candidateError, candidateNanos);
        Outcome.Result result = !compared ? new Outcome.NotCompared("not compared")
                : match ? new Outcome.Match() : new Outcome.Mismatch(mismatchPaths, List.of());
        return new Outcome(ROUTE, CANDIDATE, stable, candidate, candidateServed, result, noiseNanos, secondNoiseNanos);
    }

    private static Leg leg(boolean known, boolean error, long nanos) {
        if (!known) {
            return Leg.ended(End.UNKNOWN);
        }
        if (error) {
            return Leg.ended(End.FAILED);
        }
        return Leg.answered(200, Math.max(nanos, 1));
    }

    private static Outcome answeredWith(Outcome.Result result, long stableNanos, long candidateNanos) {
        return new Outcome(ROUTE, CANDIDATE, Leg.answered(200, stableNanos), Leg.answered(200, candidateNanos), false,
                result, 0, 0);
    }
}
