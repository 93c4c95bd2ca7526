package io.shadowgate.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.config.ComparatorKind;
import io.shadowgate.config.CompareConfig;
import io.shadowgate.config.LatencyMeasure;
import io.shadowgate.config.RolloutConfig;
import io.shadowgate.config.RouteCompareConfig;
import io.shadowgate.config.RouteConfig;
import io.shadowgate.config.RouteMatch;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.config.TextCompareConfig;
import io.shadowgate.rollout.Gates;
import io.shadowgate.sample.LlmDrift;
import io.shadowgate.sample.SampleModelOptions;
import io.shadowgate.sample.SampleModelServer;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.ShadowCounts;
import io.shadowgate.testing.TestConfigs;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A generative model behind the gateway, end to end: the sample model's OpenAI chat endpoint as
 * stable and as candidate, streamed answers, the route {@code chat} compared by {@code openai-chat}
 * with ROUGE-L, and the rollout's controller ticking every 100 ms with the default gates. The
 * candidates differ from stable in one way each, as the demo's do: none (greedy and sampling),
 * a drifted vocabulary, a slow first token.
 */
class LlmRolloutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/v1/chat/completions";
    private static final String[] PROMPTS = {
        "The fox and the grapes", "A wolf met a lamb", "The tortoise and the hare ran",
        "The lion was asleep", "A crow found a piece of cheese", "The ant worked all summer",
    };

    private final HttpClient client = Http1.client();
    private final List<SampleModelServer> models = new ArrayList<>();
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();

    @AfterEach
    void stopModels() {
        models.forEach(SampleModelServer::close);
    }

    private SampleModelServer model(UnaryOperator<SampleModelOptions> change) {
        SampleModelServer model = SampleModelServer.start(change.apply(SampleModelOptions.defaults().withPort(0)
                .withHost("127.0.0.1").withTokenDelay(Duration.ofMillis(1))));
        models.add(model);
        return model;
    }

    private void start(UnaryOperator<SampleModelOptions> candidateChange, LatencyMeasure measure) throws Exception {
        SampleModelServer stable = model(options -> options);
        SampleModelServer candidate = model(candidateChange);
        CompareConfig compare = TestConfigs.compare(100, List.of());
        ShadowgateConfig mirrored = TestConfigs.mirrored(stable.baseUrl(), Map.of(), candidate.baseUrl(), Map.of(),
                Duration.ofSeconds(10), TestConfigs.shadow(100, 64), compare);
        RolloutConfig r = mirrored.rollout();
        RolloutConfig.Gates g = r.gates();
        RolloutConfig rollout = new RolloutConfig(r.auto(), r.stages(), r.shadowBake(), r.bake(), r.maxBake(),
                r.onInconclusive(), r.minSamples(), r.confidence(),
                new RolloutConfig.Gates(g.minMatchRate(), g.maxErrorRateIncrease(), g.maxLatencyIncrease(), measure,
                        g.maxSimilarityDrop()),
                r.sticky(), r.stateFile(), r.auditLog(), r.webhooks(), Duration.ofMillis(100));
        RouteConfig chat = new RouteConfig(Optional.of("chat"), new RouteMatch(CHAT, Optional.of("POST")),
                new RouteCompareConfig(ComparatorKind.OPENAI_CHAT, compare, TextCompareConfig.DEFAULTS, Optional.empty()));
        gateway.start(mirrored.withRollout(rollout).withRoutes(List.of(chat)));
    }

    private static String chatBody(int i, double temperature) {
        return "{\"model\":\"sample\",\"stream\":true,\"max_tokens\":24,\"temperature\":" + temperature
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPTS[i % PROMPTS.length] + "\"}]}";
    }

    /** Sends {@code count} streamed chats, {@code parallel} at a time; every answer must be a whole stream. */
    private void chat(int count, int parallel, double temperature) {
        for (int first = 0; first < count; first += parallel) {
            List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
            for (int i = first; i < Math.min(count, first + parallel); i++) {
                batch.add(client.sendAsync(HttpRequest.newBuilder(gateway.proxyUri(CHAT))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(chatBody(i, temperature))).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : batch) {
                HttpResponse<String> response = answer.join();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/event-stream"));
                assertThat(response.body()).contains("\"delta\"").endsWith("data: [DONE]\n\n");
            }
        }
    }

    private JsonNode status() throws Exception {
        return JSON.readTree(client.send(HttpRequest.newBuilder(gateway.adminUri("/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("rollout");
    }

    private JsonNode gate(JsonNode rollout, String name) {
        for (JsonNode gate : rollout.path("gates")) {
            if (gate.path("name").asText().equals(name)) {
                return gate;
            }
        }
        throw new AssertionError("no gate " + name + " in " + rollout.path("gates"));
    }

    private void awaitJudged(int requests) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ShadowCounts.of(gateway.scrape()).ended() == requests);
    }

    private double metric(String name, Map<String, String> labels) {
        return Scrapes.value(gateway.scrape(), name, labels);
    }

    @Test
    void aGreedyCandidateIdenticalToStableMatchesEveryStreamOnTheChatRoute() throws Exception {
        start(options -> options, LatencyMeasure.TOTAL);

        chat(30, 6, 0);
        awaitJudged(30);

        assertThat(metric("shadowgate_comparisons_total", Map.of("route", "chat", "result", "match"))).isEqualTo(30);
        assertThat(metric("shadowgate_comparisons_total", Map.of("route", "default", "result", "match"))).isZero();
        assertThat(metric("shadowgate_upstream_first_byte_seconds_count",
                Map.of("upstream", "stable", "role", "primary", "route", "chat"))).isEqualTo(30);
        assertThat(metric("shadowgate_stream_inter_token_seconds_count",
                Map.of("upstream", "stable", "role", "primary"))).isEqualTo(30);
        await().atMost(Duration.ofSeconds(5)).until(() -> status().path("evidence").path("samples").asInt() == 30);
        JsonNode similarity = gate(status(), Gates.SIMILARITY);
        assertThat(similarity.path("verdict").asText()).as(similarity.toString()).isNotEqualTo("fail");
    }

    /**
     * Stable's texts differ from each other as much as from the candidate's: the texts below the
     * threshold are noise to the match-rate gate, and the similarity gate sees no drop. Whether it
     * has passed yet depends on the draw (the demo's llm-good scenario runs one to PROMOTED); here
     * the evidence must be clean: no gate fails, and the mean paired difference is near 0.
     */
    @Test
    void aSamplingCandidateIdenticalToStableIsJudgedAgainstStablesOwnSimilarityAndNotRolledBack() throws Exception {
        start(options -> options, LatencyMeasure.TOTAL);

        chat(300, 8, 0.9);
        awaitJudged(300);

        await().atMost(Duration.ofSeconds(5)).until(() -> status().path("evidence").path("samples").asInt() == 300);
        JsonNode rollout = status();
        assertThat(rollout.path("phase").asText()).isNotEqualTo("ROLLED_BACK");
        JsonNode similarity = gate(rollout, Gates.SIMILARITY);
        assertThat(similarity.path("verdict").asText()).as(similarity.toString()).isIn("pass", "pending");
        double candidate = rollout.path("evidence").path("candidateMeanScore").asDouble();
        double stable = rollout.path("evidence").path("stableMeanScore").asDouble();
        assertThat(stable).as("a sampling model differs from itself").isLessThan(0.9);
        assertThat(candidate - stable).as(similarity.toString()).isBetween(-0.1, 0.1);
        assertThat(gate(rollout, Gates.MATCH_RATE).path("verdict").asText())
                .as("texts below the threshold are stable's own noise").isNotEqualTo("fail");
        assertThat(metric("shadowgate_comparisons_total", Map.of("route", "chat", "result", "noisy")))
                .as("sampled texts differ from stable's, as stable's differ from each other").isPositive();
    }

    @Test
    void aCandidateWithADriftedVocabularyIsRolledBackByTheSimilarityGate() throws Exception {
        start(options -> options.withLlmDrift(LlmDrift.VOCABULARY), LatencyMeasure.TOTAL);

        chat(160, 8, 0.9);

        await().atMost(Duration.ofSeconds(30)).until(() -> status().path("phase").asText().equals("ROLLED_BACK"));
        assertThat(status().path("lastTransition").path("reason").asText()).startsWith("gate " + Gates.SIMILARITY + " FAIL");
    }

    /**
     * Both answers take about as long in total (the candidate's first token comes 400 ms late, its
     * others 1 ms apart as stable's), so only the first-token measure tells them apart. Both models
     * are warmed up first: a cold JVM's first answers are slow enough to decide any p99.
     */
    @Test
    void aCandidateWithASlowFirstTokenIsRolledBackOnFirstTokenLatency() throws Exception {
        start(options -> options.withFirstTokenDelay(Duration.ofMillis(400)), LatencyMeasure.FIRST_TOKEN);
        for (SampleModelServer model : models) {
            for (int i = 0; i < 40; i++) {
                client.send(HttpRequest.newBuilder(java.net.URI.create(model.baseUrl() + CHAT))
                        .POST(HttpRequest.BodyPublishers.ofString(chatBody(i, 0))).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        }

        chat(400, 8, 0);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status().path("phase").asText())
                .as(() -> { try { return status().toString(); } catch (Exception e) { return e.toString(); } })
                .isEqualTo("ROLLED_BACK"));
        assertThat(status().path("lastTransition").path("reason").asText()).startsWith("gate " + Gates.LATENCY_INCREASE + " FAIL");
    }
}
