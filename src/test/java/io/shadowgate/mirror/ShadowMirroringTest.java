package io.shadowgate.mirror;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.LoopbackWireMock;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.ShadowCounts;
import io.shadowgate.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real gateway between two WireMock models: the client sees stable, the candidate gets a marked copy, the pair is compared. */
class ShadowMirroringTest {
    @RegisterExtension
    static WireMockExtension stable = LoopbackWireMock.extension();
    @RegisterExtension
    static WireMockExtension candidate = LoopbackWireMock.extension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{\"input_data\":{\"data\":[[1,2],[3,4],[5,6]]},\"user\":\"alice\"}";

    private final HttpClient client = Http1.client();
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();

    private void start(ShadowgateConfig config) throws Exception {
        gateway.start(config);
    }

    private static ShadowgateConfig config(double noisePercent, List<String> redact) {
        return TestConfigs.mirrored(LoopbackWireMock.url(stable), Map.of("Authorization", "Bearer stable-secret"),
                LoopbackWireMock.url(candidate), Map.of("azureml-model-deployment", "green"), Duration.ofSeconds(5),
                TestConfigs.shadow(100, 64), TestConfigs.compare(noisePercent, redact));
    }

    private static void answer(WireMockExtension model, String body) {
        model.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private HttpResponse<String> score(String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score?v=1"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer client-token")
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String scrape() {
        return gateway.metrics().scrape();
    }

    private ShadowCounts awaitEnded(int sampled) {
        await().atMost(Duration.ofSeconds(10)).until(() -> ShadowCounts.of(scrape()).ended() == sampled);
        return ShadowCounts.of(scrape()).assertIdentity();
    }

    private JsonNode admin(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.adminPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void theClientGetsStableWhileTheCandidateGetsAMarkedCopyWithItsOwnHeaders() throws Exception {
        answer(stable, "{\"predictions\":[0,1,2]}");
        answer(candidate, "{\"predictions\":[0,1,2]}");
        start(config(0, List.of()));

        HttpResponse<String> response = score("req-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"predictions\":[0,1,2]}");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> candidate.findAll(postRequestedFor(urlEqualTo("/score?v=1"))).size() == 1);
        LoggedRequest copy = candidate.findAll(postRequestedFor(urlEqualTo("/score?v=1"))).get(0);
        assertThat(copy.getBodyAsString()).isEqualTo(BODY);
        assertThat(copy.getHeader("X-Request-Id")).isEqualTo("req-1");
        assertThat(copy.getHeader("X-Shadowgate-Shadow")).isEqualTo("1");
        assertThat(copy.getHeader("azureml-model-deployment")).isEqualTo("green");
        assertThat(copy.getHeader("Authorization")).as("stable's credentials never reach the candidate")
                .isEqualTo("Bearer client-token");
        assertThat(copy.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(copy.getHeader("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(copy.getHeader("Host")).isEqualTo("127.0.0.1:" + candidate.getPort());
        LoggedRequest primary = stable.findAll(postRequestedFor(urlEqualTo("/score?v=1"))).get(0);
        assertThat(primary.getHeader("Authorization")).isEqualTo("Bearer stable-secret");
        assertThat(primary.containsHeader("X-Shadowgate-Shadow")).isFalse();
        assertThat(primary.containsHeader("azureml-model-deployment")).isFalse();

        ShadowCounts counts = awaitEnded(1);
        assertThat(counts.compared()).isEqualTo(1);
        String scrape = scrape();
        assertThat(Scrapes.value(scrape, "shadowgate_comparisons_total", Map.of("result", "match"))).isEqualTo(1);
        assertThat(Scrapes.value(scrape, "shadowgate_compared_rows_total", Map.of("result", "match"))).isEqualTo(3);
        assertThat(Scrapes.value(scrape, "shadowgate_match_rate", Map.of())).isEqualTo(1.0);
        assertThat(Scrapes.value(scrape, "shadowgate_latency_ratio_count", Map.of())).isEqualTo(1);
        assertThat(Scrapes.value(scrape, "shadowgate_requests_total",
                Map.of("upstream", "candidate", "role", "shadow", "status", "2xx"))).isEqualTo(1);
        assertThat(Scrapes.value(scrape, "shadowgate_upstream_latency_seconds_count",
                Map.of("upstream", "candidate", "role", "shadow"))).isEqualTo(1);
        assertThat(Scrapes.value(scrape, "shadowgate_upstream_first_byte_seconds_count",
                Map.of("upstream", "candidate", "role", "shadow", "route", "default"))).isEqualTo(1);

        JsonNode status = admin("/status").path("upstreams").path("candidate");
        assertThat(status.path("url").asText()).isEqualTo(LoopbackWireMock.url(candidate));
        assertThat(status.path("shadowPercent").asDouble()).isEqualTo(100.0);
        assertThat(status.path("shadowInFlight").asInt()).isZero();
        assertThat(status.path("matchRate").asDouble()).isEqualTo(1.0);
        assertThat(status.toString()).doesNotContain("green"); // configured header values stay out of /status
    }

    @Test
    void differingPredictionsAreCountedByRowAndPathAndKeptAsRedactedSamples() throws Exception {
        answer(stable, "{\"predictions\":[0,1,2]}");
        answer(candidate, "{\"predictions\":[0,1,1]}");
        start(config(0, List.of("/user")));

        for (int i = 0; i < 3; i++) {
            assertThat(score("req-" + i).body()).isEqualTo("{\"predictions\":[0,1,2]}");
        }

        awaitEnded(3);
        String scrape = scrape();
        assertThat(Scrapes.value(scrape, "shadowgate_comparisons_total", Map.of("result", "mismatch"))).isEqualTo(3);
        assertThat(Scrapes.value(scrape, "shadowgate_compared_rows_total", Map.of("result", "match"))).isEqualTo(6);
        assertThat(Scrapes.value(scrape, "shadowgate_compared_rows_total", Map.of("result", "mismatch"))).isEqualTo(3);
        assertThat(Scrapes.value(scrape, "shadowgate_mismatch_paths_total", Map.of("path", "/predictions/*"))).isEqualTo(3);
        assertThat(Scrapes.value(scrape, "shadowgate_match_rate", Map.of())).isEqualTo(0.0);

        JsonNode samples = admin("/mismatches?limit=2");
        assertThat(samples.path("count").asInt()).isEqualTo(2);
        JsonNode newest = samples.path("mismatches").get(0);
        // Comparisons end in the order the shadows answer, not the order the requests were sent.
        assertThat(newest.path("requestId").asText()).isIn("req-0", "req-1", "req-2");
        assertThat(samples.path("mismatches").get(1).path("requestId").asText())
                .isIn("req-0", "req-1", "req-2").isNotEqualTo(newest.path("requestId").asText());
        assertThat(newest.path("method").asText()).isEqualTo("POST");
        assertThat(newest.path("path").asText()).isEqualTo("/score?v=<redacted>");
        assertThat(newest.path("stable").path("status").asInt()).isEqualTo(200);
        assertThat(newest.path("candidate").path("status").asInt()).isEqualTo(200);
        assertThat(newest.path("candidate").path("latencyMs").asDouble()).isPositive();
        JsonNode difference = newest.path("differences").get(0);
        assertThat(difference.path("path").asText()).isEqualTo("/predictions/2");
        assertThat(difference.path("kind").asText()).isEqualTo("value");
        assertThat(difference.path("stable").asInt()).isEqualTo(2);
        assertThat(difference.path("candidate").asInt()).isEqualTo(1);
        assertThat(newest.path("requestBody").path("user").asText()).isEqualTo("<redacted>");
        assertThat(newest.path("requestBody").path("input_data").path("data").get(2).get(1).asInt()).isEqualTo(6);

        JsonNode summary = admin("/mismatches/summary");
        assertThat(summary.path("matchRate").path("comparisons").asInt()).isEqualTo(3);
        assertThat(summary.path("matchRate").path("rate").asDouble()).isEqualTo(0.0);
        assertThat(summary.path("matchRate").path("windowSeconds").asInt()).isEqualTo(300);
        assertThat(summary.path("differences").get(0).path("path").asText()).isEqualTo("/predictions/*");
        assertThat(summary.path("differences").get(0).path("kind").asText()).isEqualTo("value");
        assertThat(summary.path("differences").get(0).path("count").asInt()).isEqualTo(3);
    }
}
