package io.shadowgate.config;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code rollout} section. Stages must rise strictly and end at 100, so every rollout
 * ends in full promotion; {@code maxBake} must not be shorter than the bakes it bounds.
 */
final class RolloutSection {
    private static final List<Integer> DEFAULT_STAGES = List.of(5, 25, 50, 100);

    private RolloutSection() {}

    /** Reads {@code node}; {@code rollout.candidate} must be one of {@code candidates}, the candidates' names. */
    static RolloutConfig read(ConfigNode node, List<String> candidates) {
        boolean auto = node.bool("auto", true);
        List<Integer> stages = stages(node);
        Duration shadowBake = node.duration("shadowBake", Duration.ofMinutes(10));
        Duration bake = node.duration("bake", Duration.ofMinutes(10));
        Duration maxBake = node.positiveDuration("maxBake", Duration.ofHours(1));
        if (maxBake.compareTo(bake) < 0 || maxBake.compareTo(shadowBake) < 0) {
            node.reject("maxBake", maxBake.toSeconds() + "s (expected: at least bake and shadowBake)");
        }
        RolloutConfig.OnInconclusive onInconclusive = node.enumValue("onInconclusive",
                RolloutConfig.OnInconclusive.class, RolloutConfig.OnInconclusive.HOLD);
        int minSamples = node.integer("minSamples", 200, 1, 100_000_000);
        double confidence = node.decimal("confidence", 0.95, 0.5, 0.9999);
        ConfigNode gates = node.section("gates");
        RolloutConfig.Gates gateConfig = new RolloutConfig.Gates(
                gates.decimal("minMatchRate", 0.99, 0, 1),
                gates.decimal("maxErrorRateIncrease", 0.01, 0, 1),
                gates.decimal("maxLatencyIncrease", 0.20, 0, 100),
                latencyMeasure(gates),
                gates.decimal("maxSimilarityDrop", RolloutConfig.Gates.DEFAULT_MAX_SIMILARITY_DROP, 0, 1));
        Optional<RequestKey> sticky = ShadowSection.requestKey(node, "sticky");
        Path stateFile = path(node, "stateFile", "./shadowgate-state.json");
        Path auditLog = path(node, "auditLog", "./shadowgate-audit.jsonl");
        List<URI> webhooks = new ArrayList<>();
        for (ConfigValue value : node.list("webhooks")) {
            value.asHttpUrl().ifPresent(webhooks::add);
        }
        return new RolloutConfig(auto, stages, shadowBake, bake, maxBake, onInconclusive, minSamples, confidence,
                gateConfig, sticky, stateFile, auditLog, webhooks, node.positiveDuration("tick", Duration.ofSeconds(5)),
                candidate(node, candidates));
    }

    /**
     * {@code total} (the default) or {@code first-token}. The gates stay one flat level, so the
     * nested {@code latency: {measure: ...}} a reader may expect is pointed to the flat key.
     */
    private static LatencyMeasure latencyMeasure(ConfigNode gates) {
        if (gates.keys().contains("latency")) {
            gates.value("latency"); // known: reported here, not as unknown
            gates.reject("latency", "not a section (write rollout.gates.latencyMeasure: total or first-token)");
        }
        Optional<ConfigValue> value = gates.value("latencyMeasure");
        if (value.isEmpty()) {
            return LatencyMeasure.TOTAL;
        }
        return value.get().asString().flatMap(text -> LatencyMeasure.named(text).or(() -> value.get().invalid(
                ConfigErrors.quote(text), "total or first-token"))).orElse(LatencyMeasure.TOTAL);
    }

    /** The name of one of {@code candidates}; empty (the first candidate) when absent or invalid. */
    private static Optional<String> candidate(ConfigNode node, List<String> candidates) {
        String name = node.string("candidate", "").trim();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (!candidates.contains(name)) {
            node.reject("candidate", ConfigErrors.quote(name) + (candidates.isEmpty() ? " (expected: a candidate's name)"
                    : " (expected: one of the candidates: " + String.join(", ", candidates) + ")"));
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private static List<Integer> stages(ConfigNode node) {
        Optional<ConfigValue> present = node.value("stages");
        if (present.isEmpty()) {
            return DEFAULT_STAGES;
        }
        List<Integer> stages = new ArrayList<>();
        for (ConfigValue value : node.list("stages")) {
            Optional<Integer> stage = value.asInteger(1, 100);
            if (stage.isEmpty()) {
                return DEFAULT_STAGES; // already reported
            }
            if (!stages.isEmpty() && stage.get() <= stages.get(stages.size() - 1)) {
                value.invalid(String.valueOf(stage.get()), "more than the stage before, " + stages.get(stages.size() - 1));
                return DEFAULT_STAGES;
            }
            stages.add(stage.get());
        }
        if (stages.isEmpty() || stages.get(stages.size() - 1) != 100) {
            node.reject("stages", stages + " (expected: strictly increasing percentages ending at 100, e.g. [5, 25, 50, 100])");
            return DEFAULT_STAGES;
        }
        return stages;
    }

    private static Path path(ConfigNode node, String key, String fallback) {
        String text = node.nonEmptyString(key, fallback);
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            node.reject(key, ConfigErrors.quote(text) + " (expected: a file path)");
            return Path.of(fallback);
        }
    }
}
