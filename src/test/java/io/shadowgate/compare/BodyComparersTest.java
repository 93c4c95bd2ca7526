package io.shadowgate.compare;

import static io.shadowgate.compare.Fixtures.describe;
import static io.shadowgate.compare.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shadowgate.config.ComparatorKind;
import io.shadowgate.config.TextMetric;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparators on whole bodies: json, exact, binary and text, as {@link Comparers#of} builds them. */
class BodyComparersTest {
    private static final Answer NINE = new Answer(200, true, "{\"predictions\":[9]}".getBytes());
    private static final Answer NINE_SPACED = new Answer(200, true, "{ \"predictions\": [9] }".getBytes());

    @Test
    void jsonIsTodaysComparerWithTheRoutesSettings() {
        Comparer json = Routes.comparer(ComparatorKind.JSON, TextMetric.ROUGE_L, 0.6);
        assertThat(json).isInstanceOf(AnswerComparer.class);
        Comparison comparison = json.compare(NINE, NINE_SPACED);
        assertThat(comparison.matches()).isTrue();
        assertThat(comparison.score()).as("json is not scored").isEmpty();
    }

    @Test
    void exactComparesBytesWhateverTheContentType() {
        Comparer exact = Routes.comparer(ComparatorKind.EXACT, TextMetric.ROUGE_L, 0.6);
        assertThat(exact.compare(NINE, NINE).matches()).isTrue();
        Comparison comparison = exact.compare(NINE, NINE_SPACED);
        assertThat(describe(comparison)).containsExactly(
                "VALUE  \"{\\\"predictions\\\":[9]}\" \"{ \\\"predictions\\\": [9] }\"");
        assertThat(comparison.bytes()).hasValueSatisfying(bytes -> assertThat(bytes.firstDifference()).isEqualTo(1));
        assertThat(comparison.score()).isEmpty();
        assertThat(describe(exact.compare(text(200, "ok"), text(503, "ok")))).containsExactly("STATUS  200 503");
    }

    @Test
    void binaryShowsLengthAndDigestOnly() {
        Comparer binary = Routes.comparer(ComparatorKind.BINARY, TextMetric.ROUGE_L, 0.6);
        Comparison comparison = binary.compare(text(200, "abc"), text(200, "abd"));
        assertThat(describe(comparison)).containsExactly("VALUE  \"<3 bytes, sha256 " + BytesDiff.sha256("abc".getBytes())
                + ">\" \"<3 bytes, sha256 " + BytesDiff.sha256("abd".getBytes()) + ">\"");
        assertThat(comparison.bytes()).isPresent();
        assertThat(binary.compare(text(200, "abc"), text(200, "abc")).matches()).isTrue();
    }

    @Test
    void textScoresTheBodiesAndIsOneSimilarityDifferenceBelowTheThreshold() {
        Answer sat = text(200, "the cat sat on the mat");
        Answer lay = text(200, "the cat lay on the mat");
        // rouge-l 5/6 (see TextSimilarityTest): a match at 0.6, not at 0.9.
        Comparison lenient = Routes.comparer(ComparatorKind.TEXT, TextMetric.ROUGE_L, 0.6).compare(sat, lay);
        assertThat(lenient.matches()).isTrue();
        assertThat(lenient.score().getAsDouble()).isCloseTo(5.0 / 6, within(1e-12));

        Comparison strict = Routes.comparer(ComparatorKind.TEXT, TextMetric.ROUGE_L, 0.9).compare(sat, lay);
        assertThat(strict.score().getAsDouble()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(strict.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.kind()).isEqualTo(Difference.Kind.SIMILARITY);
            assertThat(difference.path()).isEqualTo("");
            assertThat(difference.stable().path("text").textValue()).isEqualTo("the cat sat on the mat");
            assertThat(difference.candidate().path("text").textValue()).isEqualTo("the cat lay on the mat");
            assertThat(difference.candidate().path("score").doubleValue()).isCloseTo(5.0 / 6, within(1e-12));
            assertThat(difference.stable().path("metric").textValue()).isEqualTo("rouge-l");
        });
    }

    @Test
    void aTextDifferenceShowsOnlyTheStartOfLongTexts() {
        String longText = "é".repeat(300);
        Comparison comparison = Routes.comparer(ComparatorKind.TEXT, TextMetric.EDIT, 0.9)
                .compare(text(200, longText), text(200, "x"));
        assertThat(comparison.differences().get(0).stable().path("text").textValue())
                .isEqualTo("é".repeat(256) + "... (300 chars)");
    }

    @Test
    void aDifferentStatusClassScoresZeroOnScoredComparators() {
        Comparison comparison = Routes.comparer(ComparatorKind.TEXT, TextMetric.EDIT, 0.5)
                .compare(text(200, "same"), text(500, "same"));
        assertThat(describe(comparison)).containsExactly("STATUS  200 500");
        assertThat(comparison.score()).hasValue(0);
    }

    @Test
    void anEmbeddingMetricNeedsAnEmbedder() {
        for (ComparatorKind kind : List.of(ComparatorKind.TEXT, ComparatorKind.OPENAI_CHAT,
                ComparatorKind.OPENAI_COMPLETIONS)) {
            assertThatThrownBy(() -> Comparers.of(Routes.route(kind, TextMetric.EMBEDDING, 0.5), null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embedder");
        }
        assertThat(Comparers.of(Routes.route(ComparatorKind.EXACT, TextMetric.EMBEDDING, 0.5), null)).isNotNull();
    }

    @Test
    void theEmbeddingMetricIsTheCosineOfTheEmbeddersVectors() {
        TextEmbedder embedder = texts -> texts.stream()
                .map(text -> text.startsWith("cat") ? new float[] {3, 4} : new float[] {4, 3}).toList();
        Comparer comparer = Comparers.of(Routes.route(ComparatorKind.TEXT, TextMetric.EMBEDDING, 0.5), embedder);
        // (3*4 + 4*3) / (5 * 5)
        assertThat(comparer.compare(text(200, "cat"), text(200, "dog")).score().getAsDouble())
                .isCloseTo(0.96, within(1e-9));

        TextEmbedder down = texts -> {
            throw new EmbeddingUnavailable("embeddings endpoint: connection refused");
        };
        Comparer failing = Comparers.of(Routes.route(ComparatorKind.TEXT, TextMetric.EMBEDDING, 0.5), down);
        assertThatThrownBy(() -> failing.compare(text(200, "a"), text(200, "b")))
                .isInstanceOf(EmbeddingUnavailable.class).hasMessageContaining("connection refused");

        TextEmbedder short1 = texts -> List.of(new float[] {1});
        Comparer wrong = Comparers.of(Routes.route(ComparatorKind.TEXT, TextMetric.EMBEDDING, 0.5), short1);
        assertThatThrownBy(() -> wrong.compare(text(200, "a"), text(200, "b")))
                .isInstanceOf(EmbeddingUnavailable.class).hasMessageContaining("1 vectors for 2 texts");
    }

    @Test
    void scoresArePresentExactlyForScoredComparators() {
        Answer body = text(200, "{\"data\":[{\"embedding\":[1,0]}],\"choices\":[]}");
        for (ComparatorKind kind : ComparatorKind.values()) {
            Comparison comparison = Routes.comparer(kind, TextMetric.TOKEN_F1, 0.5).compare(body, body);
            assertThat(comparison.score().isPresent()).as(kind.configName()).isEqualTo(kind.scored());
            assertThat(comparison.matches()).as(kind.configName()).isTrue();
        }
    }
}
