package io.shadowgate.compare;

import static io.shadowgate.compare.Fixtures.compare;
import static io.shadowgate.compare.Fixtures.describe;
import static io.shadowgate.compare.Fixtures.exact;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each difference kind, with its exact path and values, in document order. */
class DifferenceKindsTest {

    /** Differences separated by {@code ;} in the last column, empty for none. */
    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"a":"x"}                 | {"a":"y"}                 | VALUE /a "x" "y"
            {"a":true}                | {"a":false}               | VALUE /a true false
            {"a":1}                   | {"a":2}                   | VALUE /a 1 2
            {"a":null}                | {"a":null}                | ''
            {"a":null}                | {"a":0}                   | TYPE /a null 0
            {"a":0}                   | {"a":"0"}                 | TYPE /a 0 "0"
            {"a":[]}                  | {"a":{}}                  | TYPE /a [] {}
            {"a":false}               | {"a":"false"}             | TYPE /a false "false"
            {"a":1,"b":2}             | {"a":1}                   | MISSING /b 2 -
            {"a":1}                   | {"a":1,"c":null}          | EXTRA /c - null
            {"a":1,"b":2}             | {"b":2,"a":1}             | ''
            {"a":1,"b":2}             | {"c":3,"a":1}             | MISSING /b 2 -; EXTRA /c - 3
            {"a":[1,2,3]}             | {"a":[1,5]}               | LENGTH /a 3 2; VALUE /a/1 2 5
            {"a":[1]}                 | {"a":[1,2,3]}             | LENGTH /a 1 3
            {"a":[]}                  | {"a":[]}                  | ''
            {"a":{"b":[{"c":1}]}}     | {"a":{"b":[{"c":"1"}]}}   | TYPE /a/b/0/c 1 "1"
            {"a/b":1}                 | {"a/b":2}                 | VALUE /a~1b 1 2
            {"m~n":1}                 | {"m~n":2}                 | VALUE /m~0n 1 2
            {"~1":1}                  | {"~1":2}                  | VALUE /~01 1 2
            {"":1}                    | {"":2}                    | VALUE / 1 2
            {"x":{"":{"":1}}}         | {"x":{"":{"":2}}}         | VALUE /x// 1 2
            {"a":[[1,2],[3]]}         | {"a":[[1,2],[4,5]]}       | LENGTH /a/1 1 2; VALUE /a/1/0 3 4
            """)
    void kinds(String stable, String candidate, String expected) {
        List<String> differences = expected.isEmpty() ? List.of()
                : Arrays.stream(expected.split(";")).map(String::strip).toList();
        Comparison comparison = compare(exact(), stable, candidate);
        assertThat(describe(comparison)).containsExactlyElementsOf(differences);
        assertThat(comparison.matches()).isEqualTo(differences.isEmpty());
    }

    @Test
    void recordsTheFirstHundredAndCountsTheRest() {
        String stable = IntStream.range(0, 150).mapToObj(i -> "0").collect(Collectors.joining(",", "[", "]"));
        String candidate = IntStream.range(0, 150).mapToObj(i -> "1").collect(Collectors.joining(",", "[", "]"));
        Comparison comparison = compare(exact(), stable, candidate);
        assertThat(comparison.totalDifferences()).isEqualTo(150);
        assertThat(comparison.differences()).hasSize(AnswerComparer.MAX_RECORDED_DIFFERENCES);
        assertThat(comparison.truncated()).isTrue();
        assertThat(comparison.differences().get(0).path()).isEqualTo("/0");
        assertThat(comparison.differences().get(99).path()).isEqualTo("/99");
        assertThat(comparison.rowsDiffering()).as("rows count every difference, recorded or not").isEqualTo(150);
    }

    @Test
    void kindLabelsAreLowercase() {
        assertThat(Arrays.stream(Difference.Kind.values()).map(Difference.Kind::label))
                .containsExactly("status", "value", "type", "missing", "extra", "length", "similarity");
        assertThat(Outcome.Kind.MISMATCH.label()).isEqualTo("mismatch");
    }

    @Test
    void aDifferenceKeepsItsOwnCopyOfTheValues() {
        ObjectNode value = JsonNodeFactory.instance.objectNode().put("b", 1);
        Difference difference = new Difference("/a", Difference.Kind.MISSING, value, MissingNode.getInstance());
        value.put("b", 2);
        assertThat(describe(difference)).isEqualTo("MISSING /a {\"b\":1} -");
    }

    /**
     * Jackson refuses nesting deeper than 1000, so the walk's recursion is bounded; at that bound
     * it fits in the 1 MiB stack of an ordinary thread, where the mirror will call it.
     */
    @Test
    void deepNestingFitsAnOrdinaryThreadStack() throws InterruptedException {
        int depth = 999;
        String stable = "[".repeat(depth) + "1" + "]".repeat(depth);
        String candidate = "[".repeat(depth) + "2" + "]".repeat(depth);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(compare(exact(), stable, candidate));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "compare-deep", 1024 * 1024);
        thread.start();
        thread.join();
        assertThat(result.get()).isInstanceOfSatisfying(Comparison.class, comparison ->
                assertThat(comparison.differences()).singleElement().satisfies(difference ->
                        assertThat(difference.path()).isEqualTo("/0".repeat(depth))));

        String tooDeep = "[".repeat(1001) + "]".repeat(1001);
        assertThat(describe(compare(exact(), tooDeep, tooDeep + " "))).as("beyond Jackson's limit: bytes")
                .singleElement().asString().startsWith("VALUE  ");
    }
}
