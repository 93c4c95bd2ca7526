package io.shadowgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.shadowgate.testing.Http1;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server on loopback, run from the shipped {@code prometheus/prometheus.yml} with
 * only what a test must change: the target (the test's admin port), one-second scrape and rule
 * intervals, and the rule file's absolute path. Its data lives in a temporary folder.
 */
final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient client = Http1.client(Duration.ofSeconds(2));

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The shipped config with the target swapped to {@code 127.0.0.1:adminPort}, as YAML. */
    static String configFor(Path shippedConfig, Path rules, int adminPort) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode config = (ObjectNode) yaml.readTree(shippedConfig.toFile());
        ObjectNode global = (ObjectNode) config.get("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        config.putArray("rule_files").add(rules.toAbsolutePath().toString());
        ArrayNode scrapes = (ArrayNode) config.get("scrape_configs");
        if (scrapes.size() != 1) {
            throw new IllegalStateException("expected one scrape config in " + shippedConfig + ", found " + scrapes.size());
        }
        ObjectNode job = (ObjectNode) scrapes.get(0);
        job.put("scrape_interval", "1s");
        ArrayNode statics = (ArrayNode) job.get("static_configs");
        ((ObjectNode) statics.get(0)).putArray("targets").add("127.0.0.1:" + adminPort);
        return yaml.writeValueAsString(config);
    }

    static PrometheusServer start(Path binary, String config, Path dir) throws IOException, InterruptedException {
        Path configFile = Files.writeString(dir.resolve("prometheus.yml"), config);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, port, log);
        try {
            server.awaitReady(Duration.ofSeconds(30));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("prometheus exited with " + process.exitValue() + ": " + log());
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IOException("prometheus not ready within " + limit + ": " + log());
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON answer of an API call; Prometheus reports bad queries as {@code status: error} with a 400. */
    JsonNode api(String path, String... params) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder(path);
        for (int i = 0; i < params.length; i += 2) {
            query.append(i == 0 ? '?' : '&').append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return JSON.readTree(get(query.toString()).body());
    }

    JsonNode instantQuery(String expr, Instant at) throws IOException, InterruptedException {
        return api("/api/v1/query", "query", expr, "time", seconds(at));
    }

    JsonNode rangeQuery(String expr, Instant start, Instant end, Duration step) throws IOException, InterruptedException {
        return api("/api/v1/query_range", "query", expr, "start", seconds(start), "end", seconds(end),
                "step", step.toSeconds() + "s");
    }

    List<String> labelValues(String label, String match) throws IOException, InterruptedException {
        JsonNode answer = api("/api/v1/label/" + label + "/values", "match[]", match);
        return JSON.convertValue(answer.path("data"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private static String seconds(Instant at) {
        return String.format(java.util.Locale.ROOT, "%.3f", at.toEpochMilli() / 1000.0);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: Prometheus shuts down cleanly in well under a second
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
