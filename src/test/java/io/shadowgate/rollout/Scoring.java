package io.shadowgate.rollout;

import com.fasterxml.jackson.databind.node.TextNode;
import io.shadowgate.compare.Comparison;
import io.shadowgate.compare.Difference;
import io.shadowgate.compare.Outcome;
import io.shadowgate.evidence.NoisyPaths;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a route compared by similarity (LLM text) scores in the simulation. A sampling model differs
 * from itself: stable's answer to a request scored against a second stable answer to it (the noise
 * copy) draws from a Beta distribution with mean {@code stableMean} and standard deviation
 * {@code deviation}; the candidate's answer scored against stable's draws independently from one
 * with the mean moved by {@code drift}, the same deviation. Independent draws are the harder case
 * for the gate: a real request that makes stable repeat itself tends to make the candidate repeat
 * it too, which narrows the paired difference. A deviation of 0 is a deterministic model: every
 * score is exactly its mean (1 when nothing differs).
 *
 * <p>As the gateway does, a score below {@value #THRESHOLD} (the default text threshold) is a
 * similarity difference at {@value #TEXT}, and a noise copy's score below it teaches the noise
 * baseline that stable differs there from itself; the match-rate gate then counts such
 * differences as noisy matches, and the similarity gate is the judge.
 *
 * @param stableMean stable's mean score against itself
 * @param deviation the scores' standard deviation, 0 for a deterministic model
 * @param drift the candidate's mean score minus stable's own
 */
record Scoring(double stableMean, double deviation, double drift) {
    static final double THRESHOLD = 0.6;
    static final String TEXT = "/choices/*/message/content";

    /** A sampling model: stable against itself scores 0.55 on average, with a deviation of 0.15. */
    static Scoring sampling(double drift) {
        return new Scoring(0.55, 0.15, drift);
    }

    /** A deterministic model: identical answers score 1 every time. */
    static Scoring deterministic() {
        return new Scoring(1, 0, 0);
    }

    /**
     * One compared request's scores and result; with {@code paired}, the noise copy's score is
     * drawn too and, compared first as the gateway does, fed to the noise baseline.
     */
    Scored next(SplittableRandom random, boolean paired, NoisyPaths noise) {
        double noiseScore = Double.NaN;
        if (paired) {
            noiseScore = draw(random, stableMean);
            noise.baseline(noiseScore < THRESHOLD ? differing() : new Comparison(List.of(), 0, 0, 0, false));
        }
        double candidateScore = draw(random, stableMean + drift);
        Outcome.Result result = candidateScore < THRESHOLD
                ? new Outcome.Mismatch(noise.mismatchPaths(differing()), List.of()) : new Outcome.Match();
        return new Scored(result, new Outcome.Similarity(candidateScore, noiseScore));
    }

    /** What one request's comparison found. */
    record Scored(Outcome.Result result, Outcome.Similarity similarity) {}

    private double draw(SplittableRandom random, double mean) {
        if (deviation == 0) {
            return mean;
        }
        // Beta(a, b) with the given mean and deviation: a + b = mean (1 - mean) / deviation² - 1.
        double total = mean * (1 - mean) / (deviation * deviation) - 1;
        double x = gamma(random, mean * total);
        return x / (x + gamma(random, (1 - mean) * total));
    }

    /** Marsaglia and Tsang's method (2000), for a shape of at least 1. */
    private static double gamma(SplittableRandom random, double shape) {
        if (shape < 1) {
            throw new IllegalArgumentException("shape " + shape + " (expected: >= 1)");
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static Comparison differing() {
        Difference difference = new Difference(TEXT, Difference.Kind.VALUE, TextNode.valueOf("a"),
                TextNode.valueOf("b"));
        return new Comparison(List.of(difference), 1, 0, 0, false);
    }
}
