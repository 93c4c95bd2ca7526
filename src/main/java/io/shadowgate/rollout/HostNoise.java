package io.shadowgate.rollout;

/**
 * How far the stable model's p99 differs from itself on this host in the current stage, in
 * copies built exactly as the candidate's copy and the noise copy it is judged against (two
 * copies to stable of one request, sent together from one start in a random order): the
 * latency gate's measure of host noise. Neither verdict is given inside it: a candidate is rolled
 * back only when slower than the limit by more than that, and passed only when faster than the
 * limit by more than that. When the host is so busy that the stable differs from itself by as
 * much as the limit, the stage bakes on until the evidence settles or {@code maxBake} calls it
 * inconclusive, with this as the reason.
 *
 * @param reading stable against itself, or null when not measured (yet)
 */
record HostNoise(LatencyReading reading) {

    static HostNoise of(LatencyPairs copies, double confidence) {
        return new HostNoise(copies.count() < LatencyGate.MIN_PAIRS ? null
                : LatencyReading.of(copies.first(), copies.second(), confidence, "noise copy", "copy",
                        "sent together"));
    }

    /** The stable's own p99 difference on the log scale: 0 when it was not measured. */
    double logSlack() {
        return reading == null ? 0 : Math.abs(Math.log1p(reading.estimate()));
    }

    /** Whether an increase of at least {@code lower} is above {@code limit} beyond the host's noise. */
    boolean allowsFailure(double lower, double limit) {
        return Math.log1p(lower) > Math.log1p(limit) + logSlack();
    }

    /** Whether an increase of at most {@code upper} is below {@code limit} beyond the host's noise. */
    boolean allowsPass(double upper, double limit) {
        return Math.log1p(upper) + logSlack() <= Math.log1p(limit);
    }

    /** The limit moved by the host's noise, away from an increase of zero when {@code up}. */
    double moved(double limit, boolean up) {
        return Math.expm1(Math.log1p(limit) + (up ? logSlack() : -logSlack()));
    }

    boolean measured() {
        return reading != null;
    }

    /** "stable against itself +4.10% after 500 pairs (...)", for gate details. */
    String describe() {
        return "stable against itself " + Format.change(reading.estimate()) + reading.after();
    }
}
