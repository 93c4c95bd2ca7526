package io.shadowgate.mirror;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.LoopbackWireMock;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.StubModel;
import io.shadowgate.testing.ShadowCounts;
import io.shadowgate.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The noise baseline: with {@code noisePercent: 100} every mirrored request also goes to stable a
 * second time. A stable model that answers differently each time shows up as noise, counted apart
 * from the candidate's comparisons, and its paths are reported as noisy.
 */
class NoiseBaselineTest {
    @RegisterExtension
    static WireMockExtension candidate = LoopbackWireMock.extension();

    private final HttpClient client = Http1.client();
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();
    private StubModel stable;

    @AfterEach
    void stop() {
        if (stable != null) {
            stable.close();
        }
    }

    @Test
    void aNonDeterministicStableModelIsReportedAsNoiseNotBlamedOnTheCandidate() throws Exception {
        // Stable answers differently every time, so any two of its answers to one request differ.
        AtomicInteger calls = new AtomicInteger();
        stable = new StubModel(0, () -> "{\"predictions\":[" + calls.getAndIncrement() + ",1]}");
        candidate.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"predictions\":[0.25,1]}")));
        gateway.start(TestConfigs.mirrored(stable.url(), Map.of(), LoopbackWireMock.url(candidate), Map.of(),
                Duration.ofSeconds(5), TestConfigs.shadow(100, 64), TestConfigs.compare(100, List.of())));

        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            // One request at a time: both stable calls of a request land before the next request's.
            int sent = i + 1;
            await().atMost(Duration.ofSeconds(5)).until(() -> ShadowCounts.of(gateway.metrics().scrape()).ended() == sent);
        }

        String scrape = gateway.metrics().scrape();
        ShadowCounts.of(scrape).assertIdentity();
        assertThat(Scrapes.value(scrape, "shadowgate_noise_comparisons_total", Map.of("result", "mismatch"))).isEqualTo(6);
        assertThat(Scrapes.value(scrape, "shadowgate_noise_comparisons_total", Map.of("result", "match"))).isZero();
        // One noise copy per request, and on about half of them a second one to time stable against itself.
        assertThat(Scrapes.value(scrape, "shadowgate_requests_total",
                Map.of("upstream", "stable", "role", "noise", "status", "2xx"))).isBetween(6.0, 12.0);
        assertThat(Scrapes.value(scrape, "shadowgate_shadow_sampled_total", Map.of()))
                .as("the noise copy is not a shadow request").isEqualTo(6);

        HttpResponse<String> summary = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.adminPort() + "/mismatches/summary")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode noise = new ObjectMapper().readTree(summary.body()).path("noise");
        assertThat(noise.path("comparisons").asInt()).isEqualTo(6);
        assertThat(noise.path("mismatches").asInt()).isEqualTo(6);
        assertThat(noise.path("noisyPaths").get(0).path("path").asText()).isEqualTo("/predictions/*");
        assertThat(noise.path("noisyPaths").get(0).path("count").asInt()).isEqualTo(6);
    }
}
