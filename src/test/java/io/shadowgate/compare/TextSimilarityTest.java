package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shadowgate.config.TextMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every text metric against values computed by hand; the arithmetic is in the last column's comment. */
class TextSimilarityTest {
    private static final double EXACT = 1e-12;

    @ParameterizedTest(name = "{0}: \"{1}\" vs \"{2}\"")
    @CsvSource(delimiter = '|', textBlock = """
            # metric | a                       | b                      | expected
            # edit: 1 - distance / longer length, on code points
            EDIT     | ''                      | ''                     | 1
            EDIT     | abc                     | abc                    | 1
            EDIT     | abc                     | ''                     | 0
            # kitten -> sitten -> sittin -> sitting: 3 edits, longer 7: 1 - 3/7
            EDIT     | kitten                  | sitting                | 0.5714285714285714
            # flaw -> law -> lawn: 2 edits of 4
            EDIT     | flaw                    | lawn                   | 0.5
            # case counts: 1 edit of 3
            EDIT     | Abc                     | abc                    | 0.6666666666666667
            # one emoji is one code point (two chars): 1 edit of 2, not 1 of 3
            EDIT     | 😀a                     | 😀b                    | 0.5
            # token-f1: 2 * overlap / (|a| + |b|)
            # the x2, cat, on, mat shared: overlap 5, 6 + 6 tokens: 10/12
            TOKEN_F1 | the cat sat on the mat  | the cat lay on the mat | 0.8333333333333334
            # a:2 b:1 against a:1 b:2: overlap 1 + 1 = 2 of 3 + 3: 4/6
            TOKEN_F1 | a a b                   | a b b                  | 0.6666666666666667
            # case and punctuation are not tokens
            TOKEN_F1 | Hello, World!           | hello world            | 1
            TOKEN_F1 | x                       | y                      | 0
            # no tokens on either side: nothing differs
            TOKEN_F1 | '!!!'                   | ?                      | 1
            TOKEN_F1 | '!!!'                   | a                      | 0
            # order does not matter to a bag: overlap 4 of 4 + 4
            TOKEN_F1 | a b c d                 | d c b a                | 1
            # rouge-l: 2 * lcs / (|a| + |b|)
            # lcs "the cat on the mat" = 5, 6 + 6 tokens: 10/12
            ROUGE_L  | the cat sat on the mat  | the cat lay on the mat | 0.8333333333333334
            # reversed: lcs 1, 4 + 4 tokens: 2/8
            ROUGE_L  | a b c d                 | d c b a                | 0.25
            # lcs "a c" = 2, 3 + 4 tokens: 4/7
            ROUGE_L  | a b c                   | a x c y                | 0.5714285714285714
            # lcs "the gunman" (or "police") = 2, 4 + 4 tokens: 4/8
            ROUGE_L  | police killed the gunman | the gunman killed police | 0.5
            ROUGE_L  | ''                      | ''                     | 1
            ROUGE_L  | ''                      | word                   | 0
            """, commentCharacter = '#')
    void metrics(TextMetric metric, String a, String b, double expected) {
        assertThat(TextSimilarity.score(metric, a, b, 8192)).isCloseTo(expected, within(EXACT));
        assertThat(TextSimilarity.score(metric, b, a, 8192)).as("symmetric").isCloseTo(expected, within(EXACT));
    }

    @Test
    void textsAreCutToMaxCharsCodePointsFirst() {
        assertThat(TextSimilarity.score(TextMetric.EDIT, "abcdef", "abcxyz", 3)).isEqualTo(1);
        assertThat(TextSimilarity.score(TextMetric.EDIT, "abcdef", "abcxyz", 4)).isEqualTo(0.75);
        // One code point of "😀x" is the whole emoji, never its high surrogate alone.
        assertThat(TextTokens.cut("😀x", 1)).isEqualTo("😀");
        assertThat(TextSimilarity.score(TextMetric.EDIT, "😀x", "😀y", 1)).isEqualTo(1);
        assertThat(TextTokens.cut("ab", 5)).isEqualTo("ab");
        assertThat(TextTokens.cut("😀😀", 3)).as("fewer code points than the bound").isEqualTo("😀😀");
        assertThatThrownBy(() -> TextSimilarity.score(TextMetric.EDIT, "a", "b", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokensAreLowerCasedRunsOfLettersAndDigits() {
        assertThat(TextTokens.tokens("Don't stop!")).containsExactly("don", "t", "stop");
        assertThat(TextTokens.tokens("ÉCOLE 42x, 日本語\ttext😀end")).containsExactly("école", "42x", "日本語", "text", "end");
        assertThat(TextTokens.tokens(" ... ")).isEmpty();
    }

    @Test
    void embeddingIsNotComputedHere() {
        assertThatThrownBy(() -> TextSimilarity.score(TextMetric.EMBEDDING, "a", "b", 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TextEmbedder");
    }

    @ParameterizedTest(name = "{0} . {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1,0   | 1,0   | 1
            1,0   | 0,1   | 0
            # opposite vectors: -1, clamped to 0
            1,0   | -1,0  | 0
            # 1 / (1 * sqrt 2)
            1,1   | 1,0   | 0.7071067811865475
            # (12 + 12) / (5 * 5)
            3,4   | 4,3   | 0.96
            # scale does not matter
            3,4   | 6,8   | 1
            0,0   | 0,0   | 1
            0,0   | 1,0   | 0
            """, commentCharacter = '#')
    void cosine(String a, String b, double expected) {
        assertThat(TextSimilarity.cosine(floats(a), floats(b))).isCloseTo(expected, within(1e-9));
    }

    @Test
    void cosineWantsOneDimension() {
        assertThatThrownBy(() -> TextSimilarity.cosine(new float[2], new float[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static float[] floats(String csv) {
        String[] parts = csv.split(",");
        float[] vector = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            vector[i] = Float.parseFloat(parts[i].strip());
        }
        return vector;
    }
}
