package io.shadowgate.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.config.CompareConfig;
import io.shadowgate.config.RolloutConfig;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.ShadowCounts;
import io.shadowgate.testing.StubModel;
import io.shadowgate.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model that puts a fresh random value in one field of every answer ({@code /created}), stable
 * and candidate alike, with identical predictions elsewhere. The noise baseline shows stable
 * differing from itself there, so the candidate's differences at that field are noise: matches for
 * the gate, {@code result="noisy"} in the metrics, and the rollout is not rolled back for them. A
 * candidate that also differs on a real prediction is still a mismatch. Real models on loopback,
 * the gateway's controller ticking every 100 ms with the default gates.
 */
class NoiseAwareGateTest {
    private static final int REQUESTS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = Http1.client();
    private StubModel stable;
    private StubModel candidate;
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();

    @AfterEach
    void stop() {
        if (stable != null) {
            stable.close();
        }
        if (candidate != null) {
            candidate.close();
        }
    }

    /** An answer compared as a whole document: a prediction and a field that is new every time. */
    private static String answer(String label) {
        return "{\"created\":" + ThreadLocalRandom.current().nextLong(1L << 40) + ",\"label\":\"" + label
                + "\",\"score\":0.93}";
    }

    private void start(String candidateLabel, double noisePercent, CompareConfig.Noise noise, List<String> noisyPaths)
            throws Exception {
        stable = new StubModel(0, () -> answer("setosa"));
        candidate = new StubModel(0, () -> answer(candidateLabel));
        CompareConfig compare = new CompareConfig(Optional.empty(), 1e-6, 1e-4, List.of(), List.of(), 100,
                noisePercent, Duration.ofMinutes(5), noise, CompareConfig.DEFAULT_NOISE_FLOOR, noisyPaths);
        ShadowgateConfig mirrored = TestConfigs.mirrored(stable.url(), Map.of(), candidate.url(), Map.of(),
                Duration.ofSeconds(5), TestConfigs.shadow(100, 64), compare);
        RolloutConfig r = mirrored.rollout();
        RolloutConfig rollout = new RolloutConfig(r.auto(), r.stages(), r.shadowBake(), r.bake(), r.maxBake(),
                r.onInconclusive(), r.minSamples(), r.confidence(), r.gates(), r.sticky(), r.stateFile(),
                r.auditLog(), r.webhooks(), Duration.ofMillis(100));
        gateway.start(new ShadowgateConfig(mirrored.server(), mirrored.admin(), mirrored.stable(),
                mirrored.candidate(), mirrored.shadow(), mirrored.compare(), rollout));
    }

    /** One request at a time, each judged before the next, so the counts below are exact. */
    private void sendRequests() throws Exception {
        for (int i = 0; i < REQUESTS; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"i\":" + i + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            int sent = i + 1;
            await().atMost(Duration.ofSeconds(5)).until(() -> ShadowCounts.of(gateway.metrics().scrape()).ended() == sent);
        }
    }

    private JsonNode admin(String path) throws Exception {
        return JSON.readTree(client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The rollout once the controller has judged every request (or rolled back on them). */
    private JsonNode judgedRollout() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode rollout = admin("/status").path("rollout");
            return rollout.path("phase").asText().equals("ROLLED_BACK")
                    || rollout.path("evidence").path("samples").asInt() == REQUESTS;
        });
        return admin("/status").path("rollout");
    }

    private double comparisons(String result) {
        return Scrapes.value(gateway.metrics().scrape(), "shadowgate_comparisons_total", Map.of("result", result));
    }

    @Test
    void aFieldStableItselfRandomisesIsNoiseAndTheCandidateIsNotRolledBackForIt() throws Exception {
        start("setosa", 100, CompareConfig.Noise.AUTO, List.of());

        sendRequests();

        assertThat(comparisons("noisy")).isEqualTo(REQUESTS);
        assertThat(comparisons("mismatch")).isZero();
        JsonNode rollout = judgedRollout();
        assertThat(rollout.path("phase").asText()).isEqualTo("SHADOW");
        assertThat(rollout.path("evidence").path("noisy").asInt()).isEqualTo(REQUESTS);
        assertThat(rollout.path("evidence").path("matchRate").asDouble()).isEqualTo(1.0);
        assertThat(rollout.path("gates").get(0).path("verdict").asText()).isNotEqualTo("fail");
        assertThat(admin("/mismatches").path("mismatches")).as("a noisy comparison keeps no mismatch sample").isEmpty();

        JsonNode noise = admin("/mismatches/summary").path("noise");
        assertThat(noise.path("floor").asDouble()).isEqualTo(0.01);
        JsonNode created = noise.path("treatedAsNoise").get(0);
        assertThat(created.path("path").asText()).isEqualTo("/created");
        assertThat(created.path("why").asText()).isEqualTo("measured");
        assertThat(created.path("noiseComparisons").asInt()).isEqualTo(REQUESTS);
        assertThat(created.path("differing").asInt()).isEqualTo(REQUESTS);
        assertThat(created.path("stableRate").asDouble()).isEqualTo(1.0);
        assertThat(created.path("lowerBound").asDouble()).isGreaterThan(0.9); // 40 of 40 at 95%: 0.912
        assertThat(noise.path("treatedAsNoise")).hasSize(1);
    }

    @Test
    void aCandidateThatAlsoChangesAPredictionIsStillAMismatchAndIsRolledBack() throws Exception {
        start("versicolor", 100, CompareConfig.Noise.AUTO, List.of());

        sendRequests();

        assertThat(comparisons("mismatch")).isEqualTo(REQUESTS);
        assertThat(comparisons("noisy")).isZero();
        assertThat(judgedRollout().path("phase").asText()).isEqualTo("ROLLED_BACK");
        JsonNode sample = admin("/mismatches?limit=1").path("mismatches").get(0);
        assertThat(sample.path("differences").findValuesAsText("path")).as("every difference, noisy ones too")
                .containsExactlyInAnyOrder("/created", "/label");
    }

    @Test
    void noiseOffCountsEveryDifferenceAsBefore() throws Exception {
        start("setosa", 100, CompareConfig.Noise.OFF, List.of("/created"));

        sendRequests();

        assertThat(comparisons("mismatch")).isEqualTo(REQUESTS);
        assertThat(comparisons("noisy")).isZero();
        assertThat(judgedRollout().path("phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(admin("/mismatches/summary").path("noise").path("treatedAsNoise")).isEmpty();
    }

    @Test
    void aListedNoisyPathIsNoiseWithoutAnyBaseline() throws Exception {
        start("setosa", 0, CompareConfig.Noise.AUTO, List.of("/created"));

        sendRequests();

        assertThat(comparisons("noisy")).isEqualTo(REQUESTS);
        JsonNode rollout = judgedRollout();
        assertThat(rollout.path("phase").asText()).isEqualTo("SHADOW");
        assertThat(rollout.path("evidence").path("noisy").asInt()).isEqualTo(REQUESTS);
        JsonNode noise = admin("/mismatches/summary").path("noise");
        assertThat(noise.path("comparisons").asInt()).as("no noise baseline").isZero();
        assertThat(noise.path("treatedAsNoise").get(0).path("path").asText()).isEqualTo("/created");
        assertThat(noise.path("treatedAsNoise").get(0).path("why").asText()).isEqualTo("configured");
    }

    @Test
    void withoutABaselineOrAListTheRandomFieldIsAMismatchAsBefore() throws Exception {
        start("setosa", 0, CompareConfig.Noise.AUTO, List.of());

        sendRequests();

        assertThat(comparisons("mismatch")).isEqualTo(REQUESTS);
        assertThat(judgedRollout().path("phase").asText()).isEqualTo("ROLLED_BACK");
    }
}
