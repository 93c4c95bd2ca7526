package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

/**
 * One gate's verdict with the numbers behind it in words, for /status and the audit log.
 *
 * @param name the gate, one of {@link Gates#MATCH_RATE}, {@link Gates#ERROR_RATE_INCREASE},
 *     {@link Gates#LATENCY_INCREASE}, {@link Gates#SIMILARITY}
 * @param verdict pass, fail or pending
 * @param detail e.g. "lower bound 0.9871 < 0.99 after 412 comparisons"
 */
public record GateResult(String name, GateVerdict verdict, String detail) {
    public GateResult {
        requireNonNull(name, "name");
        requireNonNull(verdict, "verdict");
        requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return name + " " + verdict + ": " + detail;
    }
}
