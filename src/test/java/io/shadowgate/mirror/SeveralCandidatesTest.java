package io.shadowgate.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.config.ConfigLoader;
import io.shadowgate.gateway.Gateway;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.StubModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
 * A real gateway with two candidates from a {@code candidates:} list: {@code blue} (shadow only,
 * answering differently from stable) and {@code green} (the rollout's, answering as stable does).
 * Each is mirrored and compared on its own, labelled by name; only green ever takes live traffic.
 */
class SeveralCandidatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "admin-secret";
    private static final String STABLE = "{\"predictions\":[1,2]}";
    private static final String BLUE = "{\"predictions\":[1,3]}";
    private static final String GREEN = "{\"predictions\":[1,2],\"model\":\"green\"}";
    private static final int REQUESTS = 12;

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private StubModel stable;
    private StubModel blue;
    private StubModel green;
    private Gateway gateway;

    @BeforeEach
    void models() throws Exception {
        stable = new StubModel(0, () -> STABLE);
        blue = new StubModel(0, () -> BLUE);
        // Green differs from stable only in a key the comparison ignores, so the client can tell who served.
        green = new StubModel(0, () -> GREEN);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        for (StubModel model : new StubModel[] {stable, blue, green}) {
            if (model != null) {
                model.close();
            }
        }
    }

    private void start() throws Exception {
        gateway = Gateway.start(ConfigLoader.parse("""
                server: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0, token: %s }
                stable: { url: %s }
                candidates:
                  - name: blue
                    url: %s
                    timeout: 5s
                  - name: green
                    url: %s
                    headers: { azureml-model-deployment: green }
                    shadowPercent: 100
                shadow: { percent: 100 }
                compare: { ignore: [/model] }
                rollout:
                  candidate: green
                  auto: false
                  stateFile: %s
                  auditLog: %s
                """.formatted(TOKEN, stable.url(), blue.url(), green.url(), dir.resolve("state.json"),
                dir.resolve("audit.jsonl")), Map.of()));
    }

    private List<String> score(int n) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"input_data\":{\"data\":[[" + i + "]]}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            bodies.add(response.body());
        }
        return bodies;
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort() + path))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode adminJson(String path) throws Exception {
        HttpResponse<String> response = admin("GET", path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private double metric(String name, Map<String, String> labels) {
        return Scrapes.value(gateway.metrics().scrape(), name, labels);
    }

    private double ended(String candidate) {
        double sum = 0;
        for (String outcome : List.of("compared", "shed", "timeout", "error", "skipped")) {
            sum += metric("shadowgate_shadow_requests_total", Map.of("candidate", candidate, "outcome", outcome));
        }
        return sum;
    }

    @Test
    void eachCandidateIsMirroredAndComparedOnItsOwnUnderItsName() throws Exception {
        start();

        assertThat(score(REQUESTS)).as("stable serves while the rollout is in shadow").containsOnly(STABLE);

        await().atMost(Duration.ofSeconds(20)).until(() -> ended("blue") == REQUESTS && ended("green") == REQUESTS);
        assertThat(blue.requests()).isEqualTo(REQUESTS);
        assertThat(green.requests()).isEqualTo(REQUESTS);
        for (String candidate : List.of("blue", "green")) {
            assertThat(metric("shadowgate_shadow_sampled_total", Map.of("candidate", candidate))).isEqualTo(REQUESTS);
            assertThat(metric("shadowgate_shadow_requests_total", Map.of("candidate", candidate, "outcome", "compared")))
                    .isEqualTo(REQUESTS);
            assertThat(metric("shadowgate_requests_total",
                    Map.of("upstream", candidate, "role", "shadow", "status", "2xx"))).isEqualTo(REQUESTS);
            assertThat(metric("shadowgate_latency_ratio_count", Map.of("candidate", candidate))).isEqualTo(REQUESTS);
        }
        assertThat(metric("shadowgate_comparisons_total", Map.of("candidate", "blue", "result", "mismatch")))
                .isEqualTo(REQUESTS);
        assertThat(metric("shadowgate_comparisons_total", Map.of("candidate", "blue", "result", "match"))).isZero();
        assertThat(metric("shadowgate_comparisons_total", Map.of("candidate", "green", "result", "match")))
                .isEqualTo(REQUESTS);
        assertThat(metric("shadowgate_comparisons_total", Map.of("candidate", "green", "result", "mismatch"))).isZero();
        assertThat(metric("shadowgate_mismatch_paths_total", Map.of("candidate", "blue", "path", "/predictions/*")))
                .isEqualTo(REQUESTS);
        assertThat(metric("shadowgate_match_rate", Map.of("candidate", "blue"))).isEqualTo(0.0);
        assertThat(metric("shadowgate_match_rate", Map.of("candidate", "green"))).isEqualTo(1.0);
        assertThat(metric("shadowgate_shadow_in_flight", Map.of("candidate", "blue"))).isZero();

        JsonNode all = adminJson("/mismatches?limit=100");
        assertThat(all.path("count").asInt()).isEqualTo(REQUESTS);
        all.path("mismatches").forEach(sample ->
                assertThat(sample.path("candidate").path("name").asText()).isEqualTo("blue"));
        assertThat(adminJson("/mismatches?candidate=blue&limit=5").path("count").asInt()).isEqualTo(5);
        assertThat(adminJson("/mismatches?candidate=green").path("count").asInt()).isZero();
        HttpResponse<String> unknown = admin("GET", "/mismatches?candidate=red");
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(unknown.body());
        assertThat(error.path("error").asText()).isEqualTo("unknown_candidate");
        assertThat(error.path("message").asText()).isEqualTo("candidate: \"red\" (expected: one of blue, green)");
        assertThat(error.path("candidates").toString()).isEqualTo("[\"blue\",\"green\"]");
        assertThat(admin("GET", "/mismatches/summary?candidate=red").statusCode()).isEqualTo(404);

        JsonNode summary = adminJson("/mismatches/summary");
        assertThat(summary.path("candidate").asText()).as("the rollout's, on top").isEqualTo("green");
        assertThat(summary.path("matchRate").path("rate").asDouble()).isEqualTo(1.0);
        assertThat(summary.path("candidates").path("blue").path("matchRate").path("rate").asDouble()).isZero();
        assertThat(summary.path("candidates").path("blue").path("rollout").asBoolean()).isFalse();
        assertThat(summary.path("candidates").path("green").path("rollout").asBoolean()).isTrue();
        JsonNode blueSummary = adminJson("/mismatches/summary?candidate=blue");
        assertThat(blueSummary.path("matchRate").path("comparisons").asInt()).isEqualTo(REQUESTS);
        assertThat(blueSummary.path("differences").get(0).path("path").asText()).isEqualTo("/predictions/*");

        JsonNode upstreams = adminJson("/status").path("upstreams");
        assertThat(upstreams.path("candidate").path("name").asText()).isEqualTo("green");
        assertThat(upstreams.path("candidates").path("blue").path("url").asText()).isEqualTo(blue.url());
        assertThat(upstreams.path("candidates").path("blue").path("matchRate").asDouble()).isZero();
        assertThat(upstreams.path("candidates").path("green").path("rollout").asBoolean()).isTrue();
    }

    @Test
    void onlyTheRolloutCandidateTakesLiveTraffic() throws Exception {
        start();
        HttpResponse<String> promoted = admin("POST", "/rollout/promote?to=100");
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);

        assertThat(score(REQUESTS)).as("the canary routes to green only").containsOnly(GREEN);

        // Green's copies go to stable and are compared there; blue is not judged against green's answers.
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("green") == REQUESTS);
        assertThat(metric("shadowgate_requests_total", Map.of("upstream", "stable", "role", "shadow", "status", "2xx")))
                .as("green's shadow copies").isEqualTo(REQUESTS);
        assertThat(metric("shadowgate_comparisons_total", Map.of("candidate", "green", "result", "match")))
                .isEqualTo(REQUESTS);
        assertThat(metric("shadowgate_requests_total", Map.of("upstream", "green", "role", "primary", "status", "2xx")))
                .isEqualTo(REQUESTS);
        assertThat(metric("shadowgate_requests_total", Map.of("upstream", "blue", "role", "primary")))
                .as("blue is never a primary").isNaN();
        assertThat(blue.requests()).isZero();
        assertThat(metric("shadowgate_shadow_sampled_total", Map.of("candidate", "blue"))).isZero();
    }
}
