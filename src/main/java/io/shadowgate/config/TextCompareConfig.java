package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

/**
 * How generated text is scored: {@code compare.text} in a route.
 *
 * @param metric the similarity metric
 * @param threshold a comparison scoring at least this counts as a match, 0..1
 * @param maxChars each text is cut to this many characters before it is scored, bounding the
 *     comparison's cost (edit distance and ROUGE-L are quadratic)
 */
public record TextCompareConfig(TextMetric metric, double threshold, int maxChars) {
    public static final double DEFAULT_THRESHOLD = 0.6;
    public static final int DEFAULT_MAX_CHARS = 8192;
    public static final TextCompareConfig DEFAULTS = new TextCompareConfig(TextMetric.ROUGE_L, DEFAULT_THRESHOLD,
            DEFAULT_MAX_CHARS);

    public TextCompareConfig {
        requireNonNull(metric, "metric");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold: " + threshold + " (expected: 0..1)");
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars: " + maxChars + " (expected: >= 1)");
        }
    }
}
