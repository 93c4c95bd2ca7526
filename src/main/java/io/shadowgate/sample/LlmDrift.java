package io.shadowgate.sample;

import java.util.Locale;

/**
 * How the sample text generator drifts from the stable one, the generative counterpart of the
 * Iris model's {@link Drift}: {@code vocabulary} swaps a share of the generated words for other
 * words of the text (and carries on from them, so the meaning wanders off), {@code length} makes
 * the model stop at the first clause end and at a quarter of {@code max_tokens}.
 */
public enum LlmDrift {
    NONE,
    VOCABULARY,
    LENGTH;

    /** Share of generated words that {@link #VOCABULARY} replaces. */
    public static final double VOCABULARY_SHARE = 0.15;

    /** The lower-case name used on the command line ({@code none}, {@code vocabulary}, {@code length}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code none}, {@code vocabulary} or {@code length} (any case). */
    public static LlmDrift parse(String text) {
        for (LlmDrift d : values()) {
            if (d.id().equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException(text + ": expected none, vocabulary or length");
    }

    @Override
    public String toString() {
        return id();
    }
}
