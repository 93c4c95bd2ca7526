package io.shadowgate.rollout;

import io.shadowgate.compare.Outcome;
import com.fasterxml.jackson.databind.node.LongNode;
import io.shadowgate.compare.Comparison;
import io.shadowgate.compare.Difference;
import io.shadowgate.compare.MismatchPaths;
import io.shadowgate.evidence.NoisyPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One kind of candidate for the simulation: how often its predictions differ, how often each side
 * errs, how much slower it is, and how much traffic reaches the stage per tick. Latencies are
 * lognormal (median 20 ms, sigma {@value #SIGMA}: a p99 about 2.5 times the median, as model
 * servers tend to show), drawn independently for the two sides, which is the harder case for the
 * latency gate than real, correlated pairs.
 *
 * <p>A model may also be non-deterministic in one field ({@value #NOISY_FIELD}), stable and
 * candidate alike: two of its answers differ there with probability {@code noisyFieldRate}. A
 * share {@code noisePercent} of requests then also compares stable with itself, feeding the noise
 * classification the judge asks. Scenarios without either draw exactly the random numbers they
 * drew before noise existed, so their rows of the table do not move.
 *
 * <p>A route compared by similarity ({@code scoring}, an LLM's text) scores each compared request
 * instead; a share {@code noisePercent} of its requests (or the mirroring's noise share) also
 * scores a stable noise copy against stable ({@link Scoring}).
 *
 * <p>Without {@code mirroring} both sides are timed alike by the proxy on a quiet host; with it,
 * each request goes through the gateway's paths (answer, copy, noise copy) on its host.
 */
record Scenario(String name, int requestsPerTick, double mismatchRate, double stableErrorRate,
                double candidateErrorRate, double latencyFactor, double noisyFieldRate, double noisePercent,
                Mirroring mirroring, Scoring scoring) {
    static final double SIGMA = 0.4;
    static final double MEDIAN_NANOS = 20e6;
    static final String NOISY_FIELD = "/created";
    static final String PREDICTION = "/predictions/*";

    static Scenario identical(String name, int requestsPerTick) {
        return new Scenario(name, requestsPerTick, 0, 0.005, 0.005, 1, 0, 0, null, null);
    }

    Scenario drift(String name, double mismatchRate) {
        return new Scenario(name, requestsPerTick, mismatchRate, stableErrorRate, candidateErrorRate, latencyFactor,
                noisyFieldRate, noisePercent, mirroring, scoring);
    }

    Scenario errors(String name, double candidateErrorRate) {
        return new Scenario(name, requestsPerTick, mismatchRate, stableErrorRate, candidateErrorRate, latencyFactor,
                noisyFieldRate, noisePercent, mirroring, scoring);
    }

    Scenario slower(String name, double latencyFactor) {
        return new Scenario(name, requestsPerTick, mismatchRate, stableErrorRate, candidateErrorRate, latencyFactor,
                noisyFieldRate, noisePercent, mirroring, scoring);
    }

    /** The model differs from itself at {@value #NOISY_FIELD} this often; {@code noisePercent} of requests measure it. */
    Scenario noisyField(String name, double noisyFieldRate, double noisePercent) {
        return new Scenario(name, requestsPerTick, mismatchRate, stableErrorRate, candidateErrorRate, latencyFactor,
                noisyFieldRate, noisePercent, mirroring, scoring);
    }

    /** Answers compared by similarity, {@code noisePercent} of them with a stable noise copy scored too. */
    Scenario scored(String name, Scoring scoring, double noisePercent) {
        return new Scenario(name, requestsPerTick, mismatchRate, stableErrorRate, candidateErrorRate, latencyFactor,
                noisyFieldRate, noisePercent, mirroring, scoring);
    }

    /** The requests go through the gateway's paths on a host ({@link Mirroring}). */
    Scenario mirrored(String name, Mirroring mirroring) {
        return new Scenario(name, requestsPerTick, mismatchRate, stableErrorRate, candidateErrorRate, latencyFactor,
                noisyFieldRate, noisePercent, mirroring, scoring);
    }

    /** Records one request in the stage's window. */
    void feed(SplittableRandom random, EvidenceWindow window, NoisyPaths noise) {
        if (mirroring == null) {
            window.recordTimedAlike(next(random, noise));
        } else {
            window.record(mirroring.next(random, this, noise));
        }
    }

    Outcome next(SplittableRandom random) {
        return next(random, NoisyPaths.off());
    }

    /** One request; its noise copy, if it has one, is compared first, as the gateway does. */
    Outcome next(SplittableRandom random, NoisyPaths noise) {
        if (scoring != null) {
            return nextScored(random, noise);
        }
        if (noisePercent > 0 && random.nextDouble() * 100 < noisePercent) {
            noise.baseline(random.nextDouble() < noisyFieldRate ? differing(List.of(NOISY_FIELD))
                    : new Comparison(List.of(), 0, 0, 0, false));
        }
        boolean stableError = random.nextDouble() < stableErrorRate;
        boolean candidateError = random.nextDouble() < candidateErrorRate;
        if (stableError || candidateError) {
            return Outcomes.erred(stableError, candidateError);
        }
        long stable = Math.round(latency(random, 1));
        long candidate = Math.round(latency(random, latencyFactor));
        boolean predictionsMatch = random.nextDouble() >= mismatchRate;
        if (noisyFieldRate == 0) {
            return Outcomes.compared(predictionsMatch, stable, candidate);
        }
        List<String> paths = new ArrayList<>();
        if (random.nextDouble() < noisyFieldRate) {
            paths.add(NOISY_FIELD);
        }
        if (!predictionsMatch) {
            paths.add(PREDICTION);
        }
        return paths.isEmpty() ? Outcomes.compared(true, stable, candidate)
                : Outcomes.mismatched(noise.mismatchPaths(differing(paths)), stable, candidate);
    }

    /** One request of a route compared by similarity, both sides timed alike. */
    private Outcome nextScored(SplittableRandom random, NoisyPaths noise) {
        boolean paired = random.nextDouble() * 100 < noisePercent;
        boolean stableError = random.nextDouble() < stableErrorRate;
        boolean candidateError = random.nextDouble() < candidateErrorRate;
        if (stableError || candidateError) {
            return Outcomes.erred(stableError, candidateError);
        }
        long stable = Math.round(latency(random, 1));
        long candidate = Math.round(latency(random, latencyFactor));
        Scoring.Scored scored = scoring.next(random, paired, noise);
        return Outcomes.scored(Outcomes.compared(true, stable, candidate), scored.result(), scored.similarity());
    }

    private static Comparison differing(List<String> paths) {
        List<Difference> differences = paths.stream()
                .map(path -> new Difference(path, Difference.Kind.VALUE, LongNode.valueOf(1), LongNode.valueOf(2)))
                .toList();
        return new Comparison(differences, differences.size(), 0, 0, false);
    }

    static double latency(SplittableRandom random, double factor) {
        return factor * MEDIAN_NANOS * Math.exp(SIGMA * random.nextGaussian());
    }
}
