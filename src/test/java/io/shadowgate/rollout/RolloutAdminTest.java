package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.config.AdminConfig;
import io.shadowgate.config.RequestKey;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rollout through a real gateway: operators' commands, the traffic split they cause, and what they leave behind. */
class RolloutAdminTest {
    private static final String TOKEN = "rollout-t0ken";
    private static final String STABLE = "{\"predictions\":[\"stable\"]}";
    private static final String CANDIDATE = "{\"predictions\":[\"candidate\"]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = Http1.client();
    private StubModel stable;
    private StubModel candidate;
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();
    private ShadowgateConfig config;

    @AfterEach
    void stop() {
        if (stable != null) {
            stable.close();
        }
        if (candidate != null) {
            candidate.close();
        }
    }

    private void start(Optional<RequestKey> sticky) throws Exception {
        start(sticky, new RolloutConfig.Gates(0, 1, 100));
    }

    private void start(Optional<RequestKey> sticky, RolloutConfig.Gates gates) throws Exception {
        start(sticky, gates, Duration.ofMillis(200));
    }

    private void start(Optional<RequestKey> sticky, RolloutConfig.Gates gates, Duration tick) throws Exception {
        stable = new StubModel(0, () -> STABLE);
        candidate = new StubModel(0, () -> CANDIDATE);
        ShadowgateConfig mirrored = TestConfigs.mirrored(stable.url(), Map.of(), candidate.url(), Map.of(),
                Duration.ofSeconds(5), TestConfigs.shadow(100, 64), TestConfigs.compare(0, List.of()));
        RolloutConfig rollout = mirrored.rollout();
        // The two stubs answer differently so a test can tell who served; gates that would roll that
        // back at once are opened wide, as these tests are about commands and routing, not verdicts.
        config = new ShadowgateConfig(mirrored.server(), new AdminConfig("127.0.0.1", 0, TOKEN), mirrored.stable(),
                mirrored.candidate(), mirrored.shadow(), mirrored.compare(),
                new RolloutConfig(rollout.auto(), rollout.stages(), rollout.shadowBake(), rollout.bake(),
                        rollout.maxBake(), rollout.onInconclusive(), rollout.minSamples(), rollout.confidence(),
                        gates, sticky, rollout.stateFile(), rollout.auditLog(),
                        rollout.webhooks(), tick));
        gateway.start(config);
    }

    private HttpResponse<String> admin(String method, String path, boolean withToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode command(String name) throws Exception {
        HttpResponse<String> response = admin("POST", "/rollout/" + name, true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String score(String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (user != null) {
            request.header("X-User-Id", user);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void commandsNeedTheTokenAndAnswerTheNewStatus() throws Exception {
        start(Optional.empty());
        assertThat(admin("POST", "/rollout/promote", false).statusCode()).isEqualTo(401);
        assertThat(admin("GET", "/rollout/promote", true).statusCode()).isEqualTo(405);

        JsonNode status = command("promote");
        assertThat(status.path("phase").asText()).isEqualTo("CANARY");
        assertThat(status.path("candidatePercent").asInt()).isEqualTo(5);
        assertThat(status.path("lastTransition").path("actor").asText()).isEqualTo("admin");

        JsonNode full = JSON.readTree(admin("GET", "/status", true).body()).path("rollout");
        assertThat(full.path("phase").asText()).isEqualTo("CANARY");
        assertThat(full.path("stages").toString()).isEqualTo("[5,25,50,100]");
    }

    @Test
    void impossibleCommandsAre409WithAReasonAndBadInputIs400() throws Exception {
        start(Optional.empty());
        HttpResponse<String> resume = admin("POST", "/rollout/resume", true);
        assertThat(resume.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(resume.body()).path("error").asText()).isEqualTo("conflict");
        assertThat(JSON.readTree(resume.body()).path("message").asText()).contains("not paused");

        HttpResponse<String> badTo = admin("POST", "/rollout/promote?to=abc", true);
        assertThat(badTo.statusCode()).isEqualTo(400);
        assertThat(badTo.body()).contains("to=100");
        assertThat(admin("POST", "/rollout/promote?to=30", true).statusCode()).isEqualTo(409);

        command("promote?to=100");
        HttpResponse<String> again = admin("POST", "/rollout/promote", true);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("PROMOTED");
    }

    @Test
    void theCanaryWeightSplitsLiveTrafficAndTheCandidateServedRequestsAreStillCompared() throws Exception {
        start(Optional.empty());
        for (int i = 0; i < 20; i++) {
            assertThat(score(null)).as("shadow: the client always gets stable").isEqualTo(STABLE);
        }
        command("promote");
        command("promote"); // 25%
        int toCandidate = 0;
        int requests = 2000;
        for (int i = 0; i < requests; i++) {
            toCandidate += score(null).equals(CANDIDATE) ? 1 : 0;
            if (i % 50 == 49) { // fewer than the in-flight bound (64) outstanding at any time
                // On a starved machine copies can pile up behind the client and the in-flight bound
                // sheds them (correctly); waiting for them now and then keeps every copy compared.
                int sentSoFar = 20 + i + 1;
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> ShadowCounts.of(gateway.metrics().scrape()).ended() == sentSoFar);
            }
        }
        // Binomial(2000, 0.25): mean 500, standard deviation about 19; five of them is 97.
        assertThat(toCandidate).isBetween(403, 597);

        int sent = 20 + requests;
        await().atMost(Duration.ofSeconds(20)).until(() -> ShadowCounts.of(gateway.metrics().scrape()).ended() == sent);
        String scrape = gateway.metrics().scrape();
        ShadowCounts.of(scrape).assertIdentity();
        assertThat(Scrapes.value(scrape, "shadowgate_comparisons_total", Map.of("result", "mismatch")))
                .as("every request was compared, whichever side served it").isEqualTo(sent);
        assertThat(Scrapes.value(scrape, "shadowgate_requests_total",
                Map.of("upstream", "candidate", "role", "primary", "status", "2xx"))).isEqualTo(toCandidate);
        assertThat(Scrapes.value(scrape, "shadowgate_requests_total",
                Map.of("upstream", "stable", "role", "shadow", "status", "2xx"))).isEqualTo(toCandidate);
        assertThat(Scrapes.value(scrape, "shadowgate_canary_weight_percent", Map.of())).isEqualTo(25);
        assertThat(Scrapes.value(scrape, "shadowgate_rollout_phase", Map.of("phase", "CANARY"))).isEqualTo(1);
        assertThat(Scrapes.value(scrape, "shadowgate_rollout_transitions_total", Map.of("to", "CANARY", "actor", "admin")))
                .isEqualTo(2);

        JsonNode sample = JSON.readTree(admin("GET", "/mismatches?limit=50", true).body()).path("mismatches");
        boolean orientedRight = false;
        for (JsonNode mismatch : sample) {
            JsonNode difference = mismatch.path("differences").get(0);
            assertThat(difference.path("stable").asText()).isEqualTo("stable");
            assertThat(difference.path("candidate").asText()).isEqualTo("candidate");
            orientedRight = true;
        }
        assertThat(orientedRight).isTrue();

        command("rollback");
        for (int i = 0; i < 50; i++) {
            assertThat(score(null)).as("rolled back: stable serves all").isEqualTo(STABLE);
        }
    }

    @Test
    void aStickyKeyKeepsItsVariantAndOnlyMovesTowardTheCandidateAsTheWeightGrows() throws Exception {
        start(Optional.of(new RequestKey(RequestKey.Source.HEADER, "X-User-Id")));
        command("promote");
        command("promote"); // 25%
        Map<String, String> variant = new java.util.HashMap<>();
        for (int user = 0; user < 200; user++) {
            String first = score("user-" + user);
            for (int again = 0; again < 3; again++) {
                assertThat(score("user-" + user)).as("user-%d keeps its variant", user).isEqualTo(first);
            }
            variant.put("user-" + user, first);
        }
        long onCandidate = variant.values().stream().filter(CANDIDATE::equals).count();
        assertThat(onCandidate).isBetween(25L, 75L); // 50 expected

        command("promote"); // 50%
        for (Map.Entry<String, String> user : variant.entrySet()) {
            if (user.getValue().equals(CANDIDATE)) {
                assertThat(score(user.getKey())).as("%s stays on the candidate", user.getKey()).isEqualTo(CANDIDATE);
            }
        }
    }

    @Test
    void aCandidateThatDisagreesIsRolledBackByTheGatesOnItsOwn() throws Exception {
        start(Optional.empty(), new RolloutConfig.Gates(0.99, 0.01, 100));
        command("promote"); // canary at 5%: the client mostly still gets stable

        for (int i = 0; i < 60; i++) {
            score(null);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(admin("GET", "/status", true).body())
                .path("rollout").path("phase").asText().equals("ROLLED_BACK"));
        JsonNode rollout = JSON.readTree(admin("GET", "/status", true).body()).path("rollout");
        assertThat(rollout.path("candidatePercent").asInt()).isZero();
        assertThat(rollout.path("lastTransition").path("actor").asText()).isEqualTo("auto");
        assertThat(rollout.path("lastTransition").path("reason").asText()).contains("matchRate");
        assertThat(rollout.path("lastTransition").path("evidence").path("matchRate").asDouble()).isZero();
        for (int i = 0; i < 20; i++) {
            assertThat(score(null)).isEqualTo(STABLE);
        }
    }

    @Test
    void aPromotionPastAFailingGateIs409WithTheGateUnlessForced() throws Exception {
        // No tick for an hour: the failing evidence is met by the command, not rolled back first.
        start(Optional.empty(), new RolloutConfig.Gates(0.99, 0.01, 100), Duration.ofHours(1));
        int sent = 30;
        for (int i = 0; i < sent; i++) {
            score(null);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ShadowCounts.of(gateway.metrics().scrape()).ended() == sent);

        for (String promote : List.of("/rollout/promote", "/rollout/promote?to=100", "/rollout/promote?force=false")) {
            HttpResponse<String> refused = admin("POST", promote, true);
            assertThat(refused.statusCode()).as(promote + ": " + refused.body()).isEqualTo(409);
            JsonNode body = JSON.readTree(refused.body());
            assertThat(body.path("error").asText()).isEqualTo("failing_gates");
            assertThat(body.path("message").asText()).contains("matchRate fail").contains("force=true");
            assertThat(body.path("failingGates")).hasSize(1);
            JsonNode gate = body.path("failingGates").get(0);
            assertThat(gate.path("name").asText()).isEqualTo("matchRate");
            assertThat(gate.path("verdict").asText()).isEqualTo("fail");
            assertThat(gate.path("detail").asText()).contains("< 0.99").contains("30 comparisons");
            assertThat(body.path("evidence").path("matchRate").asDouble()).isZero();
            assertThat(body.path("evidence").path("samples").asInt()).isEqualTo(sent);
            assertThat(body.path("pendingGates").asText()).contains("do not refuse");
            // A route not compared by similarity: no scores, and the latency measured whole.
            assertThat(body.path("evidence").path("latencyMeasure").asText()).isEqualTo("total");
            assertThat(body.path("evidence").path("candidateMeanScore").isNull()).isTrue();
        }
        JsonNode before = JSON.readTree(admin("GET", "/status", true).body()).path("rollout");
        assertThat(before.path("phase").asText()).isEqualTo("SHADOW");
        assertThat(Files.exists(config.rollout().auditLog())).isFalse();

        assertThat(admin("POST", "/rollout/promote?force=yes", true).statusCode()).isEqualTo(400);
        JsonNode forced = command("promote?to=100&force=true");
        assertThat(forced.path("phase").asText()).isEqualTo("PROMOTED");
        assertThat(forced.path("lastTransition").path("forced").asBoolean()).isTrue();
        assertThat(forced.path("lastTransition").path("failingGates").get(0).path("name").asText())
                .isEqualTo("matchRate");
        JsonNode audit = JSON.readTree(Files.readAllLines(config.rollout().auditLog()).get(0));
        assertThat(audit.path("forced").asBoolean()).isTrue();
        assertThat(audit.path("reason").asText()).startsWith("promoted by an operator to 100%, forced past failing gates: matchRate fail");
        assertThat(audit.path("evidence").path("samples").asInt()).isEqualTo(sent);
    }

    @Test
    void everyTransitionIsAnAuditLineAndTheStateFileFollows() throws Exception {
        start(Optional.empty());
        command("promote");
        command("pause");
        command("resume");
        command("rollback");
        command("restart");

        List<String> lines = Files.readAllLines(config.rollout().auditLog());
        assertThat(lines).hasSize(5);
        assertThat(lines).extracting(line -> JSON.readTree(line).path("to").asText())
                .containsExactly("CANARY", "PAUSED", "CANARY", "ROLLED_BACK", "SHADOW");
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.fieldNames()).toIterable()
                .contains("time", "from", "to", "weight", "actor", "reason", "evidence");
        Path state = config.rollout().stateFile();
        assertThat(JSON.readTree(Files.readString(state)).path("phase").asText()).isEqualTo("SHADOW");
    }
}
