package io.shadowgate.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.LoopbackWireMock;
import io.shadowgate.testing.RawHttp;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The happy path: what the client sends reaches the stable model, and its answer comes back as it was. */
class ProxyForwardingTest {
    @RegisterExtension
    static WireMockExtension model = LoopbackWireMock.extension();

    private final HttpClient client = Http1.client();
    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension(
            () -> TestConfigs.gateway(LoopbackWireMock.url(model) + "/base/"));

    private URI proxy(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway.proxyPort() + pathAndQuery);
    }

    @Test
    void forwardsMethodPathQueryHeadersAndBodyAndRelaysTheAnswerUnchanged() throws Exception {
        model.stubFor(post("/base/score?version=3").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Model-Version", "blue-7")
                .withBody("{\"predictions\":[0.25,0.75]}")));

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(proxy("/score?version=3"))
                .header("Content-Type", "application/json")
                .header("X-User-Id", "u-42")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input_data\":{\"data\":[[1,2]]}}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"predictions\":[0.25,0.75]}");
        assertThat(response.headers().firstValue("X-Model-Version")).hasValue("blue-7");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        model.verify(postRequestedFor(urlEqualTo("/base/score?version=3"))
                .withHeader("X-User-Id", equalTo("u-42"))
                .withHeader("Host", equalTo("127.0.0.1:" + model.getPort()))
                .withHeader("X-Forwarded-For", equalTo("127.0.0.1"))
                .withHeader("X-Forwarded-Proto", equalTo("http"))
                .withHeader("X-Forwarded-Host", equalTo("127.0.0.1:" + gateway.proxyPort()))
                .withRequestBody(equalToJson("{\"input_data\":{\"data\":[[1,2]]}}")));
    }

    @Test
    void generatesARequestIdWhenAbsentAndKeepsTheClientsOtherwise() throws Exception {
        model.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));

        HttpResponse<String> generated = client.send(HttpRequest.newBuilder(proxy("/score")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String id = generated.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        model.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/base/score"))
                .withHeader("X-Request-Id", equalTo(id)));

        HttpResponse<String> given = client.send(HttpRequest.newBuilder(proxy("/score"))
                .header("X-Request-Id", "client-chosen-1").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(given.headers().firstValue("X-Request-Id")).hasValue("client-chosen-1");
    }

    @Test
    void dropsHopByHopHeadersBothWays() throws Exception {
        model.stubFor(post("/base/score").willReturn(aResponse().withBody("{}")
                .withHeader("Keep-Alive", "timeout=5").withHeader("Proxy-Authenticate", "Basic")));
        String body = "{\"a\":1}";
        try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
            String response = raw.send("POST /score HTTP/1.1\r\nHost: gw\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close, X-Secret-Hop\r\nX-Secret-Hop: 1\r\nKeep-Alive: timeout=9\r\n"
                    + "TE: trailers\r\nProxy-Authorization: Basic Zm9vOmJhcg==\r\nX-End-To-End: yes\r\n\r\n" + body)
                    .readUntilClose();
            assertThat(response).startsWith("HTTP/1.1 200").contains("{}");
            assertThat(response.toLowerCase()).doesNotContain("keep-alive: timeout").doesNotContain("proxy-authenticate");
        }
        model.verify(postRequestedFor(urlEqualTo("/base/score"))
                .withHeader("X-End-To-End", equalTo("yes"))
                .withHeader("X-Secret-Hop", absent())
                .withHeader("Keep-Alive", absent())
                .withHeader("TE", absent())
                .withHeader("Proxy-Authorization", absent()));
    }

    @Test
    void relaysAChunkedResponseChunkByChunk() throws Exception {
        String big = "x".repeat(200_000);
        model.stubFor(post("/base/score").willReturn(aResponse().withBody(big).withChunkedDribbleDelay(20, 200)));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(proxy("/score"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(big);
    }

    @Test
    void answersExpectContinueAndForwardsTheBodyWithoutTheExpectation() throws Exception {
        model.stubFor(post("/base/score").willReturn(aResponse().withBody("{\"predictions\":[1]}")));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(proxy("/score")).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        model.verify(postRequestedFor(urlEqualTo("/base/score"))
                .withHeader("Expect", absent())
                .withRequestBody(equalToJson("{\"x\":1}")));
    }

    @Test
    void keepsClientConnectionsAliveAcrossRequestsAndAnswersPipelinedRequestsInOrder() throws Exception {
        model.stubFor(post("/base/a").willReturn(aResponse().withBody("first").withFixedDelay(100)));
        model.stubFor(post("/base/b").willReturn(aResponse().withBody("second")));
        try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
            raw.send("POST /a HTTP/1.1\r\nHost: gw\r\nContent-Length: 0\r\n\r\n"
                    + "POST /b HTTP/1.1\r\nHost: gw\r\nContent-Length: 0\r\n\r\n");
            assertThat(raw.readResponse()).startsWith("HTTP/1.1 200").endsWith("first");
            assertThat(raw.readResponse()).startsWith("HTTP/1.1 200").endsWith("second");
            raw.send("POST /a HTTP/1.1\r\nHost: gw\r\nContent-Length: 0\r\n\r\n");
            assertThat(raw.readResponse()).endsWith("first");
        }
    }

    @Test
    void countsEveryAnswerByStatusClassAndTimesIt() throws Exception {
        model.stubFor(post("/base/ok").willReturn(aResponse().withBody("{}")));
        model.stubFor(post("/base/bad").willReturn(aResponse().withStatus(422).withBody("{}")));
        model.stubFor(post("/base/broken").willReturn(aResponse().withStatus(503).withBody("{}")));
        for (String path : new String[] {"/ok", "/ok", "/bad", "/broken"}) {
            client.send(HttpRequest.newBuilder(proxy(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        String scrape = gateway.metrics().scrape();
        Map<String, String> stable = Map.of("upstream", "stable", "role", "primary");
        assertThat(Scrapes.value(scrape, "shadowgate_requests_total", with(stable, "status", "2xx"))).isEqualTo(2.0);
        assertThat(Scrapes.value(scrape, "shadowgate_requests_total", with(stable, "status", "4xx"))).isEqualTo(1.0);
        assertThat(Scrapes.value(scrape, "shadowgate_requests_total", with(stable, "status", "5xx"))).isEqualTo(1.0);
        assertThat(Scrapes.value(scrape, "shadowgate_requests_total", with(stable, "status", "error"))).isEqualTo(0.0);
        assertThat(Scrapes.value(scrape, "shadowgate_upstream_latency_seconds_count", stable)).isEqualTo(4.0);
        assertThat(Scrapes.value(scrape, "shadowgate_upstream_latency_seconds_bucket", with(stable, "le", "+Inf")))
                .isEqualTo(4.0);
        assertThat(Scrapes.value(scrape, "shadowgate_upstream_first_byte_seconds_count", with(stable, "route", "default")))
                .isEqualTo(4.0);
        assertThat(scrape).contains("jvm_memory_used_bytes").contains("process_cpu_usage");
    }

    @Test
    void headRequestsAndEmptyAnswersKeepTheConnectionUsable() throws Exception {
        model.stubFor(any(urlEqualTo("/base/score")).willReturn(aResponse().withStatus(204)));
        model.stubFor(com.github.tomakehurst.wiremock.client.WireMock.head(urlEqualTo("/base/info"))
                .willReturn(aResponse().withHeader("Content-Length", "1234")));
        try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
            raw.send("HEAD /info HTTP/1.1\r\nHost: gw\r\n\r\n");
            assertThat(raw.readResponse(true)).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: 1234");
        }
        HttpResponse<String> empty = client.send(HttpRequest.newBuilder(proxy("/score"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(empty.statusCode()).isEqualTo(204);
        model.verify(com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor(urlEqualTo("/base/info"))
                .withHeader("X-Request-Id", matching(".+")));
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        java.util.HashMap<String, String> all = new java.util.HashMap<>(labels);
        all.put(key, value);
        return all;
    }
}
