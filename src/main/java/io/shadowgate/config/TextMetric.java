package io.shadowgate.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How two generated texts are scored for similarity, in [0, 1]: {@code compare.text.metric}. */
public enum TextMetric {
    /** 1 - Levenshtein distance / the longer length, on characters. */
    EDIT("edit"),
    /** F1 of the two bags of tokens. */
    TOKEN_F1("token-f1"),
    /** ROUGE-L: the F-measure of the longest common subsequence of tokens. */
    ROUGE_L("rouge-l"),
    /** Cosine similarity of the two texts' embeddings, from {@code compare.embeddings}. */
    EMBEDDING("embedding");

    private final String configName;

    TextMetric(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<TextMetric> named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(metric -> metric.configName.equals(wanted)).findFirst();
    }
}
