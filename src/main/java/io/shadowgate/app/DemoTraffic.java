package io.shadowgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.shadowgate.sample.IrisDataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The demo's client side: sends scoring requests through the gateway exactly as a user's client
 * would, then reads the comparison back from the admin API as an operator would, and prints both.
 */
final class DemoTraffic {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String scoreUrl;
    private final String adminUrl;
    private final PrintWriter out;
    private int sent;

    DemoTraffic(int proxyPort, int adminPort, PrintWriter out) {
        this.scoreUrl = "http://127.0.0.1:" + proxyPort + "/score";
        this.adminUrl = "http://127.0.0.1:" + adminPort;
        this.out = out;
    }

    /** Sends one request and prints it as the equivalent curl with the answer; false unless 200. */
    boolean scoreOneAndShow(String body) throws IOException, InterruptedException {
        out.println("$ curl -s -H 'Content-Type: application/json' -d '" + body + "' " + scoreUrl);
        HttpResponse<String> response = score(body);
        out.println("HTTP " + response.statusCode() + "  X-Request-Id: "
                + response.headers().firstValue("X-Request-Id").orElse("-"));
        out.println(response.body());
        out.println();
        return response.statusCode() == 200;
    }

    /** Scores every row of the bundled dataset, {@code rowsPerRequest} at a time (the first request is already sent). */
    void scoreDataset(int rowsPerRequest) throws IOException, InterruptedException {
        int rows = IrisDataset.bundled().size();
        for (int first = rowsPerRequest; first < rows; first += rowsPerRequest) {
            score(IrisDataset.scoreRequestBody(first, Math.min(rowsPerRequest, rows - first)));
        }
        out.println("scored all " + rows + " rows of the Iris dataset in " + sent + " requests; each went to stable, "
                + "and a copy to the candidate");
    }

    /** Waits (briefly) for the last comparisons, then prints the admin API's summary. */
    void showComparison() throws IOException, InterruptedException {
        JsonNode summary = summary();
        for (int attempt = 0; attempt < 50 && summary.path("matchRate").path("comparisons").asInt() < sent; attempt++) {
            CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)).join();
            summary = summary();
        }
        JsonNode rate = summary.path("matchRate");
        out.printf("compared %d of %d requests: match rate %.3f%n", rate.path("comparisons").asInt(), sent,
                rate.path("rate").asDouble(Double.NaN));
        for (JsonNode difference : summary.path("differences")) {
            out.printf("  %-24s %-8s %d%n", difference.path("path").asText(), difference.path("kind").asText(),
                    difference.path("count").asInt());
        }
        out.println();
        out.println("summary:     curl -s " + adminUrl + "/mismatches/summary");
        out.println("samples:     curl -s '" + adminUrl + "/mismatches?limit=3'");
        out.println("metrics:     curl -s " + adminUrl + "/metrics | grep -E 'shadowgate_(comparisons|compared_rows|match_rate)'");
        out.println();
    }

    private HttpResponse<String> score(String body) throws IOException, InterruptedException {
        sent++;
        return client.send(HttpRequest.newBuilder(URI.create(scoreUrl))
                .header("Content-Type", "application/json")
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode summary() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(adminUrl + "/mismatches/summary"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
