package io.shadowgate.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads the {@code compare} section. */
final class CompareSection {
    private static final String AUTO = "auto";
    /** A sample is for reading, and keepMismatches of them are held: 1 MiB each is already a lot. */
    private static final long MAX_SAMPLE_REQUEST_BYTES = Sizes.MIB;

    private CompareSection() {}

    static CompareConfig read(ConfigNode node) {
        return new CompareConfig(
                predictions(node),
                node.decimal("absoluteTolerance", 1e-6, 0, 1e9),
                node.decimal("relativeTolerance", 1e-4, 0, 1),
                pointers(node, "ignore"),
                pointers(node, "redact"),
                node.integer("keepMismatches", 100, 0, 100_000),
                node.decimal("noisePercent", 0, 0, 100),
                node.positiveDuration("window", Duration.ofMinutes(5)),
                node.enumValue("noise", CompareConfig.Noise.class, CompareConfig.Noise.AUTO),
                node.decimal("noiseFloor", CompareConfig.DEFAULT_NOISE_FLOOR, 0, 1),
                pointers(node, "noisyPaths"),
                (int) node.size("sampleRequestBytes", CompareConfig.DEFAULT_SAMPLE_REQUEST_BYTES, 0, MAX_SAMPLE_REQUEST_BYTES));
    }

    /** {@code auto} (the default) is empty; anything else must be a JSON Pointer. */
    private static Optional<String> predictions(ConfigNode node) {
        Optional<ConfigValue> value = node.value("predictions");
        if (value.isEmpty() || value.get().asString().map(AUTO::equals).orElse(true)) {
            return Optional.empty();
        }
        return value.get().asJsonPointer(false);
    }

    private static List<String> pointers(ConfigNode node, String key) {
        return node.list(key).stream()
                .map(value -> value.asJsonPointer(true))
                .flatMap(Optional::stream)
                .toList();
    }
}
