package io.shadowgate.compare;

import static io.shadowgate.compare.Fixtures.compare;
import static io.shadowgate.compare.Fixtures.describe;
import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.config.CompareConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code compare.tolerance} per path: the first pointer (in the order written) naming a number or
 * an ancestor gives its absolute tolerance; the relative tolerance stays. Numbers chosen so the
 * decimal differences are exact: 0.005 apart is within 0.01 and not within 1e-4.
 */
class PathToleranceTest {
    /** {@code pathAbsolutes} as alternating pointer, tolerance, in order. */
    private static CompareConfig tolerances(double absolute, double relative, Object... pathAbsolutes) {
        Map<String, Double> paths = new LinkedHashMap<>();
        for (int i = 0; i < pathAbsolutes.length; i += 2) {
            paths.put((String) pathAbsolutes[i], (Double) pathAbsolutes[i + 1]);
        }
        return new CompareConfig(Optional.empty(), absolute, relative, List.of(), List.of(), 100, 0,
                Duration.ofMinutes(5), CompareConfig.Noise.AUTO, CompareConfig.DEFAULT_NOISE_FLOOR, List.of(),
                CompareConfig.DEFAULT_SAMPLE_REQUEST_BYTES, paths);
    }

    private static final String STABLE = "{\"predictions\":[1.0,2.0,3.0]}";
    private static final String CANDIDATE = "{\"predictions\":[1.00005,2.005,3.005]}";

    @Test
    void aPathsToleranceReplacesTheAbsoluteOneThereOnly() {
        // /0: 5e-5 <= 1e-4 (default); /1: 0.005 <= 0.01 (its path); /2: 0.005 > 1e-4 (default).
        assertThat(describe(compare(tolerances(1e-4, 0, "/predictions/1", 0.01), STABLE, CANDIDATE)))
                .containsExactly("VALUE /predictions/2 3.0 3.005");
        assertThat(describe(compare(tolerances(1e-4, 0), STABLE, CANDIDATE)))
                .containsExactly("VALUE /predictions/1 2.0 2.005", "VALUE /predictions/2 3.0 3.005");
    }

    @Test
    void aPathCanBeStricterThanTheDefault() {
        // /0: 5e-5 > 1e-5 (its path); the others 0.005 <= 0.01 (default).
        assertThat(describe(compare(tolerances(0.01, 0, "/predictions/0", 1e-5), STABLE, CANDIDATE)))
                .containsExactly("VALUE /predictions/0 1.0 1.00005");
    }

    @Test
    void theFirstPatternWrittenThatMatchesWins() {
        assertThat(describe(compare(tolerances(0, 0, "/predictions/*", 1e-3, "/predictions/1", 0.01), STABLE,
                CANDIDATE))).containsExactly("VALUE /predictions/1 2.0 2.005", "VALUE /predictions/2 3.0 3.005");
        assertThat(describe(compare(tolerances(0, 0, "/predictions/1", 0.01, "/predictions/*", 1e-3), STABLE,
                CANDIDATE))).containsExactly("VALUE /predictions/2 3.0 3.005");
    }

    @Test
    void aPatternCoversEverythingUnderIt() {
        assertThat(compare(tolerances(0, 0, "/predictions", 0.01), STABLE, CANDIDATE).matches()).isTrue();
        assertThat(compare(tolerances(0, 0, "", 0.01), STABLE, CANDIDATE).matches()).as("the whole document").isTrue();
        assertThat(compare(tolerances(0, 0, "/predictions/1/x", 0.01), STABLE, CANDIDATE).matches())
                .as("a pattern below a number does not cover it").isFalse();
    }

    @Test
    void theRelativeToleranceStillAddsUp() {
        // |100 - 101| = 1 <= 0 + 0.01 * 101 = 1.01; |100 - 102| = 2 > 0 + 0.01 * 102 = 1.02.
        CompareConfig config = tolerances(5, 0.01, "/predictions/0", 0.0);
        assertThat(compare(config, "{\"predictions\":[100]}", "{\"predictions\":[101]}").matches()).isTrue();
        assertThat(describe(compare(config, "{\"predictions\":[100]}", "{\"predictions\":[102]}")))
                .containsExactly("VALUE /predictions/0 100 102");
        // with 1.0 at the path: 2 <= 1 + 1.02
        assertThat(compare(tolerances(0, 0.01, "/predictions/0", 1.0), "{\"predictions\":[100]}",
                "{\"predictions\":[102]}").matches()).isTrue();
    }

    @Test
    void openInferenceOutputsByNameOrIndexAndWithWildcards() {
        String stable = """
                {"outputs":[{"name":"logits","datatype":"FP32","shape":[2],"data":[0.5,0.6]},
                            {"name":"probs","datatype":"FP32","shape":[2],"data":[0.1,0.2]}]}""";
        String candidate = """
                {"outputs":[{"name":"probs","datatype":"FP32","shape":[2],"data":[0.1,0.205]},
                            {"name":"logits","datatype":"FP32","shape":[2],"data":[0.505,0.6]}]}""";
        assertThat(describe(compare(tolerances(1e-4, 0, "/outputs/logits", 0.01), stable, candidate)))
                .containsExactly("VALUE /outputs/probs/data/1 0.2 0.205");
        assertThat(describe(compare(tolerances(1e-4, 0, "/outputs/1/data", 0.01), stable, candidate)))
                .as("stable's index of probs").containsExactly("VALUE /outputs/logits/data/0 0.5 0.505");
        assertThat(compare(tolerances(1e-4, 0, "/outputs/*/data", 0.01), stable, candidate).matches()).isTrue();
        assertThat(describe(compare(tolerances(1e-4, 0, "/outputs/*/data", 1e-3), stable, candidate)))
                .containsExactly("VALUE /outputs/logits/data/0 0.5 0.505", "VALUE /outputs/probs/data/1 0.2 0.205");
    }
}
