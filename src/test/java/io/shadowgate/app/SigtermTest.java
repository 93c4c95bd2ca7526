package io.shadowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowgate.testing.Http1;
import io.shadowgate.testing.StubModel;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shadowgate run} in a real child JVM: SIGTERM drains the gateway and the process exits 0. */
class SigtermTest {
    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void sigtermDrainsAndExitsZero() throws Exception {
        try (StubModel model = new StubModel(0)) {
            int proxyPort = freePort();
            int adminPort = freePort();
            Path config = Files.writeString(dir.resolve("gateway.yaml"), String.join("\n",
                    "server:",
                    "  host: 127.0.0.1",
                    "  port: " + proxyPort,
                    "  drainTimeout: 5s",
                    "  ioThreads: 1",
                    "admin:",
                    "  host: 127.0.0.1",
                    "  port: " + adminPort,
                    "stable:",
                    "  url: " + model.url(),
                    ""));
            Path log = dir.resolve("gateway.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "io.shadowgate.app.Main", "run", "--config", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                HttpClient client = Http1.client(Duration.ofSeconds(2));
                HttpRequest score = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + "/score"))
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .failFast("the gateway process exited early", () -> !process.isAlive())
                        .untilAsserted(() -> {
                            HttpResponse<String> response = client.send(score, HttpResponse.BodyHandlers.ofString());
                            assertThat(response.statusCode()).isEqualTo(200);
                            assertThat(response.body()).isEqualTo("{\"predictions\":[1]}");
                        });

                process.destroy(); // SIGTERM on Linux

                assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited within 20 s; log:\n%s", read(log)).isTrue();
                assertThat(process.exitValue()).as("exit code; log:\n%s", read(log)).isZero();
                assertThat(read(log)).contains("received SIGTERM").contains("draining");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static String read(Path log) throws Exception {
        File file = log.toFile();
        return file.exists() ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
