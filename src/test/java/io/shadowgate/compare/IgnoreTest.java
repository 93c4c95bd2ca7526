package io.shadowgate.compare;

import static io.shadowgate.compare.Fixtures.compare;
import static io.shadowgate.compare.Fixtures.describe;
import static io.shadowgate.compare.Fixtures.ignoring;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ignore}: a path it names is skipped with everything under it; {@code *} is any index or key. */
class IgnoreTest {
    private static final String STABLE = """
            {"predictions":[{"label":"a","score":0.5,"id":"x1"},{"label":"b","score":0.7,"id":"x2"}],"v":1}""";
    private static final String CANDIDATE = """
            {"predictions":[{"label":"a","score":0.6,"id":"y1"},{"label":"c","score":0.7,"id":"y2"}],"v":2}""";
    private static final String SCORE_0 = "/predictions/0/score";
    private static final String ID_0 = "/predictions/0/id";
    private static final String LABEL_1 = "/predictions/1/label";
    private static final String ID_1 = "/predictions/1/id";

    @ParameterizedTest(name = "ignore {0}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            none                   | /predictions/0/score /predictions/0/id /predictions/1/label /predictions/1/id
            /predictions/*/id      | /predictions/0/score /predictions/1/label
            /predictions/0/id      | /predictions/0/score /predictions/1/label /predictions/1/id
            /predictions/0         | /predictions/1/label /predictions/1/id
            /predictions/*         | ''
            /predictions           | ''
            /predictions/*/*       | ''
            /*/*/id                | /predictions/0/score /predictions/1/label
            /*/1/*                 | /predictions/0/score /predictions/0/id
            /predictions/1/id/more | /predictions/0/score /predictions/0/id /predictions/1/label /predictions/1/id
            /predictions/id        | /predictions/0/score /predictions/0/id /predictions/1/label /predictions/1/id
            /predictions/01        | /predictions/0/score /predictions/0/id /predictions/1/label /predictions/1/id
            ''                     | ''
            """)
    void pointersWithAndWithoutWildcards(String ignore, String expectedPaths) {
        Comparison comparison = compare(ignore == null ? ignoring() : ignoring(ignore), STABLE, CANDIDATE);
        assertThat(comparison.differences()).extracting(Difference::path)
                .containsExactlyElementsOf(expectedPaths.isEmpty() ? List.of() : Arrays.asList(expectedPaths.split(" ")));
        assertThat(comparison.matches()).isEqualTo(expectedPaths.isEmpty());
    }

    @ParameterizedTest(name = "ignore {0}")
    @CsvSource(delimiter = '|', textBlock = """
            /a~1b        | VALUE /m~0n 1 2; MISSING /t 1 -; EXTRA /u - 1
            /m~0n        | VALUE /a~1b 1 2; MISSING /t 1 -; EXTRA /u - 1
            /t           | VALUE /a~1b 1 2; VALUE /m~0n 1 2; EXTRA /u - 1
            /u           | VALUE /a~1b 1 2; VALUE /m~0n 1 2; MISSING /t 1 -
            /*           | ''
            /a/b         | VALUE /a~1b 1 2; VALUE /m~0n 1 2; MISSING /t 1 -; EXTRA /u - 1
            """)
    void escapedKeysAndKeysOnOneSide(String ignore, String expected) {
        Comparison comparison = compare(ignoring(ignore), "{\"a/b\":1,\"m~n\":1,\"t\":1}",
                "{\"a/b\":2,\"m~n\":2,\"u\":1}");
        assertThat(describe(comparison)).containsExactlyElementsOf(
                expected.isEmpty() ? List.of() : Arrays.stream(expected.split(";")).map(String::strip).toList());
    }

    @ParameterizedTest(name = "ignore {0}")
    @CsvSource(delimiter = '|', textBlock = """
            /outputs/label             | /outputs/probabilities/data/1 /outputs/extra
            /outputs/1                 | /outputs/probabilities/data/1 /outputs/extra
            /outputs/label/data        | /outputs/probabilities/data/1 /outputs/extra
            /outputs/probabilities     | /outputs/label/data/0 /outputs/extra
            /outputs/0/data/1          | /outputs/label/data/0 /outputs/extra
            /outputs/*/data            | /outputs/extra
            /outputs/extra             | /outputs/probabilities/data/1 /outputs/label/data/0
            /outputs/2                 | /outputs/probabilities/data/1 /outputs/label/data/0
            /outputs                   | ''
            """)
    void oipOutputsByNameOrByTheirIndex(String ignore, String expectedPaths) {
        String stable = "{\"outputs\":[{\"name\":\"probabilities\",\"data\":[0.1,0.9]},{\"name\":\"label\",\"data\":[1]}]}";
        // Reordered: the alias is the stable index, or the candidate's for an extra output.
        String candidate = "{\"outputs\":[{\"name\":\"label\",\"data\":[0]},{\"name\":\"probabilities\",\"data\":[0.1,0.8]},"
                + "{\"name\":\"extra\",\"data\":[7]}]}";
        Comparison comparison = compare(ignoring(ignore), stable, candidate);
        assertThat(comparison.differences()).extracting(Difference::path)
                .containsExactlyElementsOf(expectedPaths.isEmpty() ? List.of() : Arrays.asList(expectedPaths.split(" ")));
    }
}
