package io.shadowgate.app;

import io.shadowgate.gateway.Gateway;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.shadowgate.config.ServerConfig;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.RawHttp;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.StubModel;
import io.shadowgate.testing.TestConfigs;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Gateway#shutdown()}: stop accepting, let requests in flight finish, then close. */
class GracefulShutdownTest {
    private static final Map<String, String> STABLE_2XX = Map.of("upstream", "stable", "role", "primary", "status", "2xx");

    private final HttpClient client = Http1.client();
    private final ExecutorService shutdownThread = Executors.newSingleThreadExecutor();
    private StubModel model;
    private Gateway gateway;
    private CompletableFuture<Double> shutdown;

    @AfterEach
    void stop() throws Exception {
        if (shutdown != null) {
            shutdown.handle((count, failure) -> null).get(30, TimeUnit.SECONDS);
        }
        if (gateway != null) {
            gateway.close(); // idempotent: a no-op after shutdown()
        }
        shutdownThread.shutdownNow();
        if (model != null) {
            model.close();
        }
    }

    private void start(long modelDelayMillis) throws Exception {
        model = new StubModel(modelDelayMillis);
        startGateway(model.url(), Duration.ofSeconds(10));
        // The first readiness probe goes out at once; wait for it so request counts below are exact.
        await().atMost(Duration.ofSeconds(5)).until(() -> model.requests() == 1);
    }

    private void startGateway(String stableUrl, Duration drainTimeout) throws Exception {
        ServerConfig server = new ServerConfig("127.0.0.1", 0, 1024 * 1024, 16 * 1024, Duration.ofSeconds(60),
                drainTimeout, 2);
        gateway = Gateway.start(TestConfigs.gateway(server,
                TestConfigs.upstream(stableUrl, Duration.ofSeconds(10), 16, Map.of()), ""));
    }

    private static boolean refuses(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Runs {@code gateway.shutdown()} on its own thread; completes with the 2xx count it left behind. */
    private CompletableFuture<Double> shutdownInBackground() {
        shutdown = CompletableFuture.supplyAsync(() -> {
            try {
                gateway.shutdown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            // Read right after shutdown returned: proves the exchange completed before, not after.
            return Scrapes.value(gateway.metrics().scrape(), "shadowgate_requests_total", STABLE_2XX);
        }, shutdownThread);
        return shutdown;
    }

    @Test
    void aRequestInFlightCompletesWhileNewConnectionsAreRefused() throws Exception {
        start(1000);
        int proxyPort = gateway.proxyPort();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + "/score"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> model.requests() == 2); // reached the model, now held 1 s

        CompletableFuture<Double> stopped = shutdownInBackground();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> refuses(proxyPort));

        HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"predictions\":[1]}");
        assertThat(stopped.get(10, TimeUnit.SECONDS))
                .as("2xx answers counted when shutdown() returned").isEqualTo(1.0);
        assertThat(model.requests()).isEqualTo(2);
        assertThat(refuses(proxyPort)).isTrue();
    }

    @Test
    void idleKeepAliveConnectionsAreClosedAtOnce() throws Exception {
        start(0);
        try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
            raw.send("POST /score HTTP/1.1\r\nHost: gw\r\nContent-Length: 2\r\n\r\n{}");
            assertThat(raw.readResponse()).startsWith("HTTP/1.1 200").endsWith("{\"predictions\":[1]}");
            // The connection is now idle and kept alive; shutdown must close it rather than wait for it.
            CompletableFuture<Double> stopped = shutdownInBackground();
            assertThat(raw.readUntilClose()).isEmpty();
            assertThat(stopped.get(10, TimeUnit.SECONDS)).isEqualTo(1.0);
        }
    }

    @Test
    void aRequestOutlivingTheDrainTimeoutIsCut() throws Exception {
        // WireMock rather than StubModel: a stub answer still scheduled when the stub closes would leak its buffer.
        WireMockServer slow = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
        slow.start();
        try {
            slow.stubFor(post("/slow").willReturn(aResponse().withBody("late").withFixedDelay(5000)));
            startGateway("http://127.0.0.1:" + slow.port(), Duration.ofMillis(200));
            try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
                raw.send("POST /slow HTTP/1.1\r\nHost: gw\r\nContent-Length: 2\r\n\r\n{}");
                await().atMost(Duration.ofSeconds(4)).until(() -> slow.getAllServeEvents().stream().anyMatch(e -> e.getRequest().getUrl().equals("/slow")));
                CompletableFuture<Double> stopped = shutdownInBackground();
                assertThat(stopped.get(10, TimeUnit.SECONDS)).as("no answer was given").isEqualTo(0.0);
                String answer = raw.readUntilClose();
                assertThat(answer).doesNotContain("<timeout").doesNotStartWith("HTTP/1.1 200");
            }
            assertThatThrownBy(() -> new Socket("127.0.0.1", gateway.proxyPort()).close())
                    .isInstanceOf(ConnectException.class);
        } finally {
            slow.stop();
        }
    }
}
