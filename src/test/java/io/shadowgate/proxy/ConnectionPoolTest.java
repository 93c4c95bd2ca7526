package io.shadowgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.gateway.Gateway;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.StubModel;
import io.shadowgate.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Upstream connections are pooled, reused, and never more than {@code maxConnections}. */
class ConnectionPoolTest {

    @Test
    void twoHundredConcurrentClientsNeverOpenMoreThanMaxConnections() throws Exception {
        int maxConnections = 8;
        try (StubModel model = new StubModel(20);
             Gateway gateway = Gateway.start(TestConfigs.gateway(TestConfigs.server(1 << 20, 16 * 1024),
                     TestConfigs.upstream(model.url(), Duration.ofSeconds(30), maxConnections, Map.of()), ""))) {
            ExecutorService clients = Executors.newFixedThreadPool(200);
            try {
                List<CompletableFuture<Integer>> answers = new ArrayList<>();
                for (int client = 0; client < 200; client++) {
                    answers.add(CompletableFuture.supplyAsync(() -> postThreeTimes(gateway.proxyPort()), clients));
                }
                for (CompletableFuture<Integer> answer : answers) {
                    assertThat(answer.get()).isEqualTo(3);
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(model.requests()).isGreaterThanOrEqualTo(600);
            assertThat(model.maxOpenConnections()).isLessThanOrEqualTo(maxConnections);
            assertThat(model.acceptedConnections()).isLessThanOrEqualTo(maxConnections);
        }
    }

    @Test
    void sequentialRequestsReuseOneConnection() throws Exception {
        try (StubModel model = new StubModel(0);
             Gateway gateway = Gateway.start(TestConfigs.gateway(model.url()))) {
            HttpClient client = Http1.client();
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
            }
            // The readiness probe may have opened one more before the first request arrived.
            assertThat(model.acceptedConnections()).isLessThanOrEqualTo(2);
        }
    }

    /** Three requests on one keep-alive client; returns how many came back 200. */
    private static int postThreeTimes(int port) {
        HttpClient client = Http1.client();
        int ok = 0;
        for (int i = 0; i < 3; i++) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/score"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"input_data\":{\"data\":[[1,2,3,4]]}}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("predictions")) {
                    ok++;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return ok;
    }
}
