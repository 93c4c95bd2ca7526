package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.shadowgate.config.ComparatorKind;
import io.shadowgate.config.TextMetric;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Event streams put back together: the WHATWG parsing rules, OpenAI chunks, malformed streams, token times. */
class StreamAssemblerTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String body(AssembledAnswer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static AssembledAnswer chat(String stream) {
        return StreamAssembler.assemble(bytes(stream), Arrivals.NONE, StreamFormat.OPENAI_CHAT);
    }

    private static AssembledAnswer lines(String stream) {
        return StreamAssembler.assemble(bytes(stream), Arrivals.NONE, StreamFormat.DATA_LINES);
    }

    private static String delta(String delta) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"finish_reason\":null}]}\n\n";
    }

    private static final String FINISH = "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";

    @Test
    void anOpenAiChatStreamBecomesTheUnstreamedAnswer() {
        AssembledAnswer answer = chat(delta("{\"role\":\"assistant\",\"content\":\"\"}") + delta("{\"content\":\"Hel\"}")
                + delta("{\"content\":\"lo\"}") + FINISH + "data: [DONE]\n\n" + delta("{\"content\":\" after done\"}"));
        assertThat(body(answer)).isEqualTo("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"Hello\"},\"finish_reason\":\"stop\"}]}");
        assertThat(answer.json()).isTrue();
        assertThat(answer.malformed()).isEmpty();
        assertThat(answer.tokens()).as("the role-only event carries no token").isEqualTo(2);
        assertThat(answer.firstTokenNanos()).as("no arrivals").isEqualTo(-1);
        assertThat(answer.meanInterTokenNanos()).isEqualTo(-1);
        assertThat(answer.answer(200)).isEqualTo(new Answer(200, true, answer.body()));
    }

    @Test
    void anAssembledStreamComparesEqualToTheSameAnswerUnstreamed() {
        AssembledAnswer streamed = chat(delta("{\"role\":\"assistant\",\"content\":\"Hi\"}") + FINISH + "data: [DONE]\n\n");
        Answer whole = Fixtures.json("{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"total_tokens\":3}}");
        Comparison comparison = Routes.comparer(ComparatorKind.OPENAI_CHAT, TextMetric.EDIT, 1)
                .compare(whole, streamed.answer(200));
        assertThat(comparison.matches()).isTrue();
        assertThat(comparison.score()).hasValue(1);
    }

    @Test
    void severalChoicesAndToolCallsAreFoldedByIndex() {
        String stream = "data: {\"choices\":[{\"index\":1,\"delta\":{\"role\":\"assistant\",\"content\":\"B\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,"
                + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_2\","
                + "\"function\":{\"name\":\"time\",\"arguments\":\"{}\"}}]}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                + "\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                + "\"function\":{\"name\":\"ignored\",\"arguments\":\"\\\"Oslo\\\"}\"}}]}}]}\n\n"
                + "data: {\"choices\":[{\"index\":1,\"delta\":{\"content\":\"C\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
                + "data: [DONE]\n\n";
        AssembledAnswer answer = chat(stream);
        assertThat(body(answer)).isEqualTo("{\"choices\":["
                + "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}},"
                + "{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"time\",\"arguments\":\"{}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"},"
                + "{\"index\":1,\"message\":{\"role\":\"assistant\",\"content\":\"BC\"},\"finish_reason\":\"stop\"}]}");
        assertThat(answer.tokens()).as("every event with text or a tool call delta").isEqualTo(6);
        assertThat(answer.malformed()).isEmpty();
    }

    @Test
    void aCompletionsStreamConcatenatesText() {
        String stream = "data: {\"choices\":[{\"index\":0,\"text\":\"Once\",\"finish_reason\":null}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"text\":\" upon\",\"finish_reason\":\"length\"}]}\n\n"
                + "data: [DONE]\n\n";
        AssembledAnswer answer = StreamAssembler.assemble(bytes(stream), Arrivals.NONE, StreamFormat.OPENAI_COMPLETIONS);
        assertThat(body(answer)).isEqualTo(
                "{\"choices\":[{\"index\":0,\"text\":\"Once upon\",\"finish_reason\":\"length\"}]}");
        assertThat(answer.tokens()).isEqualTo(2);
    }

    /** Line ends, comments, the one space after the colon, fields that are not data, multi-line data. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            LF                        | 'data: a\\n\\ndata: b\\n\\n'                  | 'a\\nb'
            CRLF                      | 'data: a\\r\\n\\r\\ndata: b\\r\\n\\r\\n'      | 'a\\nb'
            CR                        | 'data: a\\r\\rdata: b\\r\\r'                  | 'a\\nb'
            comments                  | ': keep-alive\\n\\ndata: a\\n: x\\n\\n'       | a
            no space                  | 'data:a\\n\\n'                                | a
            only one space removed    | 'data:  a\\n\\n'                              | ' a'
            data lines joined         | 'data: a\\ndata: b\\n\\n'                     | 'a\\nb'
            other fields              | 'event: x\\nid: 7\\nretry: 10\\ndata: a\\n\\n' | a
            event without data        | 'event: ping\\n\\ndata: a\\n\\n'              | a
            empty data is an event    | 'data\\n\\ndata: a\\n\\n'                     | '\\na'
            not the data field        | 'datum: x\\ndata: a\\n\\n'                    | a
            no final blank line       | 'data: a\\n\\ndata: b'                        | 'a\\nb'
            byte order mark           | '\\uFEFFdata: a\\n\\n'                        | a
            """)
    void serverSentEventsAsTheStandardReadsThem(String name, String stream, String data) {
        AssembledAnswer answer = lines(unescape(stream));
        assertThat(body(answer)).isEqualTo(unescape(data));
        assertThat(answer.json()).isFalse();
        assertThat(answer.malformed()).isEmpty();
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n").replace("\\r", "\r").replace("\\uFEFF", "\uFEFF");
    }

    @Test
    void dataLinesThatMakeOneJsonValueAreJson() {
        AssembledAnswer single = lines("data: {\"predictions\":[1]}\n\n");
        assertThat(single.json()).isTrue();
        assertThat(body(single)).isEqualTo("{\"predictions\":[1]}");
        assertThat(lines("data: {\"a\":1}\n\ndata: {\"a\":2}\n\n").json()).as("two values are not one").isFalse();
    }

    @Test
    void aFinalEventWithoutABlankLineStillCounts() {
        AssembledAnswer answer = chat(delta("{\"content\":\"a\"}") + delta("{\"content\":\"b\"}").strip());
        assertThat(body(answer)).contains("\"content\":\"ab\"");
        assertThat(answer.malformed()).isEmpty();
        assertThat(answer.tokens()).isEqualTo(2);
    }

    @Test
    void malformedStreamsAreReportedNotThrown() {
        AssembledAnswer notJson = chat(delta("{\"content\":\"a\"}") + "data: {oops\n\n" + delta("{\"content\":\"b\"}"));
        assertThat(notJson.malformed()).hasValue("event 2 is not JSON");
        assertThat(body(notJson)).as("assembled from what parsed").contains("\"content\":\"ab\"");

        AssembledAnswer truncated = chat(delta("{\"content\":\"a\"}") + "data: {\"choices\":[{\"index\":0,\"del");
        assertThat(truncated.malformed()).hasValue("truncated final event");
        assertThat(body(truncated)).contains("\"content\":\"a\"");

        AssembledAnswer empty = chat("");
        assertThat(empty.malformed()).hasValue("no events");
        assertThat(body(empty)).isEqualTo("{\"choices\":[]}");
        assertThat(lines(": only a comment\n\n").malformed()).hasValue("no events");
        assertThat(lines("{\"not\":\"a stream\"}").malformed()).hasValue("no events");
    }

    @Test
    void aCharacterSplitBetweenTwoPiecesSurvives() {
        String stream = delta("{\"content\":\"caf\u00e9 \u65e5\u672c\"}");
        byte[] body = bytes(stream);
        int e9 = stream.indexOf('\u00e9');
        int split = bytes(stream.substring(0, e9)).length + 1; // between the two bytes of é (C3 A9)
        int splitCjk = bytes(stream.substring(0, stream.indexOf('\u65e5'))).length + 2; // inside 日's three bytes
        Arrivals arrivals = new Arrivals(new int[] {split, splitCjk, body.length}, new long[] {10, 20, 30});
        AssembledAnswer answer = StreamAssembler.assemble(body, arrivals, StreamFormat.OPENAI_CHAT);
        assertThat(body(answer)).contains("\"content\":\"caf\u00e9 \u65e5\u672c\"");
        assertThat(body(StreamAssembler.assemble(bytes("data: \u00e9\u00e9\n\n"), new Arrivals(new int[] {7, 11},
                new long[] {1, 2}), StreamFormat.DATA_LINES))).isEqualTo("\u00e9\u00e9");
    }

    @Test
    void tokensAreTimedWhenTheLastByteOfTheirEventArrived() {
        String role = delta("{\"role\":\"assistant\"}");
        String first = delta("{\"content\":\"a\"}");
        String second = delta("{\"content\":\"b\"}");
        String third = delta("{\"content\":\"c\"}");
        int roleEnd = bytes(role).length;
        int firstEnd = roleEnd + bytes(first).length;
        int secondEnd = firstEnd + bytes(second).length;
        byte[] body = bytes(role + first + second + third + "data: [DONE]\n\n");
        // Pieces: the role event; the first event but its final line feed; that line feed with the
        // second event; the rest.
        Arrivals arrivals = new Arrivals(new int[] {roleEnd, firstEnd - 1, secondEnd, body.length},
                new long[] {100, 200, 350, 700});
        AssembledAnswer answer = StreamAssembler.assemble(body, arrivals, StreamFormat.OPENAI_CHAT);
        assertThat(answer.tokens()).isEqualTo(3);
        assertThat(answer.firstTokenNanos()).as("the first event's blank line came with the third piece").isEqualTo(350);
        // tokens at 350, 350, 700: (700 - 350) / 2
        assertThat(answer.meanInterTokenNanos()).isEqualTo(175);

        AssembledAnswer one = StreamAssembler.assemble(bytes(role + first), new Arrivals(new int[] {roleEnd + bytes(first).length},
                new long[] {42}), StreamFormat.OPENAI_CHAT);
        assertThat(one.firstTokenNanos()).isEqualTo(42);
        assertThat(one.meanInterTokenNanos()).as("one token has no inter-token time").isEqualTo(-1);

        AssembledAnswer data = StreamAssembler.assemble(bytes("data: a\n\ndata: b\n\n"),
                new Arrivals(new int[] {9, 18}, new long[] {5, 9}), StreamFormat.DATA_LINES);
        assertThat(data.tokens()).isEqualTo(2);
        assertThat(data.firstTokenNanos()).isEqualTo(5);
        assertThat(data.meanInterTokenNanos()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(StreamFormat.class)
    void randomBytesNeverThrow(StreamFormat format) {
        Random random = new Random(15);
        String[] pieces = {"data: ", "data:", "\n", "\r\n", "\r", ":", "{", "}", "[", "]", "\"", "choices", "delta",
                "content", "tool_calls", "index", "-1", "99999999999", ",", "null", "[DONE]", "é", "\u00ff"};
        for (int i = 0; i < 2000; i++) {
            byte[] body;
            if (i % 2 == 0) {
                body = new byte[random.nextInt(200)];
                random.nextBytes(body);
            } else {
                StringBuilder text = new StringBuilder();
                for (int j = random.nextInt(60); j > 0; j--) {
                    text.append(pieces[random.nextInt(pieces.length)]);
                }
                body = bytes(text.toString());
            }
            byte[] input = body;
            Arrivals arrivals = input.length == 0 ? Arrivals.NONE
                    : new Arrivals(new int[] {input.length / 2, input.length}, new long[] {1, 2});
            assertThatCode(() -> {
                AssembledAnswer answer = StreamAssembler.assemble(input, arrivals, format);
                assertThat(answer.body()).isNotNull();
                assertThat(answer.tokens()).isGreaterThanOrEqualTo(0);
            }).doesNotThrowAnyException();
        }
    }

    @Test
    void eventStreamsAreKnownByTheirContentType() {
        assertThat(StreamAssembler.isEventStream("text/event-stream")).isTrue();
        assertThat(StreamAssembler.isEventStream(" Text/Event-Stream ; charset=utf-8")).isTrue();
        assertThat(StreamAssembler.isEventStream("application/json")).isFalse();
        assertThat(StreamAssembler.isEventStream("text/event-streams")).isFalse();
        assertThat(StreamAssembler.isEventStream(null)).isFalse();
    }

    @Test
    void theFormatFollowsTheComparator() {
        assertThat(StreamFormat.of(ComparatorKind.OPENAI_CHAT)).isEqualTo(StreamFormat.OPENAI_CHAT);
        assertThat(StreamFormat.of(ComparatorKind.OPENAI_COMPLETIONS)).isEqualTo(StreamFormat.OPENAI_COMPLETIONS);
        for (ComparatorKind other : new ComparatorKind[] {ComparatorKind.JSON, ComparatorKind.EXACT,
                ComparatorKind.TEXT, ComparatorKind.EMBEDDING_VECTORS, ComparatorKind.BINARY}) {
            assertThat(StreamFormat.of(other)).isEqualTo(StreamFormat.DATA_LINES);
        }
    }
}
