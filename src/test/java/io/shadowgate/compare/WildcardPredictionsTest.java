package io.shadowgate.compare;

import static io.shadowgate.compare.Fixtures.compare;
import static io.shadowgate.compare.Fixtures.describe;
import static io.shadowgate.compare.Fixtures.predictionsAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code predictions} with {@code *}: every location the pattern matches in either answer is
 * compared with the same location in the other; nothing else is.
 */
class WildcardPredictionsTest {
    @Test
    void everyMatchingLocationIsComparedAndNothingElse() {
        Comparison comparison = compare(predictionsAt("/outputs/*/data"),
                "{\"model_version\":\"1\",\"outputs\":[{\"id\":\"x\",\"data\":[1,2]},{\"id\":\"x\",\"data\":[3]}]}",
                "{\"model_version\":\"2\",\"outputs\":[{\"id\":\"y\",\"data\":[1,2]},{\"id\":\"y\",\"data\":[4]}]}");
        assertThat(describe(comparison)).containsExactly("VALUE /outputs/1/data/0 3 4");
        assertThat(comparison.batch()).isTrue();
        // Rows as for OIP outputs: the longest array has 2; row 0 differs in the second.
        assertThat(comparison.rowsDiffering()).isEqualTo(1);
        assertThat(comparison.rowsMatched()).isEqualTo(1);
    }

    @Test
    void aLocationOnOneSideOnlyIsADifferenceThere() {
        assertThat(describe(compare(predictionsAt("/outputs/*/data"),
                "{\"outputs\":[{\"data\":[1]},{\"name\":\"b\"}]}",
                "{\"outputs\":[{\"data\":[1]},{\"name\":\"b\",\"data\":[3]},{\"data\":[5]}]}")))
                .containsExactly("EXTRA /outputs/1/data - [3]", "EXTRA /outputs/2/data - [5]");
        assertThat(describe(compare(predictionsAt("/outputs/*/data"),
                "{\"outputs\":[{\"data\":[1]},{\"data\":[2]}]}",
                "{\"outputs\":[{\"data\":[1]}]}")))
                .containsExactly("MISSING /outputs/1/data [2] -");
    }

    @Test
    void aWildcardOverObjectKeysInStablesOrderThenTheCandidatesOwn() {
        assertThat(describe(compare(predictionsAt("/results/*/score"),
                "{\"results\":{\"cat\":{\"score\":0.9,\"t\":1},\"dog\":{\"score\":0.1,\"t\":2}}}",
                "{\"results\":{\"fox\":{\"score\":0.5},\"dog\":{\"score\":0.2,\"t\":3},\"cat\":{\"score\":0.8}}}")))
                .containsExactly("VALUE /results/cat/score 0.9 0.8", "VALUE /results/dog/score 0.1 0.2",
                        "EXTRA /results/fox/score - 0.5");
    }

    @Test
    void concreteTokensBesideAWildcardAreFollowedExactly() {
        assertThat(describe(compare(predictionsAt("/outputs/*/data/1"),
                "{\"outputs\":[{\"data\":[1,2]},{\"data\":[3,4]}]}",
                "{\"outputs\":[{\"data\":[9,2]},{\"data\":[3,5]}]}")))
                .containsExactly("VALUE /outputs/1/data/1 4 5");
    }

    @Test
    void nothingMatchingOnEitherSideIsAgreement() {
        assertThat(compare(predictionsAt("/outputs/*/data"), "{\"outputs\":{}}", "{\"predictions\":[1]}").matches())
                .isTrue();
    }

    @Test
    void ignoredPathsInsideStillHold() {
        assertThat(compare(Fixtures.config(Optional.of("/outputs/*/data"), 0, 0, List.of("/outputs/1"), List.of()),
                "{\"outputs\":[{\"data\":[1]},{\"data\":[2]}]}",
                "{\"outputs\":[{\"data\":[1]},{\"data\":[3]}]}").matches()).isTrue();
    }
}
