package io.shadowgate.sample;

import java.util.Locale;

/**
 * Which coefficients the sample model scores with. {@code v1} is the fitted model; {@code v2} is
 * the same model with each weight moved by a few percent, so a shadow comparison between the two
 * sees mostly equal answers and a few real disagreements.
 */
public enum ModelVariant {
    V1,
    V2;

    /** The lower-case name used on the command line and in responses ({@code v1}, {@code v2}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code v1} or {@code v2} (any case). */
    public static ModelVariant parse(String text) {
        for (ModelVariant v : values()) {
            if (v.id().equalsIgnoreCase(text.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException(text + ": expected v1 or v2");
    }

    @Override
    public String toString() {
        return id();
    }
}
