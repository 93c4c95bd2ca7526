package io.shadowgate.app;

import io.shadowgate.gateway.GatewayOptions;
import io.shadowgate.gateway.Gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.config.ConfigLoader;
import io.shadowgate.sample.SampleModelOptions;
import io.shadowgate.sample.SampleModelServer;
import io.shadowgate.testing.FakeArm;
import io.shadowgate.testing.FakeScoringEndpoint;
import io.shadowgate.testing.Scrapes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource Manager misbehaving under a running gateway: the rollout holds at the last weight both
 * the endpoint and the gateway applied, {@code /status} says why, and the gateway keeps serving.
 */
class AzureMlRouterFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "endpoint-key";
    private static final String TOKEN = "admin-token";

    @TempDir
    Path dir;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();
    private FakeArm arm;
    private FakeScoringEndpoint endpoint;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        SampleModelServer blue = SampleModelServer.start(SampleModelOptions.defaults().withPort(0));
        open.add(blue);
        SampleModelServer green = SampleModelServer.start(SampleModelOptions.defaults().withPort(0));
        open.add(green);
        endpoint = new FakeScoringEndpoint(Map.of("blue", blue.baseUrl(), "green", green.baseUrl()), KEY);
        open.add(endpoint);
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", endpoint.scoringUri()), "blue", "green");
        open.add(arm);
        gateway = Gateway.start(ConfigLoader.parse("""
                server: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0, token: %s }
                %s
                rollout: { auto: false, tick: 100ms, stateFile: %s, auditLog: %s }
                """.formatted(TOKEN, arm.azuremlSection().stripTrailing(), dir.resolve("state.json"),
                dir.resolve("audit.jsonl")), Map.of()),
                GatewayOptions.defaults().withAzure(arm.access(), Map.of("AZUREML_ENDPOINT_KEY", KEY)));
        open.add(gateway);
        // The start applies the saved weight (0) again: let that finish before a test queues failures.
        await().atMost(Duration.ofSeconds(10)).until(() -> !arm.requests("GET").isEmpty());
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort() + path))
                .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode rollout() throws Exception {
        return JSON.readTree(admin("GET", "/status").body()).path("rollout");
    }

    private void assertHeldInShadowAndServing() throws Exception {
        JsonNode rollout = rollout();
        assertThat(rollout.path("phase").asText()).isEqualTo("SHADOW");
        assertThat(rollout.path("candidatePercent").asInt()).isZero();
        assertThat(arm.traffic()).isEqualTo(Map.of("blue", 100, "green", 0));
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> scored = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"input_data\":{\"data\":[[5.1,3.5,1.4,0.2]]}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scored.statusCode()).isEqualTo(200);
        }
        String metrics = admin("GET", "/metrics").body();
        assertThat(Scrapes.value(metrics, "shadowgate_requests_total",
                Map.of("upstream", "candidate", "role", "primary", "status", "2xx")))
                .as("the gateway did not move ahead of the endpoint").isZero();
    }

    @Test
    void aRefusalHoldsTheLastAppliedWeightSaysWhyAndTheNextAttemptAfterTheBackOffSucceeds() throws Exception {
        arm.failNext("GET", 403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"sp has no write\"}}");
        assertThat(admin("POST", "/rollout/promote").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(rollout().path("routerError").asText())
                .startsWith("azureml: AuthorizationFailed (HTTP 403): sp has no write"));
        assertHeldInShadowAndServing();

        // The controller retries its move every tick; the router lets one through after 5 s.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode rollout = rollout();
            assertThat(rollout.path("phase").asText()).isEqualTo("CANARY");
            assertThat(rollout.path("candidatePercent").asInt()).isEqualTo(5);
            assertThat(rollout.path("routerError").isNull()).isTrue();
        });
        assertThat(arm.traffic()).isEqualTo(Map.of("blue", 95, "green", 5));
        JsonNode status = JSON.readTree(admin("GET", "/status").body());
        assertThat(status.path("azureml").path("endpoint").asText()).isEqualTo("fraud");
        assertThat(status.path("upstreams").path("stable").path("url").asText()).startsWith("http://127.0.0.1:");
        assertThat(status.toString()).as("the endpoint key never shows").doesNotContain(KEY);
    }

    @Test
    void serverErrorsBeyondTheRetriesAreReportedWithAzuresCode() throws Exception {
        for (int i = 0; i < 4; i++) { // the first try and the SDK's three retries
            arm.failNext("GET", 503, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"ARM is busy\"}}");
        }
        admin("POST", "/rollout/promote");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(rollout().path("routerError").asText())
                .startsWith("azureml: ServiceUnavailable (HTTP 503): ARM is busy"));
        assertHeldInShadowAndServing();
    }

    @Test
    void anAnswerThatIsNotJsonIsReported() throws Exception {
        arm.failNext("GET", 200, "<html>sign in</html>");
        admin("POST", "/rollout/promote");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(rollout().path("routerError").asText())
                .startsWith("azureml: InvalidResponse").contains("<html>sign in</html>"));
        assertHeldInShadowAndServing();
    }

    @Test
    void whileASlowUpdateIsInFlightCommandsAreRefusedAndClientsStillServed() throws Exception {
        arm.delay(Duration.ofMillis(500));
        JsonNode accepted = JSON.readTree(admin("POST", "/rollout/promote").body());
        assertThat(accepted.path("applyingPercent").asInt()).isEqualTo(5);

        HttpResponse<String> second = admin("POST", "/rollout/promote");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("being applied");
        assertHeldInShadowAndServing();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(rollout().path("candidatePercent").asInt()).isEqualTo(5));
        assertThat(arm.traffic()).isEqualTo(Map.of("blue", 95, "green", 5));
    }

    @Test
    void aRollbackDuringASlowUpdateSupersedesItAndEverythingEndsAtZero() throws Exception {
        arm.delay(Duration.ofMillis(500));
        JsonNode accepted = JSON.readTree(admin("POST", "/rollout/promote").body());
        assertThat(accepted.path("applyingPercent").asInt()).isEqualTo(5);

        HttpResponse<String> rollback = admin("POST", "/rollout/rollback");
        assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
        assertThat(JSON.readTree(rollback.body()).path("applyingPercent").asInt()).as("0%% in place of 5%%").isZero();

        // The superseded raise answers late (its endpoint read sees 0%, not 5%); 0% is then applied once more.
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            JsonNode rollout = rollout();
            assertThat(rollout.path("phase").asText()).isEqualTo("ROLLED_BACK");
            assertThat(rollout.path("applyingPercent").isNull()).as("no apply left: %s", rollout).isTrue();
        });
        assertThat(rollout().path("routerError").isNull()).isTrue();
        assertThat(arm.traffic()).isEqualTo(Map.of("blue", 100, "green", 0));
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> scored = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"input_data\":{\"data\":[[5.1,3.5,1.4,0.2]]}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scored.statusCode()).isEqualTo(200);
        }
        assertThat(Scrapes.value(admin("GET", "/metrics").body(), "shadowgate_requests_total",
                Map.of("upstream", "candidate", "role", "primary", "status", "2xx")))
                .as("the gateway never sent a live request to the candidate").isZero();
    }
}
