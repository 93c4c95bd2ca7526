package io.shadowgate.rollout;

import java.util.SplittableRandom;

/**
 * One kind of candidate for the simulation: how often its predictions differ, how often each side
 * errs, how much slower it is, and how much traffic reaches the stage per tick. Latencies are
 * lognormal (median 20 ms, sigma {@value #SIGMA}: a p99 about 2.5 times the median, as model
 * servers tend to show), drawn independently for the two sides, which is the harder case for the
 * latency gate than real, correlated pairs.
 */
record Scenario(String name, int requestsPerTick, double mismatchRate, double stableErrorRate,
                double candidateErrorRate, double latencyFactor) {
    static final double SIGMA = 0.4;
    static final double MEDIAN_NANOS = 20e6;

    static Scenario identical(String name, int requestsPerTick) {
        return new Scenario(name, requestsPerTick, 0, 0.005, 0.005, 1);
    }

    Scenario drift(String name, double mismatchRate) {
        return new Scenario(name, requestsPerTick, mismatchRate, stableErrorRate, candidateErrorRate, latencyFactor);
    }

    Scenario errors(String name, double candidateErrorRate) {
        return new Scenario(name, requestsPerTick, mismatchRate, stableErrorRate, candidateErrorRate, latencyFactor);
    }

    Scenario slower(String name, double latencyFactor) {
        return new Scenario(name, requestsPerTick, mismatchRate, stableErrorRate, candidateErrorRate, latencyFactor);
    }

    PairedOutcome next(SplittableRandom random) {
        boolean stableError = random.nextDouble() < stableErrorRate;
        boolean candidateError = random.nextDouble() < candidateErrorRate;
        if (stableError || candidateError) {
            return PairedOutcome.erred(stableError, candidateError);
        }
        long stable = latency(random, 1);
        long candidate = latency(random, latencyFactor);
        return PairedOutcome.compared(random.nextDouble() >= mismatchRate, stable, candidate);
    }

    private static long latency(SplittableRandom random, double factor) {
        return Math.round(factor * MEDIAN_NANOS * Math.exp(SIGMA * random.nextGaussian()));
    }
}
