package io.shadowgate.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowgate.config.ComparatorKind;
import io.shadowgate.config.CompareConfig;
import io.shadowgate.config.EmbeddingsConfig;
import io.shadowgate.config.RouteCompareConfig;
import io.shadowgate.config.RouteConfig;
import io.shadowgate.config.RouteMatch;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.config.TextCompareConfig;
import io.shadowgate.config.TextMetric;
import io.shadowgate.sample.SampleModelOptions;
import io.shadowgate.sample.SampleModelServer;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.ShadowCounts;
import io.shadowgate.testing.TestConfigs;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code text.metric: embedding}: the comparison thread asks an OpenAI embeddings endpoint (the
 * sample model's, on loopback) for both texts of each pair and scores their cosine. An endpoint
 * that does not answer leaves the pair not compared (skipped), never judged on a guess.
 */
class EmbeddingMetricTest {
    private static final String CHAT = "/v1/chat/completions";

    private final HttpClient client = Http1.client();
    private SampleModelServer stable;
    private SampleModelServer candidate;
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();

    @AfterEach
    void stopModels() {
        if (stable != null) {
            stable.close();
        }
        if (candidate != null) {
            candidate.close();
        }
    }

    private void startModels() {
        SampleModelOptions options = SampleModelOptions.defaults().withPort(0).withHost("127.0.0.1")
                .withTokenDelay(Duration.ofMillis(1));
        stable = SampleModelServer.start(options);
        candidate = SampleModelServer.start(options);
    }

    private void startGateway(URI embeddings) throws Exception {
        CompareConfig compare = TestConfigs.compare(0, List.of());
        ShadowgateConfig mirrored = TestConfigs.mirrored(stable.baseUrl(), Map.of(), candidate.baseUrl(), Map.of(),
                Duration.ofSeconds(10), TestConfigs.shadow(100, 64), compare);
        RouteConfig chat = new RouteConfig(Optional.of("chat"), new RouteMatch(CHAT, Optional.empty()),
                new RouteCompareConfig(ComparatorKind.OPENAI_CHAT, compare,
                        new TextCompareConfig(TextMetric.EMBEDDING, 0.8, 8192),
                        Optional.of(new EmbeddingsConfig(embeddings, "sample", Duration.ofSeconds(2)))));
        gateway.start(mirrored.withRoutes(List.of(chat)));
    }

    private void chat(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(gateway.proxyUri(CHAT))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true,\"max_tokens\":16,\"temperature\":0,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"The fox and the grapes " + i + "\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ShadowCounts.of(gateway.scrape()).ended() == count);
    }

    private double metric(String name, Map<String, String> labels) {
        return Scrapes.value(gateway.scrape(), name, labels);
    }

    @Test
    void identicalTextsScoreACosineOfOneThroughTheEmbeddingsEndpoint() throws Exception {
        startModels();
        startGateway(URI.create(stable.baseUrl() + "/v1/embeddings"));

        chat(10);

        assertThat(metric("shadowgate_comparisons_total", Map.of("route", "chat", "result", "match"))).isEqualTo(10);
        assertThat(metric("shadowgate_shadow_requests_total", Map.of("route", "chat", "outcome", "compared")))
                .isEqualTo(10);
        assertThat(metric("shadowgate_requests_total", Map.of("upstream", "stable", "role", "primary", "status", "2xx")))
                .as("the embeddings requests do not pass through the proxy").isEqualTo(10);
    }

    @Test
    void anEmbeddingsEndpointThatIsDownLeavesThePairsNotCompared() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        startModels();
        startGateway(URI.create("http://127.0.0.1:" + closed + "/v1/embeddings"));

        chat(5);

        assertThat(metric("shadowgate_shadow_requests_total", Map.of("route", "chat", "outcome", "skipped")))
                .isEqualTo(5);
        assertThat(metric("shadowgate_comparisons_total", Map.of("route", "chat", "result", "mismatch"))).isZero();
        assertThat(metric("shadowgate_comparisons_total", Map.of("route", "chat", "result", "match"))).isZero();
    }
}
