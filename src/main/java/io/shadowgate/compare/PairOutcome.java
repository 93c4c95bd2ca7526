package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

/**
 * What one mirrored request tells about the candidate next to stable, whichever of the two
 * answered the client: the rollout's evidence is made of these.
 *
 * @param compared both answered and their answers were compared
 * @param match the comparison found no difference (false when not compared)
 * @param errorsKnown both sides ended definitively (answered, failed or timed out), so their error
 *     flags count; false when the request was shed, its answer was over the size limit as received,
 *     or the client went away (an answer that only decodes past the limit still counts here)
 * @param stableError stable answered 5xx, timed out or failed the connection
 * @param candidateError the candidate did
 * @param stableNanos stable's latency when both answered, else 0
 * @param candidateNanos the candidate's latency when both answered, else 0
 * @param candidateServed the candidate answered the client (timed by the proxy) and stable got the
 *     copy (timed by the mirror's client); false the other way round
 * @param noiseNanos the latency of a stable noise copy sent with this request, else 0
 * @param mismatchPaths where a mismatch differed, for the gate to tell noise from a real
 *     difference when it judges; {@link MismatchPaths#UNKNOWN} for a match or when not compared
 * @param secondNoiseNanos the latency of a second stable noise copy sent together with the first,
 *     else 0: the two time stable against itself
 */
public record PairOutcome(boolean compared, boolean match, boolean errorsKnown, boolean stableError,
                          boolean candidateError, long stableNanos, long candidateNanos, boolean candidateServed,
                          long noiseNanos, MismatchPaths mismatchPaths, long secondNoiseNanos) {
    public PairOutcome {
        requireNonNull(mismatchPaths, "mismatchPaths");
    }

    /** Without mismatch paths: no mismatch of it can ever count as noise. */
    public PairOutcome(boolean compared, boolean match, boolean errorsKnown, boolean stableError,
                       boolean candidateError, long stableNanos, long candidateNanos, boolean candidateServed,
                       long noiseNanos) {
        this(compared, match, errorsKnown, stableError, candidateError, stableNanos, candidateNanos, candidateServed,
                noiseNanos, MismatchPaths.UNKNOWN, 0);
    }

    /** Stable served and no noise copy went out. */
    public PairOutcome(boolean compared, boolean match, boolean errorsKnown, boolean stableError,
                       boolean candidateError, long stableNanos, long candidateNanos) {
        this(compared, match, errorsKnown, stableError, candidateError, stableNanos, candidateNanos, false, 0);
    }

    /** Whether both latencies are known, for the paired latency gate. */
    public boolean latenciesKnown() {
        return stableNanos > 0 && candidateNanos > 0;
    }
}
