package io.shadowgate.rollout;

/**
 * Stage evidence for tests, without randomness. Latencies are a lognormal quantile grid (median
 * 20 ms, sigma 0.4, as in the simulation), so a candidate {@code factor} times slower has a p99
 * exactly {@code factor} times the stable's, up to the histogram's half-percent buckets.
 */
final class StageEvidences {
    private static final double MEDIAN_NANOS = 20e6;
    private static final double SIGMA = 0.4;

    private StageEvidences() {}

    /** {@code n} compared pairs, no errors, no latencies. */
    static StageEvidence comparisons(long n, long mismatches) {
        LatencyDistribution none = LatencyDistribution.empty();
        return new StageEvidence(n, 0, 0, n, n - mismatches, none, none);
    }

    /** {@code n} compared pairs, all matching, with {@code similarity}'s scores. */
    static StageEvidence scored(long n, SimilarityEvidence similarity) {
        LatencyDistribution none = LatencyDistribution.empty();
        return new StageEvidence(n, 0, 0, n, n, none, none, LatencyPath.PROXY, none, none, LatencyPairs.empty(), 0, 0,
                LatencyPairs.empty(), similarity);
    }

    /**
     * {@code n} scored requests, all paired: stable scores 0.55 against itself on average, the
     * differences have mean {@code mean} and sample deviation {@code deviation}.
     */
    static StageEvidence differences(long n, double mean, double deviation) {
        double squares = (n - 1) * deviation * deviation + n * mean * mean;
        return scored(n, new SimilarityEvidence(n, n * (0.55 + mean), n, n * mean, squares, n * 0.55));
    }

    /** {@code n} pairs with the given errors and nothing compared. */
    static StageEvidence errors(long n, long stableErrors, long candidateErrors) {
        LatencyDistribution none = LatencyDistribution.empty();
        return new StageEvidence(n, stableErrors, candidateErrors, 0, 0, none, none);
    }

    /** {@code n} timed pairs, the candidate {@code factor} times as slow, nothing compared. */
    static StageEvidence latencies(int n, double factor) {
        return new StageEvidence(n, 0, 0, 0, 0, grid(n, 1), grid(n, factor));
    }

    /** {@code n} pairs on which every gate can pass: all compared and matching, no errors, same latencies. */
    static StageEvidence clean(int n) {
        return new StageEvidence(n, 0, 0, n, n, grid(n, 1), grid(n, 1));
    }

    /** {@link #clean} but with {@code mismatches} of the comparisons disagreeing. */
    static StageEvidence mismatching(int n, long mismatches) {
        return new StageEvidence(n, 0, 0, n, n - mismatches, grid(n, 1), grid(n, 1));
    }

    /**
     * {@link #latencies} in a canary with noise copies: stable's two copies sent together differ
     * by {@code hostFactor} at every quantile (the host's noise).
     */
    static StageEvidence latenciesOnAHost(int n, double factor, double hostFactor) {
        LatencyPairs copies = new LatencyPairs(grid(n, 1), grid(n, hostFactor));
        return new StageEvidence(n, 0, 0, 0, 0, grid(n, 1), grid(n, factor), LatencyPath.PROXY,
                LatencyDistribution.empty(), LatencyDistribution.empty(),
                copies);
    }

    static LatencyDistribution grid(int n, double factor) {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 1; i <= n; i++) {
            double z = NormalQuantile.inverseCdf((i - 0.5) / n);
            histogram.record(Math.round(factor * MEDIAN_NANOS * Math.exp(SIGMA * z)));
        }
        return histogram.distribution();
    }
}
