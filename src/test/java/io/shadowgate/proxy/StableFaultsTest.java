package io.shadowgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.StubModel;
import io.shadowgate.testing.TestConfigs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults of the stable model that {@link ProxyErrorsTest} does not cover: down when the gateway
 * starts, flapping, and closing pooled connections on its own keep-alive timeout. The client always
 * gets the model's exact answer or the gateway's JSON 502, never a hang, and the gateway recovers
 * without a restart.
 */
class StableFaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = "{\"predictions\":[7]}";

    private final HttpClient client = Http1.client(Duration.ofSeconds(2));
    private final List<StubModel> models = new ArrayList<>();
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();

    @AfterEach
    void stop() {
        models.forEach(StubModel::close);
    }

    private void startGateway(int stablePort) throws Exception {
        gateway.start(TestConfigs.gateway(TestConfigs.server(1 << 20, 16 * 1024),
                TestConfigs.upstream("http://127.0.0.1:" + stablePort, Duration.ofSeconds(3), 16, Map.of()), ""));
    }

    private StubModel model(int port, long keepAliveMillis) throws Exception {
        StubModel model = new StubModel(port, 0, keepAliveMillis, () -> ANSWER);
        models.add(model);
        return model;
    }

    private HttpResponse<String> score() throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                .timeout(Duration.ofSeconds(10)) // far above stable.timeout: only a hang reaches it
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int readyz() throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort() + "/readyz"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private double stableErrors() {
        return Scrapes.value(gateway.metrics().scrape(), "shadowgate_requests_total",
                Map.of("upstream", "stable", "status", "error"));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The model's exact answer, or the gateway's own JSON 502 for a model that is not there or cut
     * the connection. Not a 504: every stub that goes away closes its sockets, so a request that
     * waited for the timeout would have been sent on a connection the gateway should have dropped.
     */
    private static void assertAnswerOr502(HttpResponse<String> response) throws Exception {
        if (response.statusCode() == 200) {
            assertThat(response.body()).isEqualTo(ANSWER);
            return;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("error").asText()).isIn("upstream_unavailable", "upstream_reset");
    }

    @Test
    void aStableDownAtStartIs502AndNotReadyThenServesWithoutARestart() throws Exception {
        int port = freePort();
        startGateway(port);

        HttpResponse<String> refused = score();
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("upstream_unavailable");
        assertThat(readyz()).isEqualTo(503);

        model(port, 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(score().body()).isEqualTo(ANSWER));
        assertThat(readyz()).isEqualTo(200);
    }

    @Test
    void aFlappingStableGivesEachClientItsAnswerOrA502AndNeverAHang() throws Exception {
        int port = freePort();
        StubModel first = model(port, 0);
        startGateway(port);
        AtomicBoolean flapping = new AtomicBoolean(true);
        CompletableFuture<List<HttpResponse<String>>> traffic = CompletableFuture.supplyAsync(() -> {
            List<HttpResponse<String>> answers = new ArrayList<>();
            while (flapping.get()) {
                try {
                    answers.add(score());
                } catch (Exception e) {
                    throw new AssertionError("a client got no answer", e);
                }
            }
            return answers;
        });

        StubModel up = first;
        for (int flap = 0; flap < 4; flap++) {
            Thread.sleep(250);
            up.close(); // cuts its connections too, some mid-request
            Thread.sleep(150);
            up = model(port, 0);
        }
        Thread.sleep(250);
        flapping.set(false);

        List<HttpResponse<String>> answers = traffic.get(30, TimeUnit.SECONDS);
        for (HttpResponse<String> answer : answers) {
            assertAnswerOr502(answer);
        }
        assertThat(answers).as("answered while flapping").anyMatch(answer -> answer.statusCode() == 200);
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> settled = score();
            assertThat(settled.statusCode()).as("after the flapping, request %d", i).isEqualTo(200);
            assertThat(settled.body()).isEqualTo(ANSWER);
        }
    }

    /**
     * A model with a 100 ms keep-alive timeout closes pooled connections while they sit idle; pauses
     * around that timeout make the close race the next request. None of them may become a 502:
     * closed connections leave the pool, and a write that loses the race is retried once.
     */
    @Test
    void connectionsTheModelClosedWhileIdleAreNeverReusedIntoA502() throws Exception {
        StubModel model = model(0, 100);
        startGateway(model.port());
        long[] pauses = {0, 60, 95, 100, 105, 150};
        for (int i = 0; i < 36; i++) {
            HttpResponse<String> response = score();
            assertThat(response.statusCode()).as("request %d: %s", i, response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(ANSWER);
            Thread.sleep(pauses[i % pauses.length]);
        }
        assertThat(model.acceptedConnections()).as("the model did close idle connections").isGreaterThan(2);
        assertThat(stableErrors()).isZero();
    }
}
