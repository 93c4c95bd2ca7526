package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} mid-rollout: a gateway started again resumes the saved phase and weight, never a later one. */
class KillAndRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient client = Http1.client(Duration.ofSeconds(2));

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private Process launch(Path config, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.shadowgate.app.Main", "run", "--config", config.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private JsonNode rollout(int adminPort) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/status")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("rollout");
    }

    private JsonNode promote(int adminPort) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/rollout/promote")).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void aKilledGatewayResumesItsPhaseAndWeightFromTheStateFile() throws Exception {
        try (StubModel stable = new StubModel(0); StubModel candidate = new StubModel(0)) {
            int proxyPort = freePort();
            int adminPort = freePort();
            Path state = dir.resolve("state.json");
            Path audit = dir.resolve("audit.jsonl");
            Path config = Files.writeString(dir.resolve("gateway.yaml"), String.join("\n",
                    "server: { host: 127.0.0.1, port: " + proxyPort + ", ioThreads: 1 }",
                    "admin: { host: 127.0.0.1, port: " + adminPort + " }",
                    "stable: { url: '" + stable.url() + "' }",
                    "candidate: { url: '" + candidate.url() + "' }",
                    "rollout:",
                    "  tick: 200ms",
                    "  stateFile: '" + state + "'",
                    "  auditLog: '" + audit + "'",
                    ""));
            Path log = dir.resolve("gateway.log");

            Process first = launch(config, log);
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .failFast("the gateway exited early", () -> !first.isAlive())
                        .until(() -> rollout(adminPort).path("phase").asText().equals("SHADOW"));
                promote(adminPort);
                assertThat(promote(adminPort).path("candidatePercent").asInt()).isEqualTo(25);
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no drain
                assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(first.exitValue()).as("killed, not exited").isNotZero();

            Process second = launch(config, log);
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .failFast("the gateway exited early; log:\n" + Files.readString(log), () -> !second.isAlive())
                        .until(() -> rollout(adminPort).has("phase"));
                JsonNode resumed = rollout(adminPort);
                assertThat(resumed.path("phase").asText()).isEqualTo("CANARY");
                assertThat(resumed.path("candidatePercent").asInt()).isEqualTo(25);
                assertThat(resumed.path("stage").asInt()).isEqualTo(1);
                assertThat(resumed.path("evidence").path("note").asText()).contains("resumed from the state file");
                assertThat(promote(adminPort).path("candidatePercent").asInt()).as("and goes on from there").isEqualTo(50);
            } finally {
                second.destroy();
                second.waitFor(20, TimeUnit.SECONDS);
            }

            List<String> lines = Files.readAllLines(audit);
            assertThat(lines).hasSize(3);
            for (String line : lines) {
                assertThat(JSON.readTree(line).path("to").asText()).isIn("CANARY", "PROMOTED");
            }
            assertThat(Files.readString(log)).contains("rollout resumed from");
        }
    }
}
