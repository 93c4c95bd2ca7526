package io.shadowgate.compare;

/**
 * The lower confidence bound of a rate observed as {@code successes} among {@code n}. The noise
 * classification needs one but the comparison engine does no statistics of its own: the gateway
 * passes the rollout's Wilson bound at the rollout's confidence, so a path is called noisy with the
 * same confidence the gates use.
 *
 * <p>The upper bound is taken as {@code 1 - lower(n - successes, n)}, which holds for any interval
 * that treats successes and failures alike (Wilson's does). Neither bound may rise when {@code n}
 * grows and {@code successes} stays: a path that did not differ in a new baseline comparison can
 * only become less noisy, which is what lets {@code NoisyPaths} skip recomputing it.
 */
@FunctionalInterface
public interface RateLowerBound {
    double lower(long successes, long n);

    /** The upper bound of the same interval. */
    default double upper(long successes, long n) {
        return 1 - lower(n - successes, n);
    }
}
