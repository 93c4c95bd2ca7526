package io.shadowgate.app;

import io.shadowgate.gateway.Gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowgate.config.ConfigLoader;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.testing.CapturedLogs;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.StubModel;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets in the configuration (the admin token, upstream header values, a webhook's path) never
 * appear in the logs, at any level, nor in {@code /status}, {@code /metrics} or the mismatch
 * routes, through a life that exercises every path that logs: start, served and failed requests,
 * a wrong and a right token, a rollout transition whose webhook fails, and shutdown.
 */
class SecretsStayOutOfLogsTest {
    private static final String TOKEN = "adm1n-t0ken-SECRET";
    private static final String STABLE_KEY = "sk-stable-SECRET";
    private static final String CANDIDATE_KEY = "sk-candidate-SECRET";
    private static final String WEBHOOK_SECRET = "T000-B000-hooksSECRET";
    private static final List<String> SECRETS = List.of(TOKEN, STABLE_KEY, CANDIDATE_KEY, WEBHOOK_SECRET, "SECRET");

    @TempDir
    Path dir;

    private final HttpClient client = Http1.client();

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> send(String method, URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void noSecretReachesTheLogsOrTheAdminApi() throws Exception {
        List<String> answers = new ArrayList<>();
        try (StubModel stable = new StubModel(0, () -> "{\"predictions\":[1]}");
             StubModel candidate = new StubModel(0, () -> "{\"predictions\":[2]}");
             CapturedLogs logs = new CapturedLogs()) {
            String yaml = """
                    server: { host: 127.0.0.1, port: 0 }
                    admin: { host: 127.0.0.1, port: 0, token: "${ADMIN_TOKEN}" }
                    stable: { url: "%s", timeout: 2s, headers: { Authorization: "Bearer ${STABLE_KEY}", api-key: "${STABLE_KEY}" } }
                    candidate: { url: "%s", headers: { Authorization: "Bearer ${CANDIDATE_KEY}" } }
                    rollout:
                      tick: 100ms
                      stateFile: "%s"
                      auditLog: "%s"
                      webhooks: [ "http://127.0.0.1:%d/services/%s" ]
                    """.formatted(stable.url(), candidate.url(), dir.resolve("state.json"), dir.resolve("audit.jsonl"),
                    closedPort(), WEBHOOK_SECRET);
            ShadowgateConfig config = ConfigLoader.parse(yaml,
                    Map.of("ADMIN_TOKEN", TOKEN, "STABLE_KEY", STABLE_KEY, "CANDIDATE_KEY", CANDIDATE_KEY));
            answers.add(config.toString());
            try (Gateway gateway = Gateway.start(config)) {
                String proxy = "http://127.0.0.1:" + gateway.proxyPort();
                String admin = "http://127.0.0.1:" + gateway.adminPort();
                for (int i = 0; i < 5; i++) {
                    answers.add(send("POST", URI.create(proxy + "/score"), null).body());
                }
                assertThat(send("GET", URI.create(admin + "/status"), "Bearer wrong-" + TOKEN).statusCode())
                        .isEqualTo(401);
                answers.add(send("GET", URI.create(admin + "/status"), null).body());
                HttpResponse<String> promoted = send("POST", URI.create(admin + "/rollout/promote"), "Bearer " + TOKEN);
                assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
                answers.add(promoted.body());
                for (String path : List.of("/status", "/mismatches", "/mismatches/summary", "/metrics", "/readyz")) {
                    HttpResponse<String> answer = send("GET", URI.create(admin + path), "Bearer " + TOKEN);
                    assertThat(answer.statusCode()).as(path).isEqualTo(200);
                    answers.add(answer.body());
                }
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> logs.lines().stream().anyMatch(line -> line.contains("webhook")));
                stable.close(); // failed requests log their cause too; both, as either may be primary now
                candidate.close();
                answers.add(send("POST", URI.create(proxy + "/score"), null).body());
            }
            List<String> lines = logs.lines();
            assertThat(lines).as("the test saw the logging paths it meant to")
                    .anyMatch(line -> line.contains("webhook") && line.startsWith("WARN"))
                    .anyMatch(line -> line.contains("rollout SHADOW -> CANARY"))
                    .anyMatch(line -> line.contains("upstream_"));
            for (String secret : SECRETS) {
                assertThat(lines).as("log lines").noneMatch(line -> line.contains(secret));
                assertThat(answers).as("config and admin answers").noneMatch(answer -> answer.contains(secret));
            }
            assertThat(Files.readString(dir.resolve("audit.jsonl"))).doesNotContain("SECRET");
        }
    }
}
