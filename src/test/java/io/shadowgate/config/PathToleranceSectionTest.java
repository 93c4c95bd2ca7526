package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code compare.tolerance} (a default and tolerances per path) and {@code compare.predictions} with wildcards. */
class PathToleranceSectionTest {
    private static final String STABLE = "stable: { url: http://127.0.0.1:9101 }\n";

    private static CompareConfig compare(String yaml) throws ConfigException {
        return ConfigLoader.parse(STABLE + yaml, Map.of()).compare();
    }

    @Test
    void defaultIsTheAbsoluteToleranceAndTheOtherKeysArePathsInTheOrderWritten() throws Exception {
        CompareConfig compare = compare("""
                compare:
                  relativeTolerance: 0.001
                  tolerance:
                    /outputs/logits: 1e-2
                    default: 1e-4
                    "/outputs/*/data": 1e-3
                    /a~1b: 0
                """);
        assertThat(compare.absoluteTolerance()).isEqualTo(1e-4);
        assertThat(compare.relativeTolerance()).isEqualTo(0.001);
        assertThat(List.copyOf(compare.pathTolerances().entrySet())).containsExactly(
                Map.entry("/outputs/logits", 1e-2), Map.entry("/outputs/*/data", 1e-3), Map.entry("/a~1b", 0.0));
    }

    @Test
    void withoutDefaultTheAbsoluteToleranceStays() throws Exception {
        CompareConfig compare = compare("compare: { absoluteTolerance: 0.5, tolerance: { /x: 2 } }\n");
        assertThat(compare.absoluteTolerance()).isEqualTo(0.5);
        assertThat(compare.pathTolerances()).isEqualTo(Map.of("/x", 2.0));
        assertThat(compare("compare: { tolerance: {} }\n").pathTolerances()).isEmpty();
        assertThat(compare("").pathTolerances()).isEmpty();
        assertThat(compare("").absoluteTolerance()).isEqualTo(1e-6);
    }

    @Test
    void predictionsMayHaveWildcards() throws Exception {
        assertThat(compare("compare: { predictions: /outputs/*/data }\n").predictions()).contains("/outputs/*/data");
        assertThat(compare("compare: { predictions: /predictions }\n").predictions()).contains("/predictions");
        assertThat(compare("compare: { predictions: auto }\n").predictions()).isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            compare: { absoluteTolerance: 1e-6, tolerance: { default: 1e-4 } } | compare.absoluteTolerance: cannot be given with tolerance.default (both are the absolute tolerance; keep one)
            compare: { tolerance: { default: -1 } }                            | compare.tolerance.default: -1 (expected: 0..1000000000)
            compare: { tolerance: { outputs: 1 } }                             | compare.tolerance.outputs: "outputs" (expected: default or a JSON Pointer such as /outputs/logits or /outputs/*/data)
            compare: { tolerance: { /a~2: 1 } }                                | compare.tolerance./a~2: "/a~2" (expected: default or a JSON Pointer such as /outputs/logits or /outputs/*/data)
            compare: { tolerance: { /a: lots } }                               | compare.tolerance./a: "lots" (expected: a number 0..1000000000)
            compare: { tolerance: { /a: } }                                    | compare.tolerance./a: "" (expected: a number 0..1000000000)
            compare: { tolerance: 1e-4 }                                       | compare.tolerance: "1e-4" (expected: a mapping)
            compare: { predictions: /outputs/**/data }                         | compare.predictions: "/outputs/**/data" (expected: a JSON Pointer without **, which is not supported: * stands for one index or key)
            """)
    void errorsNameTheirKeyPath(String yaml, String error) {
        assertThat(Reading.errorsOf(STABLE + yaml + "\n")).containsExactly(error);
    }
}
