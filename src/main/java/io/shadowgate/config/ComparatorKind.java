package io.shadowgate.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a route's two answers are compared: {@code compare.comparator} in a route. */
public enum ComparatorKind {
    /** Predictions in JSON answers, with tolerances and ignored paths (the default). */
    JSON("json"),
    /** The bodies byte for byte, shown as text. */
    EXACT("exact"),
    /** The bodies as text, by a similarity score ({@code text.metric}). */
    TEXT("text"),
    /** OpenAI chat completions: finish reasons, choices and tool calls structurally, the message text by a score. */
    OPENAI_CHAT("openai-chat"),
    /** OpenAI (legacy) completions: as {@link #OPENAI_CHAT}, on {@code choices[].text}. */
    OPENAI_COMPLETIONS("openai-completions"),
    /** OpenAI embeddings: the cosine similarity of the vectors. */
    EMBEDDING_VECTORS("embedding-vectors"),
    /** The bodies byte for byte, shown by length and digest. */
    BINARY("binary");

    private final String configName;

    ComparatorKind(String configName) {
        this.configName = configName;
    }

    /** The name written in the configuration, e.g. {@code openai-chat}. */
    public String configName() {
        return configName;
    }

    /** Whether its comparisons yield a similarity score in [0, 1]. */
    public boolean scored() {
        return this == TEXT || this == OPENAI_CHAT || this == OPENAI_COMPLETIONS || this == EMBEDDING_VECTORS;
    }

    /** The kind written {@code name} in the configuration (case ignored), if any. */
    public static Optional<ComparatorKind> named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.configName.equals(wanted)).findFirst();
    }
}
