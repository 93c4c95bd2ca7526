package io.shadowgate.compare;

import io.shadowgate.config.ComparatorKind;

/** How the events of a streamed answer are put back together for comparison. */
public enum StreamFormat {
    /** OpenAI chat completion chunks: {@code choices[].delta} into {@code choices[].message}. */
    OPENAI_CHAT,
    /** OpenAI completion chunks: {@code choices[].text} concatenated. */
    OPENAI_COMPLETIONS,
    /** Any other event stream: the events' data, one after the other. */
    DATA_LINES;

    /** The format the route's comparator expects: the OpenAI ones theirs, every other comparator data lines. */
    public static StreamFormat of(ComparatorKind comparator) {
        return switch (comparator) {
            case OPENAI_CHAT -> OPENAI_CHAT;
            case OPENAI_COMPLETIONS -> OPENAI_COMPLETIONS;
            default -> DATA_LINES;
        };
    }
}
