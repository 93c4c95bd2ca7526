package io.shadowgate.rollout;

/**
 * A distribution-free confidence interval for a quantile, as ranks into the sorted sample: the
 * number of observations at or below the true q-quantile is Binomial(n, q) whatever the latency
 * distribution, so order statistics chosen from that binomial's tails bound the quantile. The
 * ranks are exact (no normal approximation, which is poor this far out: for the p99 of 1000
 * samples only about 10 lie above it).
 *
 * <p>Two-sided: each bound errs with probability at most (1 - confidence) / 2. A bound that the
 * sample is too small to give is absent: the upper bound of a p99 at 95% needs at least 368
 * observations, since with fewer even the largest one lies below the true p99 too often.
 *
 * @param n the sample size
 * @param lowerRank the 1-based rank of the lower bound, or 0 when there is none
 * @param upperRank the 1-based rank of the upper bound, or n + 1 when there is none
 */
public record QuantileBounds(long n, long lowerRank, long upperRank) {
    public QuantileBounds {
        if (n < 0 || lowerRank < 0 || upperRank > n + 1 || lowerRank > upperRank) {
            throw new IllegalArgumentException("ranks " + lowerRank + ".." + upperRank + " of " + n);
        }
    }

    /**
     * The bounds of the {@code quantile} (strictly between 0 and 1) of {@code n} observations.
     * Costs one step per observation expected above the quantile: n / 100 for a p99.
     */
    public static QuantileBounds of(long n, double quantile, double confidence) {
        if (n < 0 || !(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("n " + n + ", quantile " + quantile);
        }
        double tail = (1 - Confidence.check(confidence)) / 2;
        // Count from the top: M = observations above the quantile ~ Binomial(n, 1 - quantile),
        // whose mass sits at small m, so the walk from m = 0 is short.
        double above = 1 - quantile;
        double logPmf = n * Math.log1p(-above);
        double logOdds = Math.log(above) - Math.log1p(-above);
        double cdf = 0;
        long fewestAboveUpper = -1; // largest k with P(M <= k) <= tail
        long mostAboveLower = -1;   // smallest j with P(M <= j) >= 1 - tail
        for (long m = 0; m <= n; m++) {
            if (m > 0) {
                logPmf += Math.log((double) (n - m + 1) / m) + logOdds;
            }
            cdf += Math.exp(logPmf);
            if (cdf <= tail) {
                fewestAboveUpper = m;
            }
            if (cdf >= 1 - tail) {
                mostAboveLower = m;
                break;
            }
        }
        // The true quantile lies above X(n - k) only when at most k observations lie above it
        // (probability P(M <= k)), and below X(n - j) only when more than j do (1 - P(M <= j)).
        long lowerRank = mostAboveLower < 0 || mostAboveLower >= n ? 0 : n - mostAboveLower;
        long upperRank = fewestAboveUpper < 0 ? n + 1 : n - fewestAboveUpper;
        return new QuantileBounds(n, lowerRank, upperRank);
    }

    public boolean hasLower() {
        return lowerRank >= 1;
    }

    public boolean hasUpper() {
        return upperRank <= n;
    }
}
