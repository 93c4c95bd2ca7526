package io.shadowgate.mirror;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.shadowgate.config.ShadowConfig;
import io.shadowgate.testing.BlackHole;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.LoopbackWireMock;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.ParallelScoring;
import io.shadowgate.testing.ShadowCounts;
import io.shadowgate.testing.TestConfigs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A broken shadow must change nothing for the client: every answer is stable's, no request waits
 * for the shadow, the in-flight bound holds, and every sampled request ends in exactly one outcome.
 */
class ShadowIsolationTest {
    @RegisterExtension
    static WireMockExtension stable = LoopbackWireMock.extension();
    @RegisterExtension
    static WireMockExtension candidate = LoopbackWireMock.extension(40);

    private static final String STABLE_ANSWER = "{\"predictions\":[0,1,2]}";
    private static final int REQUESTS = 30;

    private final HttpClient client = Http1.client();
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();

    private void start(String candidateUrl, Duration candidateTimeout, ShadowConfig shadow) throws Exception {
        stable.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(STABLE_ANSWER)));
        gateway.start(TestConfigs.mirrored(LoopbackWireMock.url(stable), Map.of(), candidateUrl, Map.of(),
                candidateTimeout, shadow, TestConfigs.compare(0, List.of())));
    }

    private HttpResponse<String> score(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code n} requests, 5 at a time, and checks each answer is stable's. */
    private void sendAndExpectStable(int n) throws Exception {
        ParallelScoring.expectEvery(client, gateway.proxyPort(), n, 5, STABLE_ANSWER);
    }

    private String scrape() {
        return gateway.metrics().scrape();
    }

    private ShadowCounts awaitAllEnded(int sampled) {
        return ShadowCounts.awaitEnded(this::scrape, sampled);
    }

    private double primaryErrors() {
        String scrape = scrape();
        return Scrapes.value(scrape, "shadowgate_requests_total", Map.of("upstream", "stable", "role", "primary", "status", "error"))
                + Scrapes.value(scrape, "shadowgate_requests_total", Map.of("upstream", "stable", "role", "primary", "status", "5xx"));
    }

    static Stream<Arguments> brokenShadows() {
        return Stream.of(
                Arguments.of("slow (1 s)", aResponse().withStatus(200).withBody(STABLE_ANSWER)
                        .withHeader("Content-Type", "application/json").withFixedDelay(1000), "compared"),
                Arguments.of("resetting the connection", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), "error"),
                Arguments.of("resetting mid-response", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), "error"),
                Arguments.of("answering garbage", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE), "error"),
                Arguments.of("closing without an answer", aResponse().withFault(Fault.EMPTY_RESPONSE), "error"),
                Arguments.of("answering 503", aResponse().withStatus(503).withBody("overloaded"), "compared"));
    }

    @ParameterizedTest(name = "a shadow {0}")
    @MethodSource("brokenShadows")
    void aBrokenShadowChangesNothingForTheClient(String name, ResponseDefinitionBuilder fault, String outcome)
            throws Exception {
        candidate.stubFor(any(anyUrl()).willReturn(fault));
        start(LoopbackWireMock.url(candidate), Duration.ofSeconds(5), TestConfigs.shadow(100, 64));

        sendAndExpectStable(REQUESTS);

        ShadowCounts counts = awaitAllEnded(REQUESTS);
        assertThat(outcome.equals("compared") ? counts.compared() : counts.error()).as(name).isEqualTo(REQUESTS);
        assertThat(primaryErrors()).isZero();
        if (name.contains("503")) {
            assertThat(Scrapes.value(scrape(), "shadowgate_comparisons_total", Map.of("result", "mismatch")))
                    .isEqualTo(REQUESTS);
            assertThat(Scrapes.value(scrape(), "shadowgate_requests_total",
                    Map.of("upstream", "candidate", "role", "shadow", "status", "5xx"))).isEqualTo(REQUESTS);
        }
    }

    @Test
    void aBlackHoledShadowNeverHoldsUpTheClientAndTimesOut() throws Exception {
        try (BlackHole hole = new BlackHole()) {
            start(hole.url(), Duration.ofSeconds(3), TestConfigs.shadow(100, 64));

            sendAndExpectStable(10);
            // Every client has its answer while no shadow has ended yet: nobody waited for one.
            ShadowCounts meanwhile = ShadowCounts.of(scrape());
            assertThat(meanwhile.sampled()).isEqualTo(10);
            assertThat(meanwhile.ended()).isZero();
            assertThat(Scrapes.value(scrape(), "shadowgate_shadow_in_flight", Map.of())).isEqualTo(10);

            assertThat(awaitAllEnded(10).timeout()).isEqualTo(10);
            assertThat(Scrapes.value(scrape(), "shadowgate_shadow_in_flight", Map.of())).isZero();
            assertThat(primaryErrors()).isZero();
        }
    }

    @Test
    void closingWithShadowsInFlightEndsThemAndReleasesTheirBuffers() throws Exception {
        try (BlackHole hole = new BlackHole()) {
            start(hole.url(), Duration.ofSeconds(30), TestConfigs.shadow(100, 64));
            sendAndExpectStable(10);
            assertThat(Scrapes.value(scrape(), "shadowgate_shadow_in_flight", Map.of())).isEqualTo(10);

            gateway.close(); // the suite's leak check fails this test if a retained body is left behind

            ShadowCounts counts = ShadowCounts.of(scrape()).assertIdentity();
            assertThat(counts.error() + counts.skipped()).isEqualTo(10);
        }
    }

    @Test
    void beyondMaxInFlightMirrorsAreShedNotQueued() throws Exception {
        try (BlackHole hole = new BlackHole()) {
            start(hole.url(), Duration.ofSeconds(3), TestConfigs.shadow(100, 4));

            sendAndExpectStable(REQUESTS);

            assertThat(Scrapes.value(scrape(), "shadowgate_shadow_in_flight", Map.of())).isEqualTo(4);
            assertThat(ShadowCounts.of(scrape()).shed()).isEqualTo(REQUESTS - 4);
            ShadowCounts counts = awaitAllEnded(REQUESTS);
            assertThat(counts.timeout()).isEqualTo(4);
            assertThat(counts.shed()).isEqualTo(REQUESTS - 4);
            assertThat(hole.acceptedConnections()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void aRefusingShadowCountsAsErrors() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        start("http://127.0.0.1:" + closedPort, Duration.ofSeconds(3), TestConfigs.shadow(100, 64));

        sendAndExpectStable(REQUESTS);

        assertThat(awaitAllEnded(REQUESTS).error()).isEqualTo(REQUESTS);
        assertThat(Scrapes.value(scrape(), "shadowgate_requests_total",
                Map.of("upstream", "candidate", "role", "shadow", "status", "error"))).isEqualTo(REQUESTS);
    }

    @Test
    void requestsAndAnswersOverTheBodyLimitAreSkipped() throws Exception {
        candidate.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"predictions\":\"" + "x".repeat(4096) + "\"}")));
        start(LoopbackWireMock.url(candidate), Duration.ofSeconds(5), new ShadowConfig(100, Optional.empty(), 64, 1024));

        HttpResponse<String> large = score("{\"pad\":\"" + "y".repeat(2000) + "\"}");
        assertThat(large.body()).isEqualTo(STABLE_ANSWER);
        assertThat(awaitAllEnded(1).skipped()).as("a request over the limit is not even sent").isEqualTo(1);
        assertThat(candidate.getAllServeEvents()).isEmpty();

        assertThat(score("{}").body()).isEqualTo(STABLE_ANSWER);
        assertThat(awaitAllEnded(2).skipped()).as("an answer over the limit is cut off and skipped").isEqualTo(2);
    }

    @Test
    void withoutSamplingNothingIsSent() throws Exception {
        candidate.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(STABLE_ANSWER)));
        start(LoopbackWireMock.url(candidate), Duration.ofSeconds(5), TestConfigs.shadow(0, 64));

        sendAndExpectStable(10);

        assertThat(ShadowCounts.of(scrape()).sampled()).isZero();
        assertThat(candidate.getAllServeEvents()).isEmpty();
    }
}
