package io.shadowgate.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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

/**
 * {@code shadowgate run} in a child JVM on the test's class path, for tests that kill the process:
 * starts it, waits until its admin API answers, talks to it, and kills it with SIGKILL.
 */
public final class ChildGateway implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = Http1.client(Duration.ofSeconds(2));
    private final Process process;
    private final int adminPort;
    private final Path log;

    private ChildGateway(Process process, int adminPort, Path log) {
        this.process = process;
        this.adminPort = adminPort;
        this.log = log;
    }

    /** Starts the gateway with {@code config} and waits until {@code /status} shows a rollout. */
    public static ChildGateway start(Path config, int adminPort, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only: a gateway that lives a second needs a fast start, not peak speed.
        Process process = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "io.shadowgate.app.Main", "run", "--config", config.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ChildGateway child = new ChildGateway(process, adminPort, log);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .failFast("the gateway exited early; log:\n" + child.logText(), () -> !process.isAlive())
                    .until(() -> child.rollout().has("phase"));
        } catch (RuntimeException | Error e) {
            child.close();
            throw e;
        }
        return child;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The rollout part of {@code GET /status}. */
    public JsonNode rollout() throws Exception {
        return JSON.readTree(admin("GET", "/status").body()).path("rollout");
    }

    public HttpResponse<String> admin(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hook, no drain, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the gateway survived SIGKILL for 20 s");
        }
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
