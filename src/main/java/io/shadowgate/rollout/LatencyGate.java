package io.shadowgate.rollout;

/**
 * Is the candidate's p99 too far above the stable's? The increase is
 * {@code candidate p99 / stable p99 - 1}; the gate reads a confidence interval for it
 * ({@link LatencyReading}), as the other two gates do: it passes when the upper bound is at most
 * {@code maxLatencyIncrease} and fails when the lower bound is above it, beyond the host's noise,
 * on at least the failure floor's pairs.
 *
 * <p>Nothing is judged below {@value #MIN_PAIRS} pairs, and an upper bound for a p99 needs a few
 * hundred (368 at 95%), so a pass needs at least that many.
 *
 * <p>Only latencies timed alike can fail a candidate ({@link LatencyPath}): each side's answers to
 * clients as the proxy timed them (a canary stage), or the candidate's copy and a stable noise copy
 * of the same request, sent together by the mirror from one start in a random order. The cross
 * reading, stable's answers by the proxy against the candidate's copies by the mirror, carries the
 * mirror's own delay against the candidate only (+22% on identical models at a load of 6 on two
 * cores), so it may pass the gate, never fail it; in shadow without noise copies that is all there
 * is, and the candidate is passed on to the first canary stage instead of being rolled back on the
 * gateway's own delay (or held in shadow for ever).
 *
 * <p>On a busy host even latencies timed alike swing: two identical models on one starved machine
 * differ by tens of percent at the p99 for a while. So a failure also needs the lower bound to
 * clear the limit by more than the stable differs from itself at the same time ({@link HostNoise},
 * from noise copies), and a pass the upper bound to stay under it by as much; a host that noisy
 * leaves the stage baking, with the reason, never rolled back. In a canary stage with noise copies
 * both the answers and the copies are timed alike, and no pass is given while the one not read
 * puts the candidate above the limit.
 *
 * <p>Which latency a leg carries, the whole answer or its first token, is the mirror's choice
 * ({@code rollout.gates.latencyMeasure}); the math here is the same for both, and every detail ends
 * with the measure, e.g. {@code measure: p99 first-token latency}, so /status says what was compared.
 */
final class LatencyGate implements Gate {
    static final int MIN_PAIRS = 100;
    static final double QUANTILE = 0.99;

    @Override
    public GateResult judge(StageEvidence evidence, GateSettings settings) {
        GateResult result = judgeMeasured(evidence, settings);
        return new GateResult(result.name(), result.verdict(), result.detail() + "; measure: p99 "
                + settings.thresholds().latencyMeasure().configName() + " latency");
    }

    private static GateResult judgeMeasured(StageEvidence evidence, GateSettings settings) {
        double limit = settings.thresholds().maxLatencyIncrease();
        double confidence = settings.confidence();
        LatencyPath path = evidence.latencyPath();
        LatencyReading alike = path == LatencyPath.NONE ? null
                : LatencyReading.of(evidence.stableLatency(), evidence.candidateLatency(), confidence, "candidate",
                        "stable", timing(path == LatencyPath.PROXY));
        LatencyPairs otherPairs = evidence.otherAlike();
        LatencyReading other = LatencyReading.of(otherPairs.first(), otherPairs.second(), confidence, "candidate",
                "stable", timing(path != LatencyPath.PROXY));
        LatencyReading cross = LatencyReading.of(evidence.stableByProxy(), evidence.candidateByMirror(), confidence,
                "candidate", "stable", "stable timed by the proxy, the candidate's copy by the mirror");
        HostNoise host = HostNoise.of(evidence.stableAgainstItself(), confidence);
        if (alike != null && alike.judged() && alike.lower() > limit) {
            return slower(alike, host, limit, settings);
        }
        if (alike != null && alike.judged() && alike.upper() <= limit) {
            return notSlower(alike, other, host, limit);
        }
        if (cross.judged() && cross.upper() <= limit) {
            return notSlower(cross, other, host, limit);
        }
        if (alike != null && alike.judged()) {
            return result(GateVerdict.PENDING, alike.open(limit) + (host.measured() ? "; " + host.describe() : ""));
        }
        if (alike == null && cross.judged()) {
            // Shadow without noise copies: nothing here can fail the candidate, and waiting would
            // hold it in shadow forever; the first canary stage times both sides' answers alike.
            return result(GateVerdict.PASS, "deferred to the first canary stage: " + cross.open(limit)
                    + "; only latencies timed alike can fail a candidate (set compare.noisePercent to time stable"
                    + " copies in shadow)");
        }
        if (cross.judged()) {
            return result(GateVerdict.PENDING, cross.open(limit));
        }
        long n = Math.max(alike == null ? 0 : alike.pairs(), cross.pairs());
        return result(GateVerdict.PENDING, n + " of the " + MIN_PAIRS + " paired latencies a p99 needs");
    }

    /** A reading says slower than the limit: fail only beyond the host's noise, on enough pairs. */
    private static GateResult slower(LatencyReading alike, HostNoise host, double limit, GateSettings settings) {
        String bound = "lower bound " + Format.change(alike.lower()) + " > " + Format.change(limit) + alike.after();
        if (!host.allowsFailure(alike.lower(), limit)) {
            return result(GateVerdict.PENDING, bound + ", but not beyond the host's noise (" + host.describe()
                    + "): only above " + Format.change(host.moved(limit, true)) + " is slower on this host");
        }
        String beyond = host.measured() ? "; " + host.describe() : "";
        return alike.pairs() >= settings.failureFloor() ? result(GateVerdict.FAIL, bound + beyond)
                : result(GateVerdict.PENDING, bound + beyond + ", too few to roll back (needs " + settings.failureFloor() + ")");
    }

    /**
     * A reading says not slower than the limit: pass only beyond the host's noise, and not while
     * the latencies timed the other way (a canary stage with noise copies has both), once judged,
     * put the candidate above the limit: a pass one reading makes by chance is rarely made when
     * the other, independent one points the other way. Only its estimate counts, not its bounds:
     * at a 5% stage the answers the candidate gave are few, and a wide interval alone must not
     * hold a good candidate back.
     */
    private static GateResult notSlower(LatencyReading reading, LatencyReading other, HostNoise host, double limit) {
        String bound = "upper bound " + Format.change(reading.upper()) + " <= " + Format.change(limit) + reading.after();
        if (!host.allowsPass(reading.upper(), limit)) {
            return result(GateVerdict.PENDING, bound + ", but not beyond the host's noise (" + host.describe()
                    + "): only below " + Format.change(host.moved(limit, false)) + " is not slower on this host");
        }
        if (other.judged() && other.estimate() > limit) {
            return result(GateVerdict.PENDING, bound + ", but timed the other way the candidate is "
                    + Format.change(other.estimate()) + other.after());
        }
        return result(GateVerdict.PASS, bound + (host.measured() ? "; " + host.describe() : ""));
    }

    private static String timing(boolean byProxy) {
        return byProxy ? "both timed by the proxy" : "the candidate's and a stable copy sent together by the mirror";
    }

    private static GateResult result(GateVerdict verdict, String detail) {
        return new GateResult(Gates.LATENCY_INCREASE, verdict, detail);
    }
}
