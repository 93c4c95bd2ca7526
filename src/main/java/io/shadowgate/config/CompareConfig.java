package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the stable and candidate answers are compared.
 *
 * @param predictions where the predictions are in a JSON answer; empty means {@code auto}
 *     (find them by the usual serving formats); a {@code *} token matches any index or key, and
 *     then every location it matches is compared
 * @param absoluteTolerance numbers match when {@code |a-b| <= abs + rel * max(|a|,|b|)}
 * @param relativeTolerance see {@code absoluteTolerance}
 * @param ignore JSON Pointers never compared; a {@code *} token matches any index or key
 * @param redact JSON Pointers blanked in stored mismatch samples; {@code *} as in {@code ignore}
 * @param keepMismatches recent mismatch samples kept in memory
 * @param noisePercent share of mirrored requests also sent a second time to stable, 0..100
 * @param window the sliding window of the {@code shadowgate_match_rate} gauge
 * @param noise whether differences on noisy paths count as matches for the gate
 * @param noiseFloor a path is noisy when the lower confidence bound of its stable-versus-stable
 *     difference rate exceeds this, 0..1
 * @param noisyPaths JSON Pointers always treated as noise unless {@code noise} is off; {@code *}
 *     as in {@code ignore}
 * @param sampleRequestBytes the most of a request body a mismatch sample keeps (after redaction)
 * @param pathTolerances absolute tolerances for the numbers under some paths instead of
 *     {@code absoluteTolerance}, by JSON Pointer ({@code *} as in {@code ignore}), in the order
 *     written: the first pointer that names a number or one of its ancestors decides
 */
public record CompareConfig(Optional<String> predictions, double absoluteTolerance, double relativeTolerance,
                            List<String> ignore, List<String> redact, int keepMismatches,
                            double noisePercent, Duration window, Noise noise, double noiseFloor,
                            List<String> noisyPaths, int sampleRequestBytes, Map<String, Double> pathTolerances) {
    /** The default {@code noiseFloor}: the slack of the default {@code minMatchRate} 0.99. */
    public static final double DEFAULT_NOISE_FLOOR = 0.01;
    /** {@code compare.sampleRequestBytes} when not set: enough to recognise a request, 100 samples stay small. */
    public static final int DEFAULT_SAMPLE_REQUEST_BYTES = 4 * 1024;

    /**
     * {@code auto}: paths the noise baseline shows to be noisy, and {@code noisyPaths}, are noise;
     * {@code off}: nothing is, not even {@code noisyPaths}, so every difference counts as today.
     */
    public enum Noise { AUTO, OFF }

    public CompareConfig {
        if (sampleRequestBytes < 0) {
            throw new IllegalArgumentException("sampleRequestBytes: " + sampleRequestBytes + " (expected: >= 0)");
        }
        requireNonNull(predictions, "predictions");
        ignore = List.copyOf(ignore);
        redact = List.copyOf(redact);
        requireNonNull(window, "window");
        requireNonNull(noise, "noise");
        noisyPaths = List.copyOf(noisyPaths);
        // Insertion order is meaning here (first match wins), which Map.copyOf would lose.
        pathTolerances = Collections.unmodifiableMap(new LinkedHashMap<>(pathTolerances));
        pathTolerances.forEach((pointer, tolerance) -> {
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("tolerance." + pointer + ": " + tolerance
                        + " (expected: finite and >= 0)");
            }
        });
    }

    /** Without per-path tolerances. */
    public CompareConfig(Optional<String> predictions, double absoluteTolerance, double relativeTolerance,
                         List<String> ignore, List<String> redact, int keepMismatches,
                         double noisePercent, Duration window, Noise noise, double noiseFloor,
                         List<String> noisyPaths, int sampleRequestBytes) {
        this(predictions, absoluteTolerance, relativeTolerance, ignore, redact, keepMismatches, noisePercent, window,
                noise, noiseFloor, noisyPaths, sampleRequestBytes, Map.of());
    }

    /** Noise handling at its defaults ({@code auto}, floor {@value #DEFAULT_NOISE_FLOOR}, no listed paths), and the default sample size. */
    public CompareConfig(Optional<String> predictions, double absoluteTolerance, double relativeTolerance,
                         List<String> ignore, List<String> redact, int keepMismatches, double noisePercent,
                         Duration window) {
        this(predictions, absoluteTolerance, relativeTolerance, ignore, redact, keepMismatches, noisePercent, window,
                Noise.AUTO, DEFAULT_NOISE_FLOOR, List.of(), DEFAULT_SAMPLE_REQUEST_BYTES);
    }

    /** With the default {@code sampleRequestBytes}. */
    public CompareConfig(Optional<String> predictions, double absoluteTolerance, double relativeTolerance,
                         List<String> ignore, List<String> redact, int keepMismatches, double noisePercent,
                         Duration window, Noise noise, double noiseFloor, List<String> noisyPaths) {
        this(predictions, absoluteTolerance, relativeTolerance, ignore, redact, keepMismatches, noisePercent, window,
                noise, noiseFloor, noisyPaths, DEFAULT_SAMPLE_REQUEST_BYTES);
    }

    /** This configuration with another {@code noisePercent}. */
    public CompareConfig withNoisePercent(double percent) {
        return new CompareConfig(predictions, absoluteTolerance, relativeTolerance, ignore, redact, keepMismatches,
                percent, window, noise, noiseFloor, noisyPaths, sampleRequestBytes, pathTolerances);
    }
}
