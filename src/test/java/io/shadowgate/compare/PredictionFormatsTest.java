package io.shadowgate.compare;

import static io.shadowgate.compare.Fixtures.compare;
import static io.shadowgate.compare.Fixtures.describe;
import static io.shadowgate.compare.Fixtures.exact;
import static io.shadowgate.compare.Fixtures.predictionsAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Where {@code auto} and a configured pointer find the predictions, format by format. */
class PredictionFormatsTest {
    private static final String OIP = """
            {"model_name":"iris","id":"%s","outputs":[
              {"name":"probabilities","shape":[2,3],"datatype":"FP32","data":[0.1,0.2,0.7,0.3,0.3,0.4]},
              {"name":"label","shape":[2],"datatype":"INT64","data":[2,%s]}]}""";
    private static final String OIP_REORDERED = """
            {"model_name":"iris","id":"other","outputs":[
              {"name":"label","shape":[2],"datatype":"INT64","data":[2,2]},
              {"name":"probabilities","shape":[2,3],"datatype":"FP32","data":[0.1,0.2,0.7,0.3,%s,0.4]}]}""";

    static Stream<Arguments> autoFormats() {
        return Stream.of(
                argumentSet("Azure ML: the rest of the answer is not compared",
                        "{\"predictions\":[0.1,0.9],\"model_version\":\"1\"}",
                        "{\"predictions\":[0.1,0.8],\"model_version\":\"2\"}",
                        List.of("VALUE /predictions/1 0.9 0.8")),
                argumentSet("MLflow 2: records",
                        "{\"predictions\":[{\"label\":\"a\",\"score\":0.5},{\"label\":\"b\",\"score\":0.5}]}",
                        "{\"predictions\":[{\"label\":\"a\",\"score\":0.5},{\"label\":\"b\",\"score\":0.6}]}",
                        List.of("VALUE /predictions/1/score 0.5 0.6")),
                argumentSet("MLflow 1: top-level array", "[1,2,3]", "[1,2,4]", List.of("VALUE /2 3 4")),
                argumentSet("KServe V1: rows of arrays",
                        "{\"predictions\":[[0.1,0.2],[0.3,0.4]]}", "{\"predictions\":[[0.1,0.2],[0.3,0.5]]}",
                        List.of("VALUE /predictions/1/1 0.4 0.5")),
                argumentSet("KServe V1: a single object",
                        "{\"predictions\":{\"class\":\"setosa\"}}", "{\"predictions\":{\"class\":\"virginica\"}}",
                        List.of("VALUE /predictions/class \"setosa\" \"virginica\"")),
                argumentSet("TF Serving row format",
                        "{\"predictions\":[{\"scores\":[0.1,0.9],\"classes\":[\"a\",\"b\"]}]}",
                        "{\"predictions\":[{\"scores\":[0.1,0.9],\"classes\":[\"a\",\"c\"]}]}",
                        List.of("VALUE /predictions/0/classes/1 \"b\" \"c\"")),
                argumentSet("TF Serving columnar format, named outputs",
                        "{\"outputs\":{\"scores\":[[0.1,0.9]],\"classes\":[[\"a\",\"b\"]]}}",
                        "{\"outputs\":{\"scores\":[[0.2,0.9]],\"classes\":[[\"a\",\"b\"]]}}",
                        List.of("VALUE /outputs/scores/0/0 0.1 0.2")),
                argumentSet("TF Serving columnar format, one unnamed output",
                        "{\"outputs\":[[0.1,0.9]]}", "{\"outputs\":[[0.1,0.8]]}",
                        List.of("VALUE /outputs/0/1 0.9 0.8")),
                argumentSet("OIP V2: same outputs, other id",
                        OIP.formatted("a", "0"), OIP.formatted("b", "0"), List.of()),
                argumentSet("OIP V2: reported by output name",
                        OIP.formatted("a", "0"), OIP.formatted("a", "1"), List.of("VALUE /outputs/label/data/1 0 1")),
                argumentSet("OIP V2: reordered outputs are matched by name",
                        OIP.formatted("a", "2"), OIP_REORDERED.formatted("0.3"), List.of()),
                argumentSet("OIP V2: reordered outputs that differ",
                        OIP.formatted("a", "2"), OIP_REORDERED.formatted("0.35"),
                        List.of("VALUE /outputs/probabilities/data/4 0.3 0.35")),
                argumentSet("OIP V2: output missing from the candidate",
                        "{\"outputs\":[{\"name\":\"a\",\"data\":[1]},{\"name\":\"b\",\"data\":[2]}]}",
                        "{\"outputs\":[{\"name\":\"a\",\"data\":[1]}]}",
                        List.of("MISSING /outputs/b {\"name\":\"b\",\"data\":[2]} -")),
                argumentSet("OIP V2: extra output in the candidate",
                        "{\"outputs\":[{\"name\":\"a\",\"data\":[1]}]}",
                        "{\"outputs\":[{\"name\":\"c\",\"data\":[3]},{\"name\":\"a\",\"data\":[1]}]}",
                        List.of("EXTRA /outputs/c - {\"name\":\"c\",\"data\":[3]}")),
                argumentSet("OIP V2: shape and datatype are part of the output",
                        "{\"outputs\":[{\"name\":\"a\",\"shape\":[2],\"datatype\":\"FP32\",\"data\":[1,2]}]}",
                        "{\"outputs\":[{\"name\":\"a\",\"shape\":[1,2],\"datatype\":\"FP64\",\"data\":[1,2]}]}",
                        List.of("LENGTH /outputs/a/shape 1 2", "VALUE /outputs/a/shape/0 2 1",
                                "VALUE /outputs/a/datatype \"FP32\" \"FP64\"")),
                argumentSet("OIP V2 facing an answer without outputs",
                        "{\"outputs\":[{\"name\":\"a\",\"data\":[1]}]}", "{\"error\":\"overloaded\"}",
                        List.of("MISSING /outputs/a {\"name\":\"a\",\"data\":[1]} -")),
                argumentSet("outputs with duplicate names are compared by index",
                        "{\"outputs\":[{\"name\":\"a\",\"data\":[1]},{\"name\":\"a\",\"data\":[2]}]}",
                        "{\"outputs\":[{\"name\":\"a\",\"data\":[2]},{\"name\":\"a\",\"data\":[1]}]}",
                        List.of("VALUE /outputs/0/data/0 1 2", "VALUE /outputs/1/data/0 2 1")),
                argumentSet("predictions on one side only",
                        "{\"predictions\":[1]}", "{\"outputs\":[1]}", List.of("MISSING /predictions [1] -")),
                argumentSet("predictions win over outputs",
                        "{\"predictions\":[1],\"outputs\":[1]}", "{\"predictions\":[1],\"outputs\":[2]}", List.of()),
                argumentSet("whole document",
                        "{\"label\":\"cat\",\"score\":0.9}", "{\"score\":0.9,\"label\":\"dog\"}",
                        List.of("VALUE /label \"cat\" \"dog\"")),
                argumentSet("whole document, a scalar", "42", "42.0", List.of()),
                argumentSet("top-level array facing an object",
                        "[1]", "{\"a\":1}", List.of("TYPE  [1] {\"a\":1}")));
    }

    @ParameterizedTest
    @MethodSource("autoFormats")
    void autoFindsThePredictions(String stable, String candidate, List<String> expected) {
        Comparison comparison = compare(exact(), stable, candidate);
        assertThat(describe(comparison)).containsExactlyElementsOf(expected);
        assertThat(comparison.matches()).isEqualTo(expected.isEmpty());
        assertThat(comparison.totalDifferences()).isEqualTo(expected.size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /result/scores | {"result":{"scores":[1,2]},"x":1} | {"result":{"scores":[1,2]},"x":2} | ''
            /result/scores | {"result":{"scores":[1,2]}}       | {"result":{"scores":[1,3]}}       | VALUE /result/scores/1 2 3
            /result/scores | {"result":{"scores":[1,2]}}       | {"result":{}}                     | MISSING /result/scores [1,2] -
            /result/scores | {"result":{}}                     | {"result":{"scores":[1]}}         | EXTRA /result/scores - [1]
            /result/scores | {"predictions":[1]}               | {"predictions":[2]}               | ''
            /result/0      | {"result":["a","b"]}              | {"result":["c","b"]}              | VALUE /result/0 "a" "c"
            /a~1b/m~0n     | {"a/b":{"m~n":1}}                 | {"a/b":{"m~n":2}}                 | VALUE /a~1b/m~0n 1 2
            ''             | {"predictions":[1],"x":1}         | {"predictions":[1],"x":2}         | VALUE /x 1 2
            """)
    void aConfiguredPointerSelectsTheSameNodeOnBothSides(String pointer, String stable, String candidate,
                                                         String expected) {
        Comparison comparison = compare(predictionsAt(pointer), stable, candidate);
        assertThat(describe(comparison)).containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected));
    }
}
