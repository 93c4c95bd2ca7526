package io.shadowgate.compare;

import static io.shadowgate.compare.Fixtures.compare;
import static io.shadowgate.compare.Fixtures.describe;
import static io.shadowgate.compare.Fixtures.redacting;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code redact}: what the pointers name becomes {@code "<redacted>"}, in a copy. */
class RedactorTest {
    private static final String DOCUMENT = """
            {"user":{"name":"Ann","age":3},"inputs":[{"email":"a@x","n":1},{"email":"b@x","n":2}],\
            "a/b":{"m~n":"s"},"predictions":[0.5]}""";

    private static JsonNode parse(String json) {
        return Json.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    /** Pointers separated by spaces; the expected document, compact. */
    @ParameterizedTest(name = "redact {0}")
    @CsvSource(delimiter = '|', textBlock = """
            /user/name          | {"user":{"name":"<redacted>","age":3},"inputs":[{"email":"a@x","n":1},{"email":"b@x","n":2}],"a/b":{"m~n":"s"},"predictions":[0.5]}
            /user               | {"user":"<redacted>","inputs":[{"email":"a@x","n":1},{"email":"b@x","n":2}],"a/b":{"m~n":"s"},"predictions":[0.5]}
            /user/*             | {"user":{"name":"<redacted>","age":"<redacted>"},"inputs":[{"email":"a@x","n":1},{"email":"b@x","n":2}],"a/b":{"m~n":"s"},"predictions":[0.5]}
            /inputs/*/email     | {"user":{"name":"Ann","age":3},"inputs":[{"email":"<redacted>","n":1},{"email":"<redacted>","n":2}],"a/b":{"m~n":"s"},"predictions":[0.5]}
            /inputs/1           | {"user":{"name":"Ann","age":3},"inputs":[{"email":"a@x","n":1},"<redacted>"],"a/b":{"m~n":"s"},"predictions":[0.5]}
            /*/name /inputs/0/n | {"user":{"name":"<redacted>","age":3},"inputs":[{"email":"a@x","n":"<redacted>"},{"email":"b@x","n":2}],"a/b":{"m~n":"s"},"predictions":[0.5]}
            /a~1b/m~0n          | {"user":{"name":"Ann","age":3},"inputs":[{"email":"a@x","n":1},{"email":"b@x","n":2}],"a/b":{"m~n":"<redacted>"},"predictions":[0.5]}
            /nope/x             | {"user":{"name":"Ann","age":3},"inputs":[{"email":"a@x","n":1},{"email":"b@x","n":2}],"a/b":{"m~n":"s"},"predictions":[0.5]}
            /user/name/deeper   | {"user":{"name":"Ann","age":3},"inputs":[{"email":"a@x","n":1},{"email":"b@x","n":2}],"a/b":{"m~n":"s"},"predictions":[0.5]}
            /inputs/7 /inputs/01 /inputs/x | {"user":{"name":"Ann","age":3},"inputs":[{"email":"a@x","n":1},{"email":"b@x","n":2}],"a/b":{"m~n":"s"},"predictions":[0.5]}
            ''                  | "<redacted>"
            """)
    void redactsACopy(String pointers, String expected) {
        Redactor redactor = new Redactor(pointers.isEmpty() ? List.of("") : Arrays.asList(pointers.split(" ")));
        JsonNode document = parse(DOCUMENT);
        JsonNode redacted = redactor.redact(document);
        assertThat(redacted).isEqualTo(parse(expected));
        assertThat(document).as("input unchanged").isEqualTo(parse(DOCUMENT));
    }

    @Test
    void theResultNeverSharesNodesWithTheInput() {
        JsonNode document = parse(DOCUMENT);
        JsonNode redacted = new Redactor(List.of("/nope")).redact(document);
        assertThat(redacted).isEqualTo(document).isNotSameAs(document);
        ((com.fasterxml.jackson.databind.node.ObjectNode) redacted.get("user")).put("name", "Bob");
        assertThat(document.get("user").get("name").textValue()).isEqualTo("Ann");
    }

    @Test
    void redactsJsonBodiesAndReturnsOthersAsTheyAre() {
        Redactor redactor = new Redactor(List.of("/user/name"));
        Answer json = Answer.of(200, "application/json", "{\"user\": {\"name\": \"Ann\"}}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(redactor.redactBody(json), StandardCharsets.UTF_8))
                .isEqualTo("{\"user\":{\"name\":\"<redacted>\"}}");
        assertThat(json.body()).asString(StandardCharsets.UTF_8).contains("Ann");

        Answer text = Answer.of(200, "text/plain", "name: Ann".getBytes(StandardCharsets.UTF_8));
        assertThat(redactor.redactBody(text)).isSameAs(text.body());
        Answer broken = Answer.of(200, "application/json", "{\"user\":".getBytes(StandardCharsets.UTF_8));
        assertThat(redactor.redactBody(broken)).isSameAs(broken.body());
        assertThat(new Redactor(List.of()).redactBody(json)).as("nothing to redact").isSameAs(json.body());
    }

    @Test
    void differencesShowNoRedactedValue() {
        Comparison comparison = compare(redacting("/predictions/*/user", "/predictions/*/meta/token"),
                "{\"predictions\":[{\"user\":\"ann\",\"score\":1},{\"user\":\"bob\",\"meta\":{\"token\":\"t1\",\"v\":1}}]}",
                "{\"predictions\":[{\"user\":\"ann2\",\"score\":2},{\"score\":3}]}");
        assertThat(describe(comparison)).containsExactly(
                "VALUE /predictions/0/user \"<redacted>\" \"<redacted>\"",
                "VALUE /predictions/0/score 1 2",
                "MISSING /predictions/1/user \"<redacted>\" -",
                "MISSING /predictions/1/meta {\"token\":\"<redacted>\",\"v\":1} -",
                "EXTRA /predictions/1/score - 3");
    }

    @Test
    void oipDifferencesAreRedactedByOutputNameOrIndex() {
        String stable = "{\"outputs\":[{\"name\":\"embedding\",\"data\":[1,2]},{\"name\":\"p\",\"data\":[0.5]}]}";
        String candidate = "{\"outputs\":[{\"name\":\"p\",\"data\":[0.6]},{\"name\":\"embedding\",\"data\":[1,3]}]}";
        assertThat(describe(compare(redacting("/outputs/embedding/data"), stable, candidate))).containsExactly(
                "VALUE /outputs/embedding/data/1 \"<redacted>\" \"<redacted>\"", "VALUE /outputs/p/data/0 0.5 0.6");
        assertThat(describe(compare(redacting("/outputs/0/data"), stable, candidate))).containsExactly(
                "VALUE /outputs/embedding/data/1 \"<redacted>\" \"<redacted>\"", "VALUE /outputs/p/data/0 0.5 0.6");
    }

    @Test
    void unequalBodiesAreRedactedByTheRootPointerOnly() {
        AnswerComparer comparer = new AnswerComparer(redacting(""));
        Comparison comparison = comparer.compare(Fixtures.text(200, "secret a"), Fixtures.text(200, "secret b"));
        assertThat(describe(comparison)).containsExactly("VALUE  \"<redacted>\" \"<redacted>\"");
    }
}
