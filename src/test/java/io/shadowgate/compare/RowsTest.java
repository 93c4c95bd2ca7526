package io.shadowgate.compare;

import static io.shadowgate.compare.Fixtures.compare;
import static io.shadowgate.compare.Fixtures.exact;
import static io.shadowgate.compare.Fixtures.ignoring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.shadowgate.config.CompareConfig;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rows of a batch: matched, differing (a difference under it, or on one side only), or no batch. */
class RowsTest {
    /** probabilities with shape [2,3] (flattened, row-major) and label with shape [2]. */
    private static String oip(String probabilities, String labels) {
        return "{\"outputs\":[{\"name\":\"probabilities\",\"shape\":[2,3],\"datatype\":\"FP32\",\"data\":["
                + probabilities + "]},{\"name\":\"label\",\"shape\":[2],\"datatype\":\"INT64\",\"data\":[" + labels + "]}]}";
    }

    private static final String PROBABILITIES = "0.1,0.2,0.7,0.3,0.3,0.4";

    static Stream<Arguments> rows() {
        return Stream.of(
                argumentSet("all rows match", exact(), "{\"predictions\":[1,2,3]}", "{\"predictions\":[1,2,3]}", true, 3, 0),
                argumentSet("one row differs", exact(), "{\"predictions\":[1,2,3]}", "{\"predictions\":[1,5,3]}", true, 2, 1),
                argumentSet("a difference deep under a row", exact(),
                        "{\"predictions\":[{\"a\":1,\"b\":[1,2]},{\"a\":2}]}",
                        "{\"predictions\":[{\"a\":1,\"b\":[1,3]},{\"a\":2}]}", true, 1, 1),
                argumentSet("several differences in one row count it once", exact(),
                        "{\"predictions\":[[1,2],[3,4]]}", "{\"predictions\":[[9,9],[3,4]]}", true, 1, 1),
                argumentSet("candidate has fewer rows", exact(), "{\"predictions\":[1,2,3]}", "{\"predictions\":[1,2]}", true, 2, 1),
                argumentSet("candidate has more rows", exact(), "{\"predictions\":[1,2]}", "{\"predictions\":[1,2,3,4]}", true, 2, 2),
                argumentSet("fewer rows and one differs", exact(), "{\"predictions\":[1,9,3]}", "{\"predictions\":[1,2]}", true, 1, 2),
                argumentSet("empty batch", exact(), "{\"predictions\":[]}", "{\"predictions\":[]}", true, 0, 0),
                argumentSet("rows facing an object", exact(), "{\"predictions\":[1,2]}", "{\"predictions\":{\"a\":1}}", true, 0, 2),
                argumentSet("rows facing no predictions", exact(), "{\"predictions\":[1,2]}", "{\"error\":\"x\"}", true, 0, 2),
                argumentSet("a single prediction is no batch", exact(),
                        "{\"predictions\":{\"a\":1}}", "{\"predictions\":{\"a\":2}}", false, 0, 0),
                argumentSet("a top-level array is a batch", exact(), "[1,2]", "[1,3]", true, 1, 1),
                argumentSet("a whole object is no batch", exact(), "{\"a\":[1]}", "{\"a\":[2]}", false, 0, 0),
                argumentSet("an ignored difference leaves its row matched", ignoring("/predictions/1"),
                        "{\"predictions\":[1,2,3]}", "{\"predictions\":[1,5,3]}", true, 3, 0),
                argumentSet("ignored predictions are no batch", ignoring("/predictions"),
                        "{\"predictions\":[1,2,3]}", "{\"predictions\":[1,5]}", false, 0, 0),
                argumentSet("OIP: rows are the first dimension of the shape", exact(),
                        oip(PROBABILITIES, "2,0"), oip(PROBABILITIES, "2,0"), true, 2, 0),
                argumentSet("OIP: flattened element 4 is in row 1", exact(),
                        oip(PROBABILITIES, "2,0"), oip("0.1,0.2,0.7,0.3,0.9,0.4", "2,0"), true, 1, 1),
                argumentSet("OIP: a row differs when any output differs in it", exact(),
                        oip(PROBABILITIES, "2,0"), oip(PROBABILITIES, "1,0"), true, 1, 1),
                argumentSet("OIP: both rows differ in different outputs", exact(),
                        oip(PROBABILITIES, "2,0"), oip("0.1,0.2,0.7,0.3,0.9,0.4", "1,0"), true, 0, 2),
                argumentSet("OIP: reordered outputs", exact(), oip(PROBABILITIES, "2,0"),
                        "{\"outputs\":[{\"name\":\"label\",\"shape\":[2],\"datatype\":\"INT64\",\"data\":[2,1]},"
                                + "{\"name\":\"probabilities\",\"shape\":[2,3],\"datatype\":\"FP32\",\"data\":["
                                + PROBABILITIES + "]}]}", true, 1, 1),
                argumentSet("OIP: an output differing outside its data leaves the rows matched", exact(),
                        oip(PROBABILITIES, "2,0"), oip(PROBABILITIES, "2,0").replace("FP32", "FP64"), true, 2, 0),
                argumentSet("OIP: an output on one side only differs in all its rows", exact(),
                        oip(PROBABILITIES, "2,0"),
                        "{\"outputs\":[{\"name\":\"label\",\"shape\":[2],\"datatype\":\"INT64\",\"data\":[2,0]}]}", true, 0, 2),
                argumentSet("OIP: a shorter candidate tensor loses its last row", exact(),
                        oip(PROBABILITIES, "2,0"), oip("0.1,0.2,0.7", "2,0").replace("[2,3]", "[1,3]"), true, 1, 1),
                argumentSet("OIP: nested data, one array per row", exact(),
                        "{\"outputs\":[{\"name\":\"p\",\"shape\":[2,2],\"data\":[[1,2],[3,4]]}]}",
                        "{\"outputs\":[{\"name\":\"p\",\"shape\":[2,2],\"data\":[[1,2],[3,5]]}]}", true, 1, 1),
                argumentSet("OIP: without a shape each element is a row", exact(),
                        "{\"outputs\":[{\"name\":\"p\",\"data\":[1,2,3]}]}",
                        "{\"outputs\":[{\"name\":\"p\",\"data\":[1,2,4]}]}", true, 2, 1),
                argumentSet("OIP: a shape that does not fit the data is not used", exact(),
                        "{\"outputs\":[{\"name\":\"p\",\"shape\":[2,2],\"data\":[1,2,3]}]}",
                        "{\"outputs\":[{\"name\":\"p\",\"shape\":[2,2],\"data\":[1,2,4]}]}", true, 2, 1),
                argumentSet("OIP: ignored data counts no rows", ignoring("/outputs/*/data"),
                        oip(PROBABILITIES, "2,0"), oip(PROBABILITIES, "1,0"), false, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void rows(CompareConfig config, String stable, String candidate, boolean batch, int matched, int differing) {
        Comparison comparison = compare(config, stable, candidate);
        assertThat(comparison.batch()).as("batch").isEqualTo(batch);
        assertThat(comparison.rowsMatched()).as("rows matched").isEqualTo(matched);
        assertThat(comparison.rowsDiffering()).as("rows differing").isEqualTo(differing);
        assertThat(comparison.rows()).isEqualTo(matched + differing);
        if (differing > 0) {
            assertThat(comparison.matches()).isFalse();
        }
    }
}
