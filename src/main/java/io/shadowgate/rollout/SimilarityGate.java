package io.shadowgate.rollout;

/**
 * Are the candidate's answers as similar to stable's as stable's are to themselves? For a route
 * compared by similarity (LLM text), a sampling model differs from itself, so a low score alone
 * says nothing; what counts is the paired difference {@code d = candidate score - stable's own
 * score} on requests that also had a stable noise copy, both scored against the same stable answer.
 *
 * <p>A non-inferiority test on the mean of {@code d} with margin {@code maxSimilarityDrop}: with
 * {@code n} paired scores, mean {@code d̄} and standard error {@code se}, the interval is
 * {@code d̄ ± z·se} with the two-sided {@code z} of the rollout's confidence, as the other gates use
 * (a normal interval: the failure floor of 20 pairs and the scores' bounded range make the
 * Student-t correction small, and the floor below covers the rest). The gate passes when the lower
 * bound is at least {@code -maxSimilarityDrop}, fails when the upper bound is below it on at least
 * the failure floor's pairs, and otherwise waits, saying the numbers.
 *
 * <p>{@code se} is {@code s / √n} but never below {@code √(p(1 - p) / n)} with {@code p = 1/(n + 1)}:
 * the standard error of a Bernoulli mean with one discordant pair, as if one pair more than seen
 * had differed by the whole unit. A deterministic model scores 1 on both sides ({@code s = 0}),
 * and without the floor a few identical scores (or a single pair) would make an interval of width
 * 0 that one more request could move from pass to fail. Such a model still passes, since
 * {@code d̄ = 0} and the floor shrinks as {@code 1/n} (within 0.05 from 39 pairs at 95%).
 *
 * <p>Routes without similarity scores pass as not applicable, so they roll out as before; scores
 * without any stable noise copy leave the stage waiting, since nothing says what stable would score.
 */
final class SimilarityGate implements Gate {

    @Override
    public GateResult judge(StageEvidence evidence, GateSettings settings) {
        SimilarityEvidence scores = evidence.similarity();
        if (scores.scored() == 0) {
            return result(GateVerdict.PASS, "not applicable: no answers compared by similarity");
        }
        long n = scores.paired();
        if (n == 0) {
            return result(GateVerdict.PENDING, "no stable-against-itself scores: set compare.noisePercent > 0 ("
                    + Format.count(scores.scored(), "score") + ", candidate mean " + Format.rate(scores.meanScore())
                    + ")");
        }
        double margin = -settings.thresholds().maxSimilarityDrop();
        double mean = scores.meanDifference();
        double halfWidth = NormalQuantile.twoSidedZ(settings.confidence()) * standardError(scores);
        double lower = mean - halfWidth;
        double upper = mean + halfWidth;
        String after = " on the score difference after " + Format.count(n, "paired score") + " (mean "
                + signed(mean) + "; candidate mean " + Format.rate(scores.meanScore()) + " over "
                + Format.count(scores.scored(), "score") + ", stable against itself "
                + Format.rate(scores.stableMeanScore()) + ")";
        if (lower >= margin) {
            return result(GateVerdict.PASS, "lower bound " + signed(lower) + " >= " + signed(margin) + after);
        }
        if (upper < margin) {
            String bound = "upper bound " + signed(upper) + " < " + signed(margin) + after;
            return n >= settings.failureFloor() ? result(GateVerdict.FAIL, bound)
                    : result(GateVerdict.PENDING, bound + ", too few to roll back (needs " + settings.failureFloor() + ")");
        }
        return result(GateVerdict.PENDING, "lower bound " + signed(lower) + " < " + signed(margin)
                + " <= upper bound " + signed(upper) + after);
    }

    /** {@code s / √n}, floored as the class says; below two pairs (no spread yet) the floor alone. */
    static double standardError(SimilarityEvidence scores) {
        double n = scores.paired();
        double discordant = 1 / (n + 1);
        double floor = Math.sqrt(discordant * (1 - discordant) / n);
        double deviation = scores.differenceDeviation();
        return Double.isNaN(deviation) ? floor : Math.max(deviation / Math.sqrt(n), floor);
    }

    private static String signed(double value) {
        String digits = Format.rate(value);
        return digits.startsWith("-") ? digits : "+" + digits;
    }

    private static GateResult result(GateVerdict verdict, String detail) {
        return new GateResult(Gates.SIMILARITY, verdict, detail);
    }
}
