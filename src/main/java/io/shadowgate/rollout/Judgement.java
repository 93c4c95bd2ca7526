package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the evidence of the current stage says on one tick, with what {@code /status} and the audit
 * log show of it.
 *
 * @param kind what to do
 * @param reason one line for logs, the audit log and {@code /status}
 * @param evidence the numbers judged (samples, match rate and its bound, error and latency increase)
 * @param gates one entry per gate: name, verdict (pass, fail, pending) and detail
 */
public record Judgement(Kind kind, String reason, Map<String, Object> evidence, List<Map<String, Object>> gates) {
    public enum Kind {
        /** Every gate passed after the bake time with enough samples. */
        ADVANCE,
        /** A gate failed conclusively. */
        ROLLBACK,
        /** Not enough time or evidence yet. */
        WAIT,
        /** Past maxBake without a verdict. */
        INCONCLUSIVE
    }

    public Judgement {
        requireNonNull(kind, "kind");
        requireNonNull(reason, "reason");
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence)); // keeps order; values may be null
        gates = List.copyOf(gates);
    }

    /** The gates whose verdict is fail, as {@link #gates} lists them; pending and passing gates are left out. */
    public List<Map<String, Object>> failingGates() {
        return gates.stream().filter(gate -> GateVerdict.FAIL.name().toLowerCase(Locale.ROOT)
                .equals(gate.get("verdict"))).toList();
    }

    /** Gates in one line for logs and messages, e.g. {@code matchRate fail: upper bound 0.41 < 0.99 after 25 comparisons}. */
    public static String describe(List<Map<String, Object>> gates) {
        return gates.stream().map(gate -> gate.get("name") + " " + gate.get("verdict") + ": " + gate.get("detail"))
                .collect(Collectors.joining("; "));
    }
}
