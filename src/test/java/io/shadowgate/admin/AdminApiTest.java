package io.shadowgate.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.shadowgate.gateway.GatewayOptions;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.LoopbackWireMock;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.TestConfigs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin listener of a real gateway on loopback: probes, scrape, status, token and JSON errors. */
class AdminApiTest {
    @RegisterExtension
    static WireMockExtension model = LoopbackWireMock.extension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_TOKEN = "adm1n-T0ken-for-tests";
    private static final GatewayOptions FAST_PROBES = new GatewayOptions(null, Duration.ofMillis(200));

    private final HttpClient client = Http1.client();
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();

    private void startGateway(String stableUrl, Map<String, String> stableHeaders, String adminToken) throws Exception {
        gateway.start(TestConfigs.gateway(TestConfigs.server(1024 * 1024, 16 * 1024),
                TestConfigs.upstream(stableUrl, Duration.ofSeconds(5), 16, stableHeaders), adminToken), FAST_PROBES);
    }

    private void startGateway(String adminToken) throws Exception {
        startGateway(modelUrl(), Map.of(), adminToken);
    }

    private static String modelUrl() {
        return "http://127.0.0.1:" + model.getPort();
    }

    private HttpResponse<String> admin(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return admin("GET", path, null);
    }

    private HttpResponse<String> proxyPost(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.proxyPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void healthzAnswersOk() throws Exception {
        startGateway("");
        HttpResponse<String> response = get("/healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void readyzFollowsTheStableUpstreamWithoutARestart() throws Exception {
        int stablePort = freePort(); // nothing listens here yet: connections are refused
        startGateway("http://127.0.0.1:" + stablePort, Map.of(), "");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> response = get("/readyz");
            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode body = json(response);
            assertThat(body.path("status").asText()).isEqualTo("not_ready");
            // once the first probe failed, the reason names the upstream and where it was looked for
            assertThat(body.path("reason").asText()).contains("stable").contains("127.0.0.1:" + stablePort);
        });

        WireMockServer late = new WireMockServer(wireMockConfig().port(stablePort).bindAddress("127.0.0.1")
                .jettyAcceptors(1));
        late.start();
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> response = get("/readyz");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(json(response).path("status").asText()).isEqualTo("ready");
                assertThat(json(response).has("reason")).isFalse();
            });
        } finally {
            late.stop();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/readyz").statusCode()).isEqualTo(503));
    }

    @Test
    void metricsIsPrometheusTextWithTheRequestCounterAndTheLatencyHistogram() throws Exception {
        startGateway("");
        model.stubFor(post("/score").willReturn(aResponse().withBody("{\"predictions\":[1]}")));
        assertThat(proxyPost("/score").statusCode()).isEqualTo(200);

        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        String scrape = response.body();
        assertThat(scrape).contains("shadowgate_requests_total{").contains("shadowgate_upstream_latency_seconds_bucket");
        assertThat(Scrapes.value(scrape, "shadowgate_requests_total",
                Map.of("role", "primary", "status", "2xx", "upstream", "stable"))).isEqualTo(1.0);
        assertThat(Scrapes.value(scrape, "shadowgate_upstream_latency_seconds_bucket",
                Map.of("role", "primary", "upstream", "stable", "le", "+Inf"))).isEqualTo(1.0);
    }

    @Test
    void statusNeedsTheExactTokenAndNeverEchoesIt() throws Exception {
        startGateway(ADMIN_TOKEN);
        String[] refused = {
            null,
            "Bearer wrong-token",
            "Bearer " + ADMIN_TOKEN.substring(0, ADMIN_TOKEN.length() - 1),
            "Bearer " + ADMIN_TOKEN + "x",
            ADMIN_TOKEN,
            "Basic " + ADMIN_TOKEN,
        };
        for (String authorization : refused) {
            HttpResponse<String> response = admin("GET", "/status", authorization);
            assertThat(response.statusCode()).as("Authorization: %s", authorization).isEqualTo(401);
            assertThat(json(response).path("error").asText()).isEqualTo("unauthorized");
            assertThat(json(response).path("message").asText()).isNotBlank();
            assertThat(response.body()).doesNotContain(ADMIN_TOKEN).doesNotContain(ADMIN_TOKEN.substring(0, 8));
        }

        HttpResponse<String> allowed = admin("GET", "/status", "Bearer " + ADMIN_TOKEN);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(json(allowed).path("upstreams").path("stable").path("url").asText()).isEqualTo(modelUrl());
        assertThat(allowed.body()).doesNotContain(ADMIN_TOKEN);
    }

    @Test
    void probesAndScrapesNeedNoToken() throws Exception {
        startGateway(ADMIN_TOKEN);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/metrics").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/readyz").statusCode()).isEqualTo(200));
    }

    @Test
    void withoutAConfiguredTokenStatusIsOpen() throws Exception {
        startGateway("");
        HttpResponse<String> response = get("/status");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = json(response);
        assertThat(status.path("upstreams").path("stable").path("url").asText()).isEqualTo(modelUrl());
        assertThat(status.path("proxy").path("port").asInt()).isEqualTo(gateway.proxyPort());
        assertThat(status.path("proxy").path("listening").asBoolean()).isTrue();
        assertThat(status.path("version").asText()).isNotBlank();
    }

    @Test
    void unknownPathIsA404InJson() throws Exception {
        startGateway("");
        HttpResponse<String> response = get("/no-such-route");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = json(response);
        assertThat(body.path("error").asText()).isEqualTo("not_found");
        assertThat(body.path("message").asText()).contains("/no-such-route");
    }

    @Test
    void wrongMethodIsA405InJsonWithAllow() throws Exception {
        startGateway(ADMIN_TOKEN);
        for (String path : new String[] {"/healthz", "/readyz", "/metrics", "/status"}) {
            HttpResponse<String> response = admin("POST", path, "Bearer " + ADMIN_TOKEN);
            assertThat(response.statusCode()).as(path).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(path).hasValue("GET");
            assertThat(json(response).path("error").asText()).isEqualTo("method_not_allowed");
        }
        HttpResponse<String> delete = admin("DELETE", "/healthz", null);
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void secretUpstreamHeadersReachTheModelButNeverTheAdminApi() throws Exception {
        String secret = "s3cr3t-value";
        startGateway(modelUrl(), Map.of("Authorization", "Bearer " + secret), "");
        model.stubFor(post("/score").willReturn(aResponse().withBody("{\"predictions\":[1]}")));
        assertThat(proxyPost("/score").statusCode()).isEqualTo(200);
        model.verify(postRequestedFor(urlEqualTo("/score")).withHeader("Authorization", equalTo("Bearer " + secret)));

        HttpResponse<String> status = get("/status");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(json(status).path("upstreams").path("stable").path("url").asText()).isEqualTo(modelUrl());
        assertThat(status.body()).doesNotContain(secret);
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("shadowgate_requests_total{").doesNotContain(secret);
        assertThat(get("/readyz").body()).doesNotContain(secret);
    }
}
