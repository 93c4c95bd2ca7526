package io.shadowgate.rollout;

import static io.shadowgate.testing.ScriptedModel.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.config.RolloutConfig;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.testing.BlackHole;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.ScriptedModel;
import io.shadowgate.testing.StubModel;
import io.shadowgate.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A candidate that fails while it serves a canary share of live traffic: each client routed to it
 * gets its real answer or the gateway's 502/504, never a hang; its failures count against it, and
 * the error-rate gate rolls it back on its own, after which every client gets stable again.
 */
class CandidateFaultsDuringCanaryTest {
    private static final String STABLE = "{\"predictions\":[\"stable\"]}";
    private static final String CANDIDATE_500 = "{\"error\":\"model crashed\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = Http1.client();
    private StubModel stable;
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();

    @AfterEach
    void stop() {
        if (stable != null) {
            stable.close();
        }
    }

    /**
     * Only the error-rate gate can decide (match rate and latency gates opened wide), on the
     * default minimum of comparisons, with the candidate's timeout short so a black hole answers
     * 504 quickly.
     */
    private void start(String candidateUrl) throws Exception {
        stable = new StubModel(0, () -> STABLE);
        ShadowgateConfig mirrored = TestConfigs.mirrored(stable.url(), Map.of(), candidateUrl, Map.of(),
                Duration.ofMillis(500), TestConfigs.shadow(100, 64), TestConfigs.compare(0, List.of()));
        RolloutConfig r = mirrored.rollout();
        RolloutConfig rollout = new RolloutConfig(r.auto(), r.stages(), r.shadowBake(), r.bake(), r.maxBake(),
                r.onInconclusive(), r.minSamples(), r.confidence(), new RolloutConfig.Gates(0, 0.01, 100),
                r.sticky(), r.stateFile(), r.auditLog(), r.webhooks(), Duration.ofMillis(200));
        gateway.start(new ShadowgateConfig(mirrored.server(), mirrored.admin(), mirrored.stable(),
                mirrored.candidate(), mirrored.shadow(), mirrored.compare(), rollout));
        HttpResponse<String> promoted = client.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + gateway.adminPort() + "/rollout/promote?to=50"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
    }

    private JsonNode rollout() throws Exception {
        return JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + gateway.adminPort() + "/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("rollout");
    }

    /** Sends {@code n} requests, 10 at a time, each with a deadline far past the candidate's timeout. */
    private List<HttpResponse<String>> send(int n) throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int batch = 0; batch < n; batch += 10) {
            List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = batch; i < Math.min(n, batch + 10); i++) {
                pending.add(client.sendAsync(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"i\":" + i + "}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : pending) {
                answers.add(answer.get(15, TimeUnit.SECONDS));
            }
        }
        return answers;
    }

    /**
     * Every answer is stable's, or the candidate's own failure as the client should see it; returns
     * how many came from the candidate.
     */
    private static int assertStableOr(List<HttpResponse<String>> answers, int status, String bodyOrError)
            throws Exception {
        int fromCandidate = 0;
        for (HttpResponse<String> answer : answers) {
            if (answer.statusCode() == 200) {
                assertThat(answer.body()).isEqualTo(STABLE);
                continue;
            }
            fromCandidate++;
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
            if (bodyOrError.startsWith("{")) {
                assertThat(answer.body()).isEqualTo(bodyOrError);
            } else {
                assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo(bodyOrError);
            }
        }
        return fromCandidate;
    }

    private void assertRolledBackByTheErrorGateThenStableOnly() throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> rollout().path("phase").asText().equals("ROLLED_BACK"));
        JsonNode rollout = rollout();
        assertThat(rollout.path("candidatePercent").asInt()).isZero();
        assertThat(rollout.path("lastTransition").path("actor").asText()).isEqualTo("auto");
        assertThat(rollout.path("lastTransition").path("reason").asText()).contains("errorRateIncrease");
        assertThat(assertStableOr(send(20), 0, "")).as("after the rollback").isZero();
    }

    private void runCanary(String candidateUrl, int status, String bodyOrError) throws Exception {
        start(candidateUrl);
        int fromCandidate = assertStableOr(send(60), status, bodyOrError);
        assertThat(fromCandidate).as("the 50%% canary routed clients to the candidate").isPositive();
        assertRolledBackByTheErrorGateThenStableOnly();
    }

    @Test
    void aCandidateAnswering500GivesItsClientsThat500AndIsRolledBack() throws Exception {
        try (ScriptedModel failing = new ScriptedModel(out -> out.write(bytes(
                "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: "
                        + CANDIDATE_500.length() + "\r\nConnection: close\r\n\r\n" + CANDIDATE_500)))) {
            runCanary(failing.url(), 500, CANDIDATE_500);
        }
    }

    @Test
    void aCandidateResettingConnectionsGivesItsClients502AndIsRolledBack() throws Exception {
        try (ScriptedModel resetting = new ScriptedModel(out -> { /* closes without a byte */ })) {
            runCanary(resetting.url(), 502, "upstream_reset");
        }
    }

    @Test
    void aBlackHoledCandidateGivesItsClients504AtItsTimeoutAndIsRolledBack() throws Exception {
        try (BlackHole hole = new BlackHole()) {
            runCanary(hole.url(), 504, "upstream_timeout");
        }
    }
}
