package io.shadowgate.rollout;

import java.util.SplittableRandom;

/**
 * How the machine running the gateway and the models bends the latencies it measures, for the
 * simulation. A busy host, as seen on a shared node with a CPU hog on every core: every leg of a
 * request is stretched by one shared factor (the host is slow for all of them at that moment), a
 * share of requests is stretched {@code burstFactor} times (a burst of other work), all their legs
 * at once or, harder for the gate, each leg on its own ({@code burstPerLeg}),
 * of the two copies the mirror sends together the one dispatched second pays {@code secondBias}
 * (the loop lost the CPU between them), and the mirror's client adds its own delay to every copy
 * it times (one more loop to be scheduled), shared by the copies of one request.
 *
 * @param sharedSigma the shared factor is {@code exp(sharedSigma * |N(0,1)|)}
 * @param burstShare share of requests (or legs) in a burst
 * @param burstFactor how much a burst stretches a leg
 * @param secondBias factor on the copy dispatched second
 * @param mirrorDelayMedians mean of the mirror's own (exponential) delay, in model medians
 * @param burstPerLeg bursts hit each leg on its own instead of the whole request
 */
record HostModel(String name, double sharedSigma, double burstShare, double burstFactor, double secondBias,
                 double mirrorDelayMedians, boolean burstPerLeg) {
    static final HostModel QUIET = new HostModel("quiet host", 0, 0, 1, 1, 0.01, false);
    static final HostModel BUSY = new HostModel("busy host", 0.5, 0.02, 5, 1.25, 0.25, false);
    static final HostModel BUSY_PER_LEG = new HostModel("busy host, bursts per leg", 0.5, 0.02, 5, 1.25, 0.25, true);

    /** The factor every leg of one request shares: the host's state, and a burst when bursts hit whole requests. */
    double shared(SplittableRandom random) {
        double burst = burstPerLeg ? 1 : burst(random);
        return burst * Math.exp(sharedSigma * Math.abs(random.nextGaussian()));
    }

    /** A leg's own factor: a burst when bursts hit legs one by one, else 1. */
    double leg(SplittableRandom random) {
        return burstPerLeg ? burst(random) : 1;
    }

    private double burst(SplittableRandom random) {
        return random.nextDouble() < burstShare ? burstFactor : 1;
    }

    /** The mirror's delay for one request's copies, in nanoseconds. */
    double mirrorDelay(SplittableRandom random, double medianNanos) {
        return -Math.log(1 - random.nextDouble()) * mirrorDelayMedians * medianNanos;
    }
}
