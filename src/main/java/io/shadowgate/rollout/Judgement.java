package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * What the evidence of the current stage says on one tick, with what {@code /status} and the audit
 * log show of it, derived from the typed report.
 *
 * @param verdict what to do
 * @param reason one line for logs, the audit log and {@code /status}
 * @param report every gate's result and the headline numbers
 * @param noisy of the matches, comparisons that differed only on noisy paths
 * @param undecided of the mismatches, those whose paths the noise baseline cannot yet tell from noise
 */
public record Judgement(StageVerdict verdict, String reason, GateReport report, long noisy, long undecided) {
    public Judgement {
        requireNonNull(verdict, "verdict");
        requireNonNull(reason, "reason");
        requireNonNull(report, "report");
    }

    /** The judge's decision on {@code judged}. */
    public static Judgement of(Decision decision, StageEvidence judged) {
        return new Judgement(decision.verdict(), decision.reason(), decision.report(), judged.noisy(),
                judged.undecided());
    }

    /** The numbers judged, as {@code /status} and the audit log show them (in this order; values may be null). */
    public Map<String, Object> evidence() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("samples", report.samples());
        evidence.put("noisy", noisy);
        evidence.put("undecided", undecided);
        evidence.put("matchRate", orNull(report.matchRate()));
        evidence.put("matchRateLower", orNull(report.matchRateLower()));
        evidence.put("errorRateIncrease", orNull(report.errorRateIncrease()));
        evidence.put("latencyIncrease", orNull(report.latencyIncrease()));
        evidence.put("latencyMeasure", report.latencyMeasure());
        evidence.put("candidateMeanScore", orNull(report.candidateMeanScore()));
        evidence.put("stableMeanScore", orNull(report.stableMeanScore()));
        return Collections.unmodifiableMap(evidence);
    }

    /** One entry per gate, as {@code /status} shows it: name, verdict (pass, fail, pending) and detail. */
    public List<Map<String, Object>> gates() {
        return report.results().stream().map(Judgement::gate).toList();
    }

    private static Map<String, Object> gate(GateResult result) {
        Map<String, Object> gate = new LinkedHashMap<>();
        gate.put("name", result.name());
        gate.put("verdict", result.verdict().name().toLowerCase(Locale.ROOT));
        gate.put("detail", result.detail());
        return Collections.unmodifiableMap(gate);
    }

    /** The gates whose verdict is fail, as {@link #gates} lists them; pending and passing gates are left out. */
    public List<Map<String, Object>> failingGates() {
        return report.results().stream().filter(result -> result.verdict() == GateVerdict.FAIL)
                .map(Judgement::gate).toList();
    }

    /** The match rate judged, NaN without comparisons (the gauge's value). */
    public double matchRate() {
        return report.matchRate().orElse(Double.NaN);
    }

    /** Gates in one line for logs and messages, e.g. {@code matchRate fail: upper bound 0.41 < 0.99 after 25 comparisons}. */
    public static String describe(List<Map<String, Object>> gates) {
        return gates.stream().map(gate -> gate.get("name") + " " + gate.get("verdict") + ": " + gate.get("detail"))
                .collect(Collectors.joining("; "));
    }

    private static Double orNull(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
