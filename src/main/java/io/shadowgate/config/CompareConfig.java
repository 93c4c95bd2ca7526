package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the stable and candidate answers are compared.
 *
 * @param predictions where the predictions are in a JSON answer; empty means {@code auto}
 *     (find them by the usual serving formats)
 * @param absoluteTolerance numbers match when {@code |a-b| <= abs + rel * max(|a|,|b|)}
 * @param relativeTolerance see {@code absoluteTolerance}
 * @param ignore JSON Pointers never compared; a {@code *} token matches any index or key
 * @param redact JSON Pointers blanked in stored mismatch samples; {@code *} as in {@code ignore}
 * @param keepMismatches recent mismatch samples kept in memory
 * @param noisePercent share of mirrored requests also sent a second time to stable, 0..100
 * @param window the sliding window of the {@code shadowgate_match_rate} gauge
 * @param sampleRequestBytes the most of a request body a mismatch sample keeps (after redaction)
 */
public record CompareConfig(Optional<String> predictions, double absoluteTolerance, double relativeTolerance,
                            List<String> ignore, List<String> redact, int keepMismatches,
                            double noisePercent, Duration window, int sampleRequestBytes) {
    /** {@code compare.sampleRequestBytes} when not set: enough to recognise a request, 100 samples stay small. */
    public static final int DEFAULT_SAMPLE_REQUEST_BYTES = 4 * 1024;

    /** With the default {@code sampleRequestBytes}. */
    public CompareConfig(Optional<String> predictions, double absoluteTolerance, double relativeTolerance,
                         List<String> ignore, List<String> redact, int keepMismatches,
                         double noisePercent, Duration window) {
        this(predictions, absoluteTolerance, relativeTolerance, ignore, redact, keepMismatches, noisePercent, window,
                DEFAULT_SAMPLE_REQUEST_BYTES);
    }

    public CompareConfig {
        if (sampleRequestBytes < 0) {
            throw new IllegalArgumentException("sampleRequestBytes: " + sampleRequestBytes + " (expected: >= 0)");
        }
        requireNonNull(predictions, "predictions");
        ignore = List.copyOf(ignore);
        redact = List.copyOf(redact);
        requireNonNull(window, "window");
    }
}
