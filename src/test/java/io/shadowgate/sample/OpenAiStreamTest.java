package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streamed completions against a real server: every event parsed, the deltas against the
 * non-streamed answer, and the token events written as separate HTTP chunks on a schedule (two
 * streams on a one-thread server interleave instead of one waiting for the other).
 */
class OpenAiStreamTest {
    private static SampleModelServer server;

    @BeforeAll
    static void start() {
        server = SampleModelServer.start(SampleModelOptions.defaults().withPort(0).withTokenDelay(Duration.ofMillis(15))
                .withFirstTokenDelay(Duration.ofMillis(30)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void chatStreamHasOpenAisChunksAndEndsWithDone() throws Exception {
        String request = "{\"model\":\"fables-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Once there was a\"}],"
                + "\"seed\":3,\"temperature\":0.9,\"max_tokens\":20";
        HttpResponse<String> response = TestHttp.post(server.baseUrl() + "/v1/chat/completions", request + ",\"stream\":true}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
        List<String> events = ServerSentEvents.data(response.body());
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        String id = null;
        String finish = null;
        for (int i = 0; i < events.size() - 1; i++) {
            JsonNode chunk = TestHttp.JSON.readTree(events.get(i));
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("model").asText()).isEqualTo("fables-1");
            assertThat(chunk.get("id").asText()).isEqualTo(id == null ? (id = chunk.get("id").asText()) : id);
            JsonNode choice = chunk.get("choices").get(0);
            assertThat(choice.get("index").asInt()).isZero();
            JsonNode delta = choice.get("delta");
            assertThat(delta.has("role")).isEqualTo(i == 0);
            if (i == 0) {
                assertThat(delta.get("role").asText()).isEqualTo("assistant");
            }
            if (i < events.size() - 2) {
                assertThat(choice.get("finish_reason").isNull()).isTrue();
                text.append(delta.get("content").asText());
            } else {
                assertThat(delta.isEmpty()).isTrue();
                finish = choice.get("finish_reason").asText();
            }
        }
        JsonNode whole = TestHttp.json(TestHttp.post(server.baseUrl() + "/v1/chat/completions", request + "}"));
        assertThat(text.toString()).isEqualTo(whole.get("choices").get(0).get("message").get("content").asText());
        assertThat(finish).isEqualTo(whole.get("choices").get(0).get("finish_reason").asText());
        assertThat(events).hasSize(whole.get("usage").get("completion_tokens").asInt() + 2);
    }

    @Test
    void completionStreamWithChoicesAndUsage() throws Exception {
        HttpResponse<String> response = TestHttp.post(server.baseUrl() + "/v1/completions", """
                {"prompt":"Once there was a","seed":8,"n":2,"max_tokens":6,"min_tokens":6,"stream":true,
                 "stream_options":{"include_usage":true}}""");
        List<String> events = ServerSentEvents.data(response.body());
        // 2 choices x 6 tokens, a finish chunk per choice, the usage chunk and [DONE].
        assertThat(events).hasSize(12 + 2 + 1 + 1);
        StringBuilder[] texts = {new StringBuilder(), new StringBuilder()};
        for (int i = 0; i < 14; i++) {
            JsonNode chunk = TestHttp.JSON.readTree(events.get(i));
            assertThat(chunk.get("object").asText()).isEqualTo("text_completion");
            JsonNode choice = chunk.get("choices").get(0);
            int index = choice.get("index").asInt();
            // Tokens interleave choice by choice.
            assertThat(index).isEqualTo(i % 2);
            texts[index].append(choice.get("text").asText());
            assertThat(choice.get("finish_reason").isNull()).isEqualTo(i < 12);
            if (i >= 12) {
                assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
            }
        }
        assertThat(texts[0].toString().split(" ")).hasSize(6);
        assertThat(texts[1].toString().split(" ")).hasSize(6);
        JsonNode usage = TestHttp.JSON.readTree(events.get(14));
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.get("usage").get("completion_tokens").asInt()).isEqualTo(12);
        assertThat(usage.get("usage").get("prompt_tokens").asInt()).isEqualTo(4);
        assertThat(events.get(15)).isEqualTo("[DONE]");
    }

    @Test
    void twoStreamsOnOneEventLoopInterleaveTheirChunks() throws Exception {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"The Fox\"}],\"temperature\":0,"
                + "\"max_tokens\":30,\"min_tokens\":30,\"stream\":true}";
        AtomicInteger clock = new AtomicInteger();
        ChunkRecorder a = new ChunkRecorder(clock);
        ChunkRecorder b = new ChunkRecorder(clock);
        CompletableFuture<HttpResponse<Void>> first = send(body, a);
        CompletableFuture<HttpResponse<Void>> second = send(body, b);
        assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        a.done.get(20, TimeUnit.SECONDS);
        b.done.get(20, TimeUnit.SECONDS);

        List<String> eventsA = ServerSentEvents.data(a.body());
        assertThat(eventsA).hasSize(30 + 2);
        assertThat(ServerSentEvents.data(b.body())).isEqualTo(replaceIds(eventsA, b.body()));
        // Each token event went out as its own flushed chunk after a scheduled delay, so the body
        // arrives in many pieces; and neither stream waited for the other to finish.
        assertThat(a.ticks).hasSizeGreaterThan(10);
        assertThat(b.ticks).hasSizeGreaterThan(10);
        assertThat(a.ticks.get(0)).isLessThan(b.ticks.get(b.ticks.size() - 1));
        assertThat(b.ticks.get(0)).isLessThan(a.ticks.get(a.ticks.size() - 1));
    }

    /** {@code events} with the completion id of {@code otherBody}, which is the only thing that may differ. */
    private static List<String> replaceIds(List<String> events, String otherBody) throws Exception {
        String idA = TestHttp.JSON.readTree(events.get(0)).get("id").asText();
        String idB = TestHttp.JSON.readTree(ServerSentEvents.data(otherBody).get(0)).get("id").asText();
        List<String> out = new ArrayList<>();
        for (String e : events) {
            out.add(e.replace(idA, idB).replaceAll("\"created\":\\d+", "\"created\":"
                    + TestHttp.JSON.readTree(ServerSentEvents.data(otherBody).get(0)).get("created").asLong()));
        }
        return out;
    }

    private static CompletableFuture<HttpResponse<Void>> send(String body, ChunkRecorder recorder) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return TestHttp.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.fromSubscriber(recorder));
    }

    /** Collects a body and, for each piece the client hands over, a tick of a clock shared by two streams. */
    private static final class ChunkRecorder implements Flow.Subscriber<List<ByteBuffer>> {
        final AtomicInteger clock;
        final List<Integer> ticks = new ArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();

        ChunkRecorder(AtomicInteger clock) {
            this.clock = clock;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> item) {
            int tick = clock.incrementAndGet();
            for (ByteBuffer buffer : item) {
                if (buffer.hasRemaining()) {
                    byte[] b = new byte[buffer.remaining()];
                    buffer.get(b);
                    raw.write(b, 0, b.length);
                }
            }
            ticks.add(tick);
        }

        @Override
        public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }

        synchronized String body() {
            return raw.toString(StandardCharsets.UTF_8);
        }
    }
}
