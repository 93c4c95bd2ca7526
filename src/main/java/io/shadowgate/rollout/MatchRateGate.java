package io.shadowgate.rollout;

/**
 * Do the candidate's predictions agree with the stable's often enough? Passes when the Wilson
 * lower bound of the match rate reaches {@code minMatchRate}; fails when the upper bound is below
 * it, on at least the failure floor's comparisons and at least {@value #MIN_MISMATCHES} mismatches,
 * so that no single mismatch, however early, can roll a candidate back. Comparisons that differed
 * only on noisy paths are matches here; those that differed only on paths the noise baseline cannot
 * yet tell from noise are mismatches for a pass but matches for a failure, so that neither verdict
 * rests on a guess. The detail says how many of each there were.
 */
final class MatchRateGate implements Gate {
    static final int MIN_MISMATCHES = 2;

    @Override
    public GateResult judge(StageEvidence evidence, GateSettings settings) {
        long n = evidence.comparisons();
        if (n == 0) {
            return result(GateVerdict.PENDING, "no comparisons yet");
        }
        double threshold = settings.thresholds().minMatchRate();
        Interval interval = Wilson.interval(evidence.matches(), n, settings.confidence());
        long mismatches = n - evidence.matches();
        long undecided = evidence.undecided();
        String after = " after " + Format.count(n, "comparison") + " (" + Format.count(mismatches, "mismatch")
                + (undecided > 0 ? ", " + undecided + " of them maybe noise" : "")
                + (evidence.noisy() > 0 ? ", " + evidence.noisy() + " noisy counted as matches" : "") + ")";
        double failUpper = undecided == 0 ? interval.upper()
                : Wilson.interval(evidence.matches() + undecided, n, settings.confidence()).upper();
        if (failUpper < threshold) {
            String bound = "upper bound " + Format.rate(failUpper) + " < " + Format.plain(threshold) + after;
            if (n >= settings.failureFloor() && mismatches - undecided >= MIN_MISMATCHES) {
                return result(GateVerdict.FAIL, bound);
            }
            return result(GateVerdict.PENDING, bound + ", too few to roll back (needs "
                    + settings.failureFloor() + " comparisons and " + MIN_MISMATCHES + " mismatches)");
        }
        if (interval.lower() >= threshold) {
            return result(GateVerdict.PASS, "lower bound " + Format.rate(interval.lower()) + " >= "
                    + Format.plain(threshold) + after);
        }
        return result(GateVerdict.PENDING, "lower bound " + Format.rate(interval.lower()) + " < "
                + Format.plain(threshold) + " <= upper bound " + Format.rate(interval.upper()) + after);
    }

    private static GateResult result(GateVerdict verdict, String detail) {
        return new GateResult(Gates.MATCH_RATE, verdict, detail);
    }
}
