package io.shadowgate.compare;

import static io.shadowgate.compare.Fixtures.describe;
import static io.shadowgate.compare.Fixtures.exact;
import static io.shadowgate.compare.Fixtures.ignoring;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Status classes, non-JSON bodies, and JSON that does not parse. */
class BodiesTest {
    private static final AnswerComparer EXACT = new AnswerComparer(exact());

    private static Answer answer(int status, boolean json, String body) {
        return new Answer(status, json, body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} vs {2}")
    @CsvSource(delimiter = '|', textBlock = """
            200 | {"predictions":[1]} | 500 | {"predictions":[1]} | STATUS  200 500
            200 | {"predictions":[1]} | 404 | {"error":"no"}      | STATUS  200 404
            503 | busy                | 302 | busy                | STATUS  503 302
            200 | {"predictions":[1]} | 201 | {"predictions":[1]} | ''
            400 | {"error":"a"}       | 422 | {"error":"a"}       | ''
            500 | {"error":"a"}       | 503 | {"error":"b"}       | VALUE /error "a" "b"
            """)
    void statusClasses(int stableStatus, String stableBody, int candidateStatus, String candidateBody, String expected) {
        Comparison comparison = EXACT.compare(answer(stableStatus, true, stableBody),
                answer(candidateStatus, true, candidateBody));
        assertThat(describe(comparison)).containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected));
        if (expected.startsWith("STATUS")) {
            assertThat(comparison.batch()).as("the bodies are not compared").isFalse();
            assertThat(comparison.totalDifferences()).isOne();
        }
    }

    /** Each side: JSON claimed or not, and its body; byte equality unless both parse as JSON. */
    @ParameterizedTest(name = "[{0}] {1} vs [{2}] {3}")
    @CsvSource(delimiter = '|', textBlock = """
            false | hello             | false | hello              | ''
            false | hello             | false | hellO              | VALUE  "hello" "hellO"
            false | ''                | false | ''                 | ''
            true  | {"a":1}           | false | {"a":1}            | ''
            true  | {"a":1}           | false | { "a": 1 }         | VALUE  "{\\"a\\":1}" "{ \\"a\\": 1 }"
            true  | {"a":1}           | true  | { "a": 1 }         | ''
            true  | {"a":             | true  | {"a":              | ''
            true  | {"a":             | true  | {"a":1}            | VALUE  "{\\"a\\":" "{\\"a\\":1}"
            true  | {"a":1} x         | true  | {"a":1} y          | VALUE  "{\\"a\\":1} x" "{\\"a\\":1} y"
            true  | {"a":1}{"a":2}    | true  | {"a":1}{"a":3}     | VALUE  "{\\"a\\":1}{\\"a\\":2}" "{\\"a\\":1}{\\"a\\":3}"
            true  | ''                | true  | ''                 | ''
            true  | ''                | true  | {}                 | VALUE  "" "{}"
            true  | <html>oops</html> | true  | <html>oops</html>  | ''
            """)
    void bytesUnlessBothParse(boolean stableJson, String stableBody, boolean candidateJson, String candidateBody,
                              String expected) {
        Comparison comparison = EXACT.compare(answer(200, stableJson, stableBody),
                answer(200, candidateJson, candidateBody));
        assertThat(describe(comparison)).containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected));
    }

    @Test
    void aLongBodyIsShownByItsStart() {
        String stable = "x".repeat(1000);
        Comparison comparison = EXACT.compare(answer(200, false, stable), answer(200, false, "y"));
        assertThat(comparison.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.stable().textValue()).isEqualTo("x".repeat(256) + "... (1000 bytes)");
            assertThat(difference.candidate().textValue()).isEqualTo("y");
        });
    }

    @Test
    void ignoringTheRootIgnoresUnequalBodies() {
        assertThat(new AnswerComparer(ignoring("")).compare(answer(200, false, "a"), answer(200, false, "b")).matches())
                .isTrue();
        assertThat(new AnswerComparer(ignoring("")).compare(answer(200, false, "a"), answer(500, false, "a")).matches())
                .as("a status class difference is never ignored").isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(nullValues = "null", textBlock = """
            application/json,                 true
            application/json; charset=utf-8,  true
            'APPLICATION/JSON;charset=UTF-8', true
            ' application/json ',             true
            application/problem+json,         true
            application/vnd.api+json,         true
            text/plain,                       false
            text/html; charset=utf-8,         false
            application/jsonl,                false
            application/x-ndjson,             false
            '',                               false
            null,                             false
            """)
    void jsonContentTypes(String contentType, boolean json) {
        assertThat(Answer.isJsonContentType(contentType)).isEqualTo(json);
        assertThat(Answer.of(200, contentType, new byte[0]).json()).isEqualTo(json);
    }

    @Test
    void answersAreEqualByContentAndPrintNoBody() {
        Answer answer = answer(200, true, "{\"secret\":1}");
        assertThat(answer).isEqualTo(answer(200, true, "{\"secret\":1}")).hasSameHashCodeAs(answer(200, true, "{\"secret\":1}"));
        assertThat(answer).isNotEqualTo(answer(200, false, "{\"secret\":1}")).isNotEqualTo(answer(201, true, "{\"secret\":1}"));
        assertThat(answer.toString()).isEqualTo("Answer[status=200, json=true, body=12 bytes]");
    }
}
