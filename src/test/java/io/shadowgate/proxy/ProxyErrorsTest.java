package io.shadowgate.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.LoopbackWireMock;
import io.shadowgate.testing.RawHttp;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.StubModel;
import io.shadowgate.testing.TestConfigs;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every way a request can fail gets a JSON answer with the right status, and the gateway keeps serving. */
class ProxyErrorsTest {
    @RegisterExtension
    static WireMockExtension model = LoopbackWireMock.extension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = Http1.client();
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();

    private void startGateway(String stableUrl, Duration timeout, long maxBody, int maxHeader) throws Exception {
        gateway.start(TestConfigs.gateway(TestConfigs.server(maxBody, maxHeader),
                TestConfigs.upstream(stableUrl, timeout, 16, Map.of()), ""));
    }

    private void startGateway() throws Exception {
        startGateway("http://127.0.0.1:" + model.getPort(), Duration.ofSeconds(10), 1024, 1024);
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.proxyPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(body.path("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    private void assertStillServing() throws Exception {
        model.stubFor(post("/alive").willReturn(aResponse().withBody("{\"alive\":true}")));
        assertThat(send("/alive", "{}").body()).isEqualTo("{\"alive\":true}");
    }

    @Test
    void refusedUpstreamGives502() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        startGateway("http://127.0.0.1:" + closedPort, Duration.ofSeconds(5), 1024, 1024);
        HttpResponse<String> response = send("/score", "{}");
        assertJsonError(response, 502, "upstream_unavailable");
        assertThat(response.body()).contains("127.0.0.1:" + closedPort);
        assertThat(Scrapes.value(gateway.metrics().scrape(), "shadowgate_requests_total",
                Map.of("upstream", "stable", "status", "error"))).isEqualTo(1.0);
    }

    @Test
    void upstreamResetGives502AndTheNextRequestStillWorks() throws Exception {
        startGateway();
        model.stubFor(post("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertJsonError(send("/reset", "{}"), 502, "upstream_reset");
        model.stubFor(post("/empty").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        assertJsonError(send("/empty", "{}"), 502, "upstream_reset");
        model.stubFor(post("/garbage").willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
        HttpResponse<String> garbage = send("/garbage", "{}");
        assertThat(garbage.statusCode()).isEqualTo(502);
        assertStillServing();
    }

    @Test
    void upstreamCutMidBodyClosesTheClientConnection() throws Exception {
        startGateway();
        model.stubFor(post("/cut").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
            String answer = raw.send("POST /cut HTTP/1.1\r\nHost: gw\r\nContent-Length: 0\r\n\r\n").readUntilClose();
            assertThat(answer).startsWith("HTTP/1.1 200").doesNotContain("<timeout");
        }
        assertStillServing();
    }

    @Test
    void slowUpstreamGives504AfterTheTimeout() throws Exception {
        startGateway("http://127.0.0.1:" + model.getPort(), Duration.ofMillis(300), 1024, 1024);
        model.stubFor(post("/slow").willReturn(aResponse().withBody("late").withFixedDelay(3000)));
        HttpResponse<String> response = send("/slow", "{}");
        assertJsonError(response, 504, "upstream_timeout");
        assertThat(response.body()).contains("300 ms");
        assertStillServing();
    }

    @Test
    void bodyOverTheLimitGives413BeforeReachingTheModel() throws Exception {
        startGateway();
        HttpResponse<String> response = send("/score", "x".repeat(2000));
        assertJsonError(response, 413, "body_too_large");
        assertThat(response.body()).contains("server.maxRequestBytes");
        assertThat(model.findAll(postRequestedFor(urlEqualTo("/score")))).isEmpty();
        assertThat(Scrapes.value(gateway.metrics().scrape(), "shadowgate_rejected_requests_total",
                Map.of("reason", "body_too_large"))).isEqualTo(1.0);
        assertStillServing();
    }

    @Test
    void chunkedBodyOverTheLimitGives413AndCloses() throws Exception {
        startGateway();
        String chunk = "x".repeat(600);
        try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
            String answer = raw.send("POST /score HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(600) + "\r\n" + chunk + "\r\n" + Integer.toHexString(600) + "\r\n" + chunk
                    + "\r\n0\r\n\r\n").readUntilClose();
            assertThat(answer).startsWith("HTTP/1.1 413").contains("body_too_large").doesNotContain("<timeout");
        }
        assertStillServing();
    }

    @Test
    void headersOverTheLimitGive431() throws Exception {
        startGateway();
        try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
            String answer = raw.send("GET /score HTTP/1.1\r\nHost: gw\r\nX-Big: " + "a".repeat(4000) + "\r\n\r\n")
                    .readUntilClose();
            assertThat(answer).startsWith("HTTP/1.1 431").contains("\"error\":\"headers_too_large\"");
        }
        assertStillServing();
    }

    @Test
    void malformedRequestGives400AndOverlongLineGives414() throws Exception {
        startGateway();
        try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
            String answer = raw.send("THIS IS NOT HTTP\r\nreally not\r\n\r\n").readUntilClose();
            assertThat(answer).startsWith("HTTP/1.1 400").contains("\"error\":\"bad_request\"");
        }
        try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
            String answer = raw.send("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: gw\r\n\r\n").readUntilClose();
            assertThat(answer).startsWith("HTTP/1.1 414").contains("\"error\":\"uri_too_long\"");
        }
        assertStillServing();
    }

    @Test
    void clientLeavingMidRequestFreesTheUpstreamConnection() throws Exception {
        try (StubModel slowModel = new StubModel(3000)) {
            startGateway(slowModel.url(), Duration.ofSeconds(10), 1024, 1024);
            // The readiness probe holds one connection (later idle in the pool); the request gets its own.
            await().atMost(Duration.ofSeconds(5)).until(() -> slowModel.requests() == 1);
            try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
                raw.send("POST /slow HTTP/1.1\r\nHost: gw\r\nContent-Length: 2\r\n\r\n{}");
                await().atMost(Duration.ofSeconds(5)).until(() -> slowModel.requests() == 2);
                assertThat(slowModel.openConnections()).isEqualTo(2);
            }
            // A half-used upstream connection cannot be reused: the gateway closes it at once.
            await().atMost(Duration.ofSeconds(2)).until(() -> slowModel.openConnections() == 1);
        }
    }

    private double connections() {
        return Scrapes.value(gateway.metrics().scrape(), "shadowgate_upstream_connections", Map.of("upstream", "stable"));
    }
}
