package io.shadowgate.metrics;

import java.util.Locale;

/**
 * The {@code result} label of {@code shadowgate_comparisons_total}: the answers agreed, differed
 * only on noisy paths (counted as a match by the gate), or differed.
 */
public enum ComparisonResult {
    MATCH, NOISY, MISMATCH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
