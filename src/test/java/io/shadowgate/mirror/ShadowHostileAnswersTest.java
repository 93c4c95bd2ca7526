package io.shadowgate.mirror;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.shadowgate.testing.ScriptedModel.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.shadowgate.config.ShadowConfig;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.LoopbackWireMock;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.ScriptedModel;
import io.shadowgate.testing.ParallelScoring;
import io.shadowgate.testing.ShadowCounts;
import io.shadowgate.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Shadow answers no well-behaved server sends, beyond those of {@link ShadowIsolationTest}: a body
 * cut short of its Content-Length, a body trickled past the shadow's timeout, an endless chunked
 * body, a large answer within the limit, and a storm of 5xx under concurrent load. In every case
 * each client gets stable's exact bytes, the primary counts no error, and every sampled request
 * ends in exactly one outcome (sampled = compared + shed + timeout + error + skipped).
 */
class ShadowHostileAnswersTest {
    @RegisterExtension
    static WireMockExtension stable = LoopbackWireMock.extension(40);
    @RegisterExtension
    static WireMockExtension candidate = LoopbackWireMock.extension(40);

    private static final String STABLE_ANSWER = "{\"predictions\":[0,1,2]}";

    private final HttpClient client = Http1.client();
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();

    private void start(String candidateUrl, Duration candidateTimeout, long maxBodyBytes) throws Exception {
        stable.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(STABLE_ANSWER)));
        gateway.start(TestConfigs.mirrored(LoopbackWireMock.url(stable), Map.of(), candidateUrl, Map.of(),
                candidateTimeout, new ShadowConfig(100, Optional.empty(), 64, maxBodyBytes),
                TestConfigs.compare(0, List.of())));
    }

    /** {@code n} requests, {@code parallel} at a time; every answer must be stable's, byte for byte. */
    private void sendAndExpectStable(int n, int parallel) throws Exception {
        ParallelScoring.expectEvery(client, gateway.proxyPort(), n, parallel, STABLE_ANSWER);
    }

    private String scrape() {
        return gateway.metrics().scrape();
    }

    private ShadowCounts awaitAllEnded(int sampled) {
        ShadowCounts counts = ShadowCounts.awaitEnded(this::scrape, sampled);
        assertThat(Scrapes.value(scrape(), "shadowgate_shadow_in_flight", Map.of())).isZero();
        assertThat(Scrapes.value(scrape(), "shadowgate_requests_total",
                Map.of("upstream", "stable", "role", "primary", "status", "error"))).isZero();
        return counts;
    }

    @Test
    void aBodyCutShortOfItsContentLengthIsAnError() throws Exception {
        try (ScriptedModel cut = new ScriptedModel(out -> out.write(bytes(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"predictions\":[0,")))) {
            start(cut.url(), Duration.ofSeconds(5), 1 << 20);
            sendAndExpectStable(10, 5);
            assertThat(awaitAllEnded(10).error()).isEqualTo(10);
        }
    }

    @Test
    void aBodyTrickledPastTheShadowTimeoutTimesOut() throws Exception {
        try (ScriptedModel trickle = new ScriptedModel(out -> {
            out.write(bytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"));
            for (int i = 0; i < 1000; i++) { // a byte every 50 ms: 50 s for the whole body
                out.write('1');
                out.flush();
                Thread.sleep(50);
            }
        })) {
            start(trickle.url(), Duration.ofMillis(800), 1 << 20);
            sendAndExpectStable(6, 3);
            assertThat(awaitAllEnded(6).timeout()).isEqualTo(6);
        }
    }

    /**
     * A chunked answer that never ends: the shadow client gives up at {@code maxBodyBytes} and closes
     * the connection, so the model could write only about the limit plus the socket buffers, far
     * from the 64 MiB it tried.
     */
    @Test
    void anEndlessChunkedAnswerIsCutAtTheLimitAndSkipped() throws Exception {
        AtomicLong written = new AtomicLong();
        byte[] chunk = bytes("10000\r\n" + "x".repeat(0x10000) + "\r\n");
        try (ScriptedModel endless = new ScriptedModel(out -> {
            out.write(bytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
            for (int i = 0; i < 1024; i++) {
                out.write(chunk);
                written.addAndGet(0x10000);
            }
        })) {
            start(endless.url(), Duration.ofSeconds(10), 1 << 20);
            sendAndExpectStable(4, 2);
            assertThat(awaitAllEnded(4).skipped()).isEqualTo(4);
            await().atMost(Duration.ofSeconds(5)).until(() -> endless.requests() == 4);
            assertThat(written.get()).as("bytes the model got out before the client hung up")
                    .isLessThan(4L * 16 * 1024 * 1024);
        }
    }

    @Test
    void aLargeAnswerWithinTheLimitIsCompared() throws Exception {
        StringBuilder large = new StringBuilder("{\"predictions\":[");
        for (int i = 0; i < 200_000; i++) {
            large.append(i == 0 ? "" : ",").append(i % 3);
        }
        large.append("]}"); // about 400 KB
        candidate.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(large.toString())));
        start(LoopbackWireMock.url(candidate), Duration.ofSeconds(10), 1 << 20);
        sendAndExpectStable(4, 2);
        ShadowCounts counts = awaitAllEnded(4);
        assertThat(counts.compared()).isEqualTo(4);
        assertThat(Scrapes.value(scrape(), "shadowgate_comparisons_total", Map.of("result", "mismatch")))
                .as("200,000 predictions against 3").isEqualTo(4);
    }

    @Test
    void aStormOf5xxUnderConcurrentLoadChangesNothingForClients() throws Exception {
        candidate.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));
        start(LoopbackWireMock.url(candidate), Duration.ofSeconds(5), 1 << 20);
        int requests = 200;
        sendAndExpectStable(requests, 20);
        ShadowCounts counts = awaitAllEnded(requests);
        assertThat(counts.compared() + counts.shed()).isEqualTo(requests);
        assertThat(Scrapes.value(scrape(), "shadowgate_comparisons_total", Map.of("result", "mismatch")))
                .isEqualTo(counts.compared());
        assertThat(Scrapes.value(scrape(), "shadowgate_requests_total",
                Map.of("upstream", "candidate", "role", "shadow", "status", "5xx"))).isEqualTo(counts.compared());
        assertThat(Scrapes.value(scrape(), "shadowgate_requests_total",
                Map.of("upstream", "stable", "role", "primary", "status", "2xx"))).isEqualTo(requests);
    }

    /**
     * A client's body that is not JSON reaches both sides byte for byte, and answers that are not
     * JSON are compared as bytes: the same text matches, a different one is a mismatch.
     */
    @Test
    void nonJsonBodiesAreMirroredAsTheyAreAndTheirAnswersComparedAsBytes() throws Exception {
        start(LoopbackWireMock.url(candidate), Duration.ofSeconds(5), 1 << 20);
        stable.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("label: 2")));
        candidate.stubFor(any(anyUrl()).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("same"))
                .willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("label: 2")));
        candidate.stubFor(any(anyUrl()).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("differ"))
                .willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("label: 3")));
        String[] bodies = {"{\"same\": [1, 2", "differ, and not JSON either"};
        for (String body : bodies) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("label: 2");
        }
        ShadowCounts counts = awaitAllEnded(2);
        assertThat(counts.compared()).isEqualTo(2);
        assertThat(Scrapes.value(scrape(), "shadowgate_comparisons_total", Map.of("result", "match"))).isEqualTo(1);
        assertThat(Scrapes.value(scrape(), "shadowgate_comparisons_total", Map.of("result", "mismatch"))).isEqualTo(1);
        List<String> mirrored = candidate.getAllServeEvents().stream()
                .map(event -> event.getRequest().getBodyAsString()).toList();
        assertThat(mirrored).containsExactlyInAnyOrder(bodies);
    }
}
