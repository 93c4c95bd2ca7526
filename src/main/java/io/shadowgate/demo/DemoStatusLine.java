package io.shadowgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the {@code rollout} object of {@code GET /status} into the demo's one-line views. Pure
 * functions of the JSON, so the format is tested without a gateway.
 *
 * <p>The p99 of each side is the one the latency gate judges, taken from that gate's detail: the
 * paired requests of the current stage (both sides answered without error), from fine-grained
 * log-bucket histograms. The Prometheus histogram {@code shadowgate_upstream_latency_seconds} was
 * the other candidate, but its buckets (10, 25, 50 ms) put a 15 ms and a 22 ms model in the same
 * bucket, so a p99 read from it could not show the difference the gate acts on. One caveat stays:
 * the primary's latency is timed by the proxy and the shadow's by the mirror's client.
 */
final class DemoStatusLine {
    private static final Pattern P99 = Pattern.compile("p99 candidate ([0-9.]+ ms), stable ([0-9.]+ ms)");

    private DemoStatusLine() {}

    /**
     * E.g. {@code 0:12  SHADOW        0%  1834 samples  match 1.0000 (lower 0.9979)  errors +0.00%
     * p99 stable 15.41 ms, candidate 15.87 ms (+3.0%)  gates: matchRate pass, ...}.
     */
    static String live(JsonNode rollout, Duration elapsed) {
        StringBuilder line = new StringBuilder(clock(elapsed)).append("  ").append(phase(rollout));
        JsonNode evidence = rollout.path("evidence");
        if (!evidence.has("samples")) {
            return line.append("  waiting for the stage's first judgement").toString();
        }
        line.append(String.format(Locale.ROOT, "  %5d samples  match %s (lower %s)  errors %s  p99 %s  gates: %s",
                evidence.path("samples").asLong(), fixed(evidence.path("matchRate"), 4),
                fixed(evidence.path("matchRateLower"), 4), change(evidence.path("errorRateIncrease")),
                p99(rollout, evidence), gates(rollout)));
        if (evidence.path("candidateMeanScore").isNumber() && evidence.path("stableMeanScore").isNumber()) {
            // A route scored by similarity: the candidate's mean score next to stable's own.
            line.insert(line.indexOf("  gates: "), String.format(Locale.ROOT, "  similarity %s (stable's own %s)",
                    fixed(evidence.path("candidateMeanScore"), 3), fixed(evidence.path("stableMeanScore"), 3)));
        }
        return line.toString();
    }

    /** E.g. {@code 0:10  -> CANARY 5% (auto): every gate passed on 2031 comparisons after 10s}. */
    static String transition(JsonNode transition, Duration elapsed) {
        String to = transition.path("to").asText();
        String weight = "CANARY".equals(to) || "PAUSED".equals(to) ? " " + transition.path("weight").asInt() + "%" : "";
        return clock(elapsed) + "  -> " + to + weight + " (" + transition.path("actor").asText() + "): "
                + transition.path("reason").asText();
    }

    /** The phase and the candidate's share of live traffic, padded so the columns line up. */
    static String phase(JsonNode rollout) {
        String phase = rollout.path("phase").asText("?");
        if (rollout.hasNonNull("pausedFrom")) {
            phase += "(" + rollout.path("pausedFrom").asText() + ")";
        }
        return String.format(Locale.ROOT, "%-11s %3d%%", phase, rollout.path("candidatePercent").asInt());
    }

    /** {@code m:ss} since the demo started. */
    static String clock(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static String p99(JsonNode rollout, JsonNode evidence) {
        for (JsonNode gate : rollout.path("gates")) {
            if ("latencyIncrease".equals(gate.path("name").asText())) {
                Matcher matcher = P99.matcher(gate.path("detail").asText());
                if (matcher.find()) {
                    return "stable " + matcher.group(2) + ", candidate " + matcher.group(1) + " ("
                            + change(evidence.path("latencyIncrease")) + ")";
                }
            }
        }
        return "- (fewer than 100 pairs)";
    }

    private static String gates(JsonNode rollout) {
        StringJoiner gates = new StringJoiner(", ");
        for (JsonNode gate : rollout.path("gates")) {
            gates.add(gate.path("name").asText() + " " + gate.path("verdict").asText());
        }
        return gates.length() == 0 ? "-" : gates.toString();
    }

    private static String fixed(JsonNode number, int places) {
        return number.isNumber() ? String.format(Locale.ROOT, "%." + places + "f", number.asDouble()) : "-";
    }

    private static String change(JsonNode fraction) {
        return fraction.isNumber() ? String.format(Locale.ROOT, "%+.2f%%", fraction.asDouble() * 100) : "-";
    }
}
