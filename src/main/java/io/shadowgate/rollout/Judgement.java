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
 * log show of it.
 *
 * @param verdict what to do
 * @param reason one line for logs, the audit log and {@code /status}
 * @param report every gate's result and the headline numbers, typed, for the code that acts on them
 * @param evidence the numbers judged as {@code /status} shows them (samples, match rate and its bound,
 *     error and latency increase)
 * @param gates one entry per gate as {@code /status} shows it: name, verdict (pass, fail, pending) and detail
 */
public record Judgement(StageVerdict verdict, String reason, GateReport report, Map<String, Object> evidence,
                        List<Map<String, Object>> gates) {
    public Judgement {
        requireNonNull(verdict, "verdict");
        requireNonNull(reason, "reason");
        requireNonNull(report, "report");
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence)); // keeps order; values may be null
        gates = List.copyOf(gates);
    }

    /** The judge's decision on {@code judged}, as {@code /status}, the audit log and webhooks show it. */
    public static Judgement of(Decision decision, StageEvidence judged) {
        GateReport report = decision.report();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("samples", report.samples());
        evidence.put("noisy", judged.noisy());
        evidence.put("undecided", judged.undecided());
        evidence.put("matchRate", orNull(report.matchRate()));
        evidence.put("matchRateLower", orNull(report.matchRateLower()));
        evidence.put("errorRateIncrease", orNull(report.errorRateIncrease()));
        evidence.put("latencyIncrease", orNull(report.latencyIncrease()));
        List<Map<String, Object>> gates = report.results().stream().map(result -> {
            Map<String, Object> gate = new LinkedHashMap<>();
            gate.put("name", result.name());
            gate.put("verdict", result.verdict().name().toLowerCase(Locale.ROOT));
            gate.put("detail", result.detail());
            return gate;
        }).toList();
        return new Judgement(decision.verdict(), decision.reason(), report, evidence, gates);
    }

    /** The gates whose verdict is fail, as {@link #gates} lists them; pending and passing gates are left out. */
    public List<Map<String, Object>> failingGates() {
        return gates.stream().filter(gate -> GateVerdict.FAIL.name().toLowerCase(Locale.ROOT)
                .equals(gate.get("verdict"))).toList();
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
