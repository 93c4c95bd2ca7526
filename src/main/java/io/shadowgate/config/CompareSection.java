package io.shadowgate.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code compare} section, and the JSON comparison keys of a route's {@code compare}.
 * The keys that describe one comparison (where the predictions are, tolerances, ignored, redacted
 * and noisy paths) may be set per route over the top-level ones; the rest describe the gateway's
 * bookkeeping (samples kept, the noise baseline, the match-rate window) and exist once.
 */
final class CompareSection {
    private static final String AUTO = "auto";
    private static final String TOLERANCE_DEFAULT = "default";
    /** A sample is for reading, and keepMismatches of them are held: 1 MiB each is already a lot. */
    private static final long MAX_SAMPLE_REQUEST_BYTES = Sizes.MIB;
    private static final double MAX_ABSOLUTE_TOLERANCE = 1e9;
    /** The keys only the top-level {@code compare} section may set. */
    static final List<String> GLOBAL_KEYS = List.of("keepMismatches", "noisePercent", "window", "noise", "noiseFloor",
            "sampleRequestBytes");
    /** The top-level section with nothing set, under which its own per-comparison keys are read. */
    private static final CompareConfig DEFAULTS = new CompareConfig(Optional.empty(), 1e-6, 1e-4, List.of(), List.of(),
            100, 0, Duration.ofMinutes(5), CompareConfig.Noise.AUTO, CompareConfig.DEFAULT_NOISE_FLOOR, List.of(),
            CompareConfig.DEFAULT_SAMPLE_REQUEST_BYTES, Map.of());

    private CompareSection() {}

    static CompareConfig read(ConfigNode node) {
        CompareConfig json = readPerComparison(node, DEFAULTS);
        return new CompareConfig(json.predictions(), json.absoluteTolerance(), json.relativeTolerance(),
                json.ignore(), json.redact(),
                node.integer("keepMismatches", 100, 0, 100_000),
                node.decimal("noisePercent", 0, 0, 100),
                node.positiveDuration("window", Duration.ofMinutes(5)),
                node.enumValue("noise", CompareConfig.Noise.class, CompareConfig.Noise.AUTO),
                node.decimal("noiseFloor", CompareConfig.DEFAULT_NOISE_FLOOR, 0, 1),
                json.noisyPaths(),
                (int) node.size("sampleRequestBytes", CompareConfig.DEFAULT_SAMPLE_REQUEST_BYTES, 0, MAX_SAMPLE_REQUEST_BYTES),
                json.pathTolerances());
    }

    /**
     * A route's JSON comparison: the keys it sets over {@code top}, the top-level section. A
     * global key there is an error rather than unknown, since it is a real key in the wrong place.
     */
    static CompareConfig readForRoute(ConfigNode node, CompareConfig top) {
        for (String key : GLOBAL_KEYS) {
            if (node.keys().contains(key)) {
                node.value(key); // known, so not reported again as unknown
                node.reject(key, "not a per-route key (set it under the top-level compare:)");
            }
        }
        return readPerComparison(node, top);
    }

    /** The per-comparison keys present in {@code node}, the others as in {@code base}. */
    private static CompareConfig readPerComparison(ConfigNode node, CompareConfig base) {
        Optional<String> predictions = node.value("predictions").isPresent() ? predictions(node) : base.predictions();
        boolean absoluteSet = node.value("absoluteTolerance").isPresent();
        double absolute = node.decimal("absoluteTolerance", base.absoluteTolerance(), 0, MAX_ABSOLUTE_TOLERANCE);
        Map<String, Double> paths = base.pathTolerances();
        if (node.value("tolerance").isPresent()) {
            ConfigNode tolerance = node.section("tolerance");
            paths = pathTolerances(tolerance);
            if (tolerance.keys().contains(TOLERANCE_DEFAULT)) {
                if (absoluteSet) {
                    node.reject("absoluteTolerance", "cannot be given with tolerance.default (both are the absolute tolerance; keep one)");
                }
                absolute = tolerance.decimal(TOLERANCE_DEFAULT, absolute, 0, MAX_ABSOLUTE_TOLERANCE);
            }
        }
        return new CompareConfig(predictions, absolute,
                node.decimal("relativeTolerance", base.relativeTolerance(), 0, 1),
                pointers(node, "ignore", base.ignore()),
                pointers(node, "redact", base.redact()),
                base.keepMismatches(), base.noisePercent(), base.window(), base.noise(), base.noiseFloor(),
                pointers(node, "noisyPaths", base.noisyPaths()),
                base.sampleRequestBytes(), paths);
    }

    /** {@code auto} is empty; anything else must be a JSON Pointer, {@code *} matching any index or key. */
    private static Optional<String> predictions(ConfigNode node) {
        Optional<ConfigValue> value = node.value("predictions");
        if (value.isEmpty() || value.get().asString().map(AUTO::equals).orElse(true)) {
            return Optional.empty();
        }
        Optional<String> pointer = value.get().asJsonPointer(true);
        if (pointer.isPresent() && (pointer.get() + "/").contains("/**/")) {
            // Read as a key named "**", it would find nothing, and nothing compared is a match.
            return value.get().invalid(ConfigErrors.quote(pointer.get()),
                    "a JSON Pointer without **, which is not supported: * stands for one index or key");
        }
        return pointer;
    }

    /** Every key of {@code tolerance} but {@code default}: a pointer and its absolute tolerance, in order. */
    private static Map<String, Double> pathTolerances(ConfigNode tolerance) {
        Map<String, Double> paths = new LinkedHashMap<>();
        for (String key : tolerance.keys()) {
            if (key.equals(TOLERANCE_DEFAULT)) {
                continue;
            }
            Optional<ConfigValue> value = tolerance.value(key);
            if (!ConfigValue.isJsonPointer(key, true)) {
                tolerance.reject(key, ConfigErrors.quote(key)
                        + " (expected: default or a JSON Pointer such as /outputs/logits or /outputs/*/data)");
            } else if (value.isEmpty()) {
                tolerance.reject(key, "empty (expected: a number 0.." + (long) MAX_ABSOLUTE_TOLERANCE + ")");
            } else {
                value.get().asDecimal(0, MAX_ABSOLUTE_TOLERANCE).ifPresent(number -> paths.put(key, number));
            }
        }
        return paths;
    }

    /** The list at {@code key} when present (even empty: a route may clear the top-level list), else {@code base}. */
    private static List<String> pointers(ConfigNode node, String key, List<String> base) {
        if (node.value(key).isEmpty()) {
            return base;
        }
        return node.list(key).stream()
                .map(value -> value.asJsonPointer(true))
                .flatMap(Optional::stream)
                .toList();
    }
}
