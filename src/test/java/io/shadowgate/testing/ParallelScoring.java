package io.shadowgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Scoring requests through a gateway, a few at a time, each answer checked against what stable says. */
public final class ParallelScoring {
    private ParallelScoring() {}

    /** {@code n} POST /score requests to {@code port}, {@code parallel} at a time; each must be 200 with {@code body}. */
    public static void expectEvery(HttpClient client, int port, int n, int parallel, String body) throws Exception {
        for (int batch = 0; batch < n; batch += parallel) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = batch; i < Math.min(n, batch + parallel); i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/score"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"i\":" + i + "}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo(body);
            }
        }
    }
}
