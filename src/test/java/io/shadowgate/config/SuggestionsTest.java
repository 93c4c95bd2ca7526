package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> KEYS = List.of("url", "headers", "connectTimeout", "timeout");

    @Test
    void suggestsWithinTwoEdits() {
        assertThat(Suggestions.closest("timout", KEYS)).contains("timeout");
        assertThat(Suggestions.closest("tiemout", KEYS)).as("a transposition is one edit").contains("timeout");
        assertThat(Suggestions.closest("CONNECTTIMEOUT", KEYS)).as("case is ignored").contains("connectTimeout");
        assertThat(Suggestions.closest("header", KEYS)).contains("headers");
    }

    @Test
    void noSuggestionBeyondTwoEdits() {
        assertThat(Suggestions.closest("deadline", KEYS)).isEmpty();
        assertThat(Suggestions.closest("x", List.of())).isEmpty();
    }

    @Test
    void distanceCountsInsertionsDeletionsSubstitutionsAndTranspositions() {
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
    }
}
