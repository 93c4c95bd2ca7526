package io.shadowgate.rollout;

/**
 * Do the candidate's predictions agree with the stable's often enough? Passes when the Wilson
 * lower bound of the match rate reaches {@code minMatchRate}; fails when the upper bound is below
 * it, on at least the failure floor's comparisons and at least {@value #MIN_MISMATCHES} mismatches,
 * so that no single mismatch, however early, can roll a candidate back. Comparisons that differed
 * only on noisy paths are matches here; the detail says how many there were.
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
        String after = " after " + Format.count(n, "comparison") + " (" + Format.count(mismatches, "mismatch")
                + (evidence.noisy() > 0 ? ", " + evidence.noisy() + " noisy counted as matches" : "") + ")";
        if (interval.upper() < threshold) {
            String bound = "upper bound " + Format.rate(interval.upper()) + " < " + Format.plain(threshold) + after;
            if (n >= settings.failureFloor() && mismatches >= MIN_MISMATCHES) {
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
