package io.shadowgate.rollout;

import java.util.SplittableRandom;

/**
 * One kind of candidate for the simulation: how often its predictions differ, how often each side
 * errs, how much slower it is, and how much traffic reaches the stage per tick. Latencies are
 * lognormal (median 20 ms, sigma {@value #SIGMA}: a p99 about 2.5 times the median, as model
 * servers tend to show), drawn independently for the two sides, which is the harder case for the
 * latency gate than real, correlated pairs.
 *
 * <p>Without {@code mirroring} both sides are timed alike by the proxy on a quiet host; with it,
 * each request goes through the gateway's paths (answer, copy, noise copy) on its host.
 */
record Scenario(String name, int requestsPerTick, double mismatchRate, double stableErrorRate,
                double candidateErrorRate, double latencyFactor, Mirroring mirroring) {
    static final double SIGMA = 0.4;
    static final double MEDIAN_NANOS = 20e6;

    static Scenario identical(String name, int requestsPerTick) {
        return new Scenario(name, requestsPerTick, 0, 0.005, 0.005, 1, null);
    }

    Scenario drift(String name, double mismatchRate) {
        return new Scenario(name, requestsPerTick, mismatchRate, stableErrorRate, candidateErrorRate, latencyFactor,
                mirroring);
    }

    Scenario errors(String name, double candidateErrorRate) {
        return new Scenario(name, requestsPerTick, mismatchRate, stableErrorRate, candidateErrorRate, latencyFactor,
                mirroring);
    }

    Scenario slower(String name, double latencyFactor) {
        return new Scenario(name, requestsPerTick, mismatchRate, stableErrorRate, candidateErrorRate, latencyFactor,
                mirroring);
    }

    Scenario mirrored(String name, Mirroring mirroring) {
        return new Scenario(name, requestsPerTick, mismatchRate, stableErrorRate, candidateErrorRate, latencyFactor,
                mirroring);
    }

    /** Records one request in the stage's window. */
    void feed(SplittableRandom random, EvidenceWindow window) {
        if (mirroring == null) {
            window.record(next(random));
        } else {
            GatedEvidence.record(window, mirroring.next(random, this));
        }
    }

    PairedOutcome next(SplittableRandom random) {
        boolean stableError = random.nextDouble() < stableErrorRate;
        boolean candidateError = random.nextDouble() < candidateErrorRate;
        if (stableError || candidateError) {
            return PairedOutcome.erred(stableError, candidateError);
        }
        long stable = Math.round(latency(random, 1));
        long candidate = Math.round(latency(random, latencyFactor));
        return PairedOutcome.compared(random.nextDouble() >= mismatchRate, stable, candidate);
    }

    static double latency(SplittableRandom random, double factor) {
        return factor * MEDIAN_NANOS * Math.exp(SIGMA * random.nextGaussian());
    }
}
