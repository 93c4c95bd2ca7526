package io.shadowgate.rollout;

/**
 * Does the candidate err more than the stable on the same requests? The increase (candidate error
 * rate minus stable error rate) gets a {@link NewcombeDifference} interval: the gate passes when its
 * upper bound is at most {@code maxErrorRateIncrease}, fails when its lower bound is above it on at
 * least the failure floor's requests.
 */
final class ErrorRateGate implements Gate {
    @Override
    public GateResult judge(StageEvidence evidence, GateSettings settings) {
        long n = evidence.pairedRequests();
        if (n == 0) {
            return result(GateVerdict.PENDING, "no mirrored requests yet");
        }
        double limit = settings.thresholds().maxErrorRateIncrease();
        Interval interval = NewcombeDifference.interval(evidence.candidateErrors(), n, evidence.stableErrors(), n,
                settings.confidence());
        String after = " after " + Format.count(n, "request") + " (candidate "
                + Format.percent((double) evidence.candidateErrors() / n) + ", stable "
                + Format.percent((double) evidence.stableErrors() / n) + " errors)";
        if (interval.lower() > limit) {
            String bound = "lower bound " + Format.change(interval.lower()) + " > " + Format.change(limit) + after;
            if (n >= settings.failureFloor()) {
                return result(GateVerdict.FAIL, bound);
            }
            return result(GateVerdict.PENDING, bound + ", too few to roll back (needs "
                    + settings.failureFloor() + ")");
        }
        if (interval.upper() <= limit) {
            return result(GateVerdict.PASS, "upper bound " + Format.change(interval.upper()) + " <= "
                    + Format.change(limit) + after);
        }
        return result(GateVerdict.PENDING, "lower bound " + Format.change(interval.lower()) + " <= "
                + Format.change(limit) + " < upper bound " + Format.change(interval.upper()) + after);
    }

    private static GateResult result(GateVerdict verdict, String detail) {
        return new GateResult(Gates.ERROR_RATE_INCREASE, verdict, detail);
    }
}
