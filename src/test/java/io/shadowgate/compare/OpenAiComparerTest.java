package io.shadowgate.compare;

import static io.shadowgate.compare.Fixtures.describe;
import static io.shadowgate.compare.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shadowgate.config.ComparatorKind;
import io.shadowgate.config.CompareConfig;
import io.shadowgate.config.TextMetric;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The openai-chat and openai-completions comparators on answer shapes written out by hand. */
class OpenAiComparerTest {
    private static final String SAT = "the cat sat on the mat";
    private static final String LAY = "the cat lay on the mat";
    /** ROUGE-L of SAT and LAY: lcs 5 of 6 + 6 tokens, 10/12. */
    private static final double SAT_LAY = 5.0 / 6;

    private static Comparer chat(double threshold) {
        return Routes.comparer(ComparatorKind.OPENAI_CHAT, TextMetric.ROUGE_L, threshold);
    }

    private static Comparer chat(CompareConfig json) {
        return Comparers.of(Routes.route(ComparatorKind.OPENAI_CHAT, json, TextMetric.ROUGE_L, 0.6), null);
    }

    /** A chat completion with one choice per {@code choices} entry (each already JSON). */
    private static Answer completion(String id, String... choices) {
        return json("{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":" + id.length()
                + ",\"model\":\"m-" + id + "\",\"system_fingerprint\":\"fp_" + id + "\",\"choices\":["
                + String.join(",", choices) + "],\"usage\":{\"prompt_tokens\":" + id.length() + "}}");
    }

    private static String choice(int index, String content, String finish) {
        return "{\"index\":" + index + ",\"message\":{\"role\":\"assistant\",\"content\":"
                + (content == null ? "null" : "\"" + content + "\"") + "},\"logprobs\":{\"x\":\"" + content
                + "\"},\"finish_reason\":\"" + finish + "\"}";
    }

    private static String toolChoice(String calls) {
        return "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":" + calls
                + "},\"finish_reason\":\"tool_calls\"}";
    }

    private static String call(String id, String name, String arguments) {
        return "{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name
                + "\",\"arguments\":\"" + arguments.replace("\"", "\\\"") + "\"}}";
    }

    @Test
    void idsTimesModelFingerprintUsageObjectAndLogprobsAreIgnored() {
        Comparison comparison = chat(0.6).compare(completion("a", choice(0, SAT, "stop")),
                completion("bbb", choice(0, SAT, "stop")));
        assertThat(comparison.matches()).isTrue();
        assertThat(comparison.score()).hasValue(1);
    }

    @Test
    void theTextIsScoredAndASimilarityDifferenceBelowTheThreshold() {
        Answer stable = completion("a", choice(0, SAT, "stop"));
        Answer candidate = completion("b", choice(0, LAY, "stop"));
        Comparison lenient = chat(0.6).compare(stable, candidate);
        assertThat(lenient.matches()).isTrue();
        assertThat(lenient.score().getAsDouble()).isCloseTo(SAT_LAY, within(1e-12));

        Comparison strict = chat(0.9).compare(stable, candidate);
        assertThat(strict.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.kind()).isEqualTo(Difference.Kind.SIMILARITY);
            assertThat(difference.path()).isEqualTo("/choices/0/message/content");
            assertThat(difference.stable().toString()).isEqualTo(
                    "{\"text\":\"" + SAT + "\",\"score\":" + SAT_LAY + ",\"metric\":\"rouge-l\"}");
            assertThat(difference.candidate().path("text").textValue()).isEqualTo(LAY);
        });
    }

    @Test
    void finishReasonAndRoleAreComparedExactly() {
        Answer stable = completion("a", choice(0, SAT, "stop"));
        Answer candidate = json(new String(completion("b", choice(0, SAT, "length")).body())
                .replace("assistant", "tool"));
        assertThat(describe(chat(0.6).compare(stable, candidate))).containsExactly(
                "VALUE /choices/0/message/role \"assistant\" \"tool\"",
                "VALUE /choices/0/finish_reason \"stop\" \"length\"");
        assertThat(chat(Fixtures.ignoring("/choices/*/finish_reason", "/choices/0/message/role"))
                .compare(stable, candidate).matches()).as("ignore pointers apply").isTrue();
    }

    @Test
    void severalChoicesScoreTheirMean() {
        Comparison comparison = chat(0.9).compare(
                completion("a", choice(0, SAT, "stop"), choice(1, SAT, "stop")),
                completion("b", choice(0, SAT, "stop"), choice(1, LAY, "stop")));
        // (1 + 5/6) / 2
        assertThat(comparison.score().getAsDouble()).isCloseTo(11.0 / 12, within(1e-12));
        assertThat(describe(comparison)).singleElement().asString()
                .startsWith("SIMILARITY /choices/1/message/content");
    }

    @Test
    void aDifferentNumberOfChoicesIsALengthAndOnlyCommonChoicesAreScored() {
        Comparison comparison = chat(0.6).compare(
                completion("a", choice(0, SAT, "stop"), choice(1, SAT, "stop")),
                completion("b", choice(0, LAY, "stop")));
        assertThat(describe(comparison)).containsExactly("LENGTH /choices 2 1");
        assertThat(comparison.score().getAsDouble()).isCloseTo(SAT_LAY, within(1e-12));
        assertThat(chat(0.6).compare(completion("a"), completion("b", choice(0, SAT, "stop"))).score())
                .as("no choice in common, one side has some").hasValue(0);
    }

    @Test
    void noTextOnBothSidesScoresOneAndTextAgainstNoneZero() {
        Comparison none = chat(0.6).compare(completion("a", choice(0, null, "stop")),
                completion("b", choice(0, "", "stop")));
        assertThat(none.matches()).isTrue();
        assertThat(none.score()).hasValue(1);

        Comparison one = chat(0.6).compare(completion("a", choice(0, null, "stop")),
                completion("b", choice(0, SAT, "stop")));
        assertThat(one.score()).hasValue(0);
        assertThat(describe(one)).containsExactly("SIMILARITY /choices/0/message/content "
                + "{\"text\":null,\"score\":0.0,\"metric\":\"rouge-l\"} "
                + "{\"text\":\"" + SAT + "\",\"score\":0.0,\"metric\":\"rouge-l\"}");
    }

    @Test
    void toolCallsAreComparedStructurally() {
        String weather = call("call_1", "weather", "{\"city\":\"Oslo\",\"days\":3}");
        // Another id, the keys in another order, other spacing: the same call.
        String same = call("call_9", "weather", "{ \"days\": 3, \"city\": \"Oslo\" }");
        Comparison equal = chat(0.6).compare(completion("a", toolChoice("[" + weather + "]")),
                completion("b", toolChoice("[" + same + "]")));
        assertThat(equal.matches()).isTrue();
        assertThat(equal.score()).as("no text on either side").hasValue(1);

        assertThat(describe(chat(0.6).compare(completion("a", toolChoice("[" + weather + "]")),
                completion("b", toolChoice("[" + call("c", "forecast", "{\"city\":\"Bergen\",\"days\":3}") + "]")))))
                .containsExactly("VALUE /choices/0/message/tool_calls/0/function/name \"weather\" \"forecast\"",
                        "VALUE /choices/0/message/tool_calls/0/function/arguments/city \"Oslo\" \"Bergen\"");

        assertThat(describe(chat(0.6).compare(completion("a", toolChoice("[" + weather + "]")),
                completion("b", toolChoice("[" + weather + "," + weather + "]")))))
                .containsExactly("LENGTH /choices/0/message/tool_calls 1 2");

        assertThat(describe(chat(0.6).compare(completion("a", toolChoice("[" + call("c", "f", "{oops") + "]")),
                completion("b", toolChoice("[" + call("c", "f", "{oops!") + "]")))))
                .as("arguments that are not JSON are compared as strings")
                .containsExactly("VALUE /choices/0/message/tool_calls/0/function/arguments \"{oops\" \"{oops!\"");

        assertThat(describe(chat(0.6).compare(completion("a", choice(0, null, "stop")),
                completion("b", toolChoice("[" + weather + "]")))))
                .containsExactly("LENGTH /choices/0/message/tool_calls 0 1",
                        "VALUE /choices/0/finish_reason \"stop\" \"tool_calls\"");
    }

    @Test
    void toolCallArgumentsUseTheRoutesTolerances() {
        Answer stable = completion("a", toolChoice("[" + call("c", "f", "{\"t\":1.0}") + "]"));
        Answer candidate = completion("b", toolChoice("[" + call("c", "f", "{\"t\":1.05}") + "]"));
        assertThat(chat(Fixtures.tolerances(0.1, 0)).compare(stable, candidate).matches()).isTrue();
        assertThat(describe(chat(Fixtures.exact()).compare(stable, candidate)))
                .containsExactly("VALUE /choices/0/message/tool_calls/0/function/arguments/t 1.0 1.05");
    }

    @Test
    void aBodyThatIsNotAChatCompletionIsComparedAsBytesAndScoresZero() {
        Answer error = Fixtures.text(200, "upstream overloaded");
        Comparison comparison = chat(0.6).compare(error, completion("b", choice(0, SAT, "stop")));
        assertThat(comparison.score()).hasValue(0);
        assertThat(comparison.bytes()).isPresent();
        assertThat(comparison.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.path()).isEmpty();
            assertThat(difference.kind()).isEqualTo(Difference.Kind.VALUE);
            assertThat(difference.stable().textValue())
                    .isEqualTo("<not an OpenAI chat completion> upstream overloaded");
            assertThat(difference.candidate().textValue()).startsWith("{\"id\":\"b\"");
        });
        Comparison same = chat(0.6).compare(json("{\"error\":{\"message\":\"x\"}}"), json("{\"error\":{\"message\":\"x\"}}"));
        assertThat(same.matches()).isTrue();
        assertThat(same.score()).as("equal bodies, even unreadable ones, agree").hasValue(1);
    }

    @Test
    void completionsCompareChoicesText() {
        Comparer completions = Routes.comparer(ComparatorKind.OPENAI_COMPLETIONS, TextMetric.ROUGE_L, 0.9);
        Comparison comparison = completions.compare(
                json("{\"id\":\"x\",\"choices\":[{\"index\":0,\"text\":\"" + SAT + "\",\"finish_reason\":\"stop\"}]}"),
                json("{\"id\":\"y\",\"choices\":[{\"index\":0,\"text\":\"" + LAY + "\",\"finish_reason\":\"length\"}]}"));
        assertThat(comparison.score().getAsDouble()).isCloseTo(SAT_LAY, within(1e-12));
        assertThat(comparison.differences()).extracting(Difference::kind, Difference::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Difference.Kind.SIMILARITY, "/choices/0/text"),
                org.assertj.core.groups.Tuple.tuple(Difference.Kind.VALUE, "/choices/0/finish_reason"));
    }

    @Test
    void allChoicesAreEmbeddedInOneCall() {
        List<List<String>> calls = new ArrayList<>();
        TextEmbedder embedder = texts -> {
            calls.add(texts);
            return texts.stream().map(text -> new float[] {1, text.length()}).toList();
        };
        Comparer comparer = Comparers.of(Routes.route(ComparatorKind.OPENAI_CHAT, TextMetric.EMBEDDING, 0.5), embedder);
        Comparison comparison = comparer.compare(
                completion("a", choice(0, "ab", "stop"), choice(1, "abc", "stop"), choice(2, null, "stop")),
                completion("b", choice(0, "ab", "stop"), choice(1, "xyz", "stop"), choice(2, null, "stop")));
        assertThat(calls).containsExactly(List.of("ab", "ab", "abc", "xyz"));
        assertThat(comparison.score()).hasValue(1);
    }
}
