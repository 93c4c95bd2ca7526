package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.MismatchPaths;

/**
 * What one mirrored request told us: the stable and the candidate each answered or erred, and
 * when both answered, their predictions were compared or not. Built by its factories, which
 * admit only the combinations that can happen.
 *
 * <p>A pair in which either side erred (a 5xx, a timeout, a connection error) is evidence for the
 * error gate only: it counts as no comparison and gives no latencies. Counting it as a mismatch
 * too would judge one fault twice, and the stable's own transient errors would pull an identical
 * candidate's match rate below the threshold. An error answer's latency tells how fast it failed,
 * not how fast the model scores.
 *
 * @param stableError the stable erred
 * @param candidateError the candidate erred
 * @param compared both answered and their predictions were compared
 * @param match compared and found to agree
 * @param stableNanos the stable's latency, or -1 when a side erred
 * @param candidateNanos the candidate's latency, or -1 when a side erred
 * @param mismatchPaths where a mismatch differed, so the judge can count it as noise;
 *     {@link MismatchPaths#UNKNOWN} otherwise
 */
public record PairedOutcome(boolean stableError, boolean candidateError, boolean compared, boolean match,
                            long stableNanos, long candidateNanos, MismatchPaths mismatchPaths) {
    public PairedOutcome {
        requireNonNull(mismatchPaths, "mismatchPaths");
        if ((match || !compared) && mismatchPaths.known()) {
            throw new IllegalArgumentException("mismatch paths " + mismatchPaths.paths() + " without a mismatch");
        }
        boolean erred = stableError || candidateError;
        if (erred && (compared || stableNanos != -1 || candidateNanos != -1)) {
            throw new IllegalArgumentException("a pair with an error is neither compared nor timed");
        }
        if (!erred && (stableNanos < 0 || candidateNanos < 0)) {
            throw new IllegalArgumentException("latencies " + stableNanos + ", " + candidateNanos + " (expected: >= 0)");
        }
        if (match && !compared) {
            throw new IllegalArgumentException("a match needs a comparison");
        }
    }

    /** Without mismatch paths. */
    public PairedOutcome(boolean stableError, boolean candidateError, boolean compared, boolean match,
                         long stableNanos, long candidateNanos) {
        this(stableError, candidateError, compared, match, stableNanos, candidateNanos, MismatchPaths.UNKNOWN);
    }

    /** Both answered without error and their predictions were compared. */
    public static PairedOutcome compared(boolean match, long stableNanos, long candidateNanos) {
        return new PairedOutcome(false, false, true, match, stableNanos, candidateNanos);
    }

    /** Both answered without error and their predictions differed there. */
    public static PairedOutcome mismatched(MismatchPaths paths, long stableNanos, long candidateNanos) {
        return new PairedOutcome(false, false, true, false, stableNanos, candidateNanos, paths);
    }

    /** Both answered without error but were not compared (e.g. a body over the size limit). */
    public static PairedOutcome answered(long stableNanos, long candidateNanos) {
        return new PairedOutcome(false, false, false, false, stableNanos, candidateNanos);
    }

    /** At least one side erred: a 5xx, a timeout or a connection error. */
    public static PairedOutcome erred(boolean stableError, boolean candidateError) {
        if (!stableError && !candidateError) {
            throw new IllegalArgumentException("erred() needs an error on at least one side");
        }
        return new PairedOutcome(stableError, candidateError, false, false, -1, -1);
    }

    public boolean timed() {
        return stableNanos >= 0;
    }
}
