package io.shadowgate.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.shadowgate.config.RouteCompareConfig;
import io.shadowgate.config.RouteConfig;
import io.shadowgate.config.RouteMatch;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.LoopbackWireMock;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On {@code /metrics}, every leg (the primary, the candidate's shadow copy, stable's noise copies)
 * is timed to its first byte and to its end under the request's route label: the configured
 * route's name, or {@code default}, never the path the client sent.
 */
class RouteLabelledTimersTest {
    @RegisterExtension
    static WireMockExtension stable = LoopbackWireMock.extension();
    @RegisterExtension
    static WireMockExtension candidate = LoopbackWireMock.extension();

    private final HttpClient client = Http1.client();
    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension(RouteLabelledTimersTest::config);

    private static ShadowgateConfig config() {
        ShadowgateConfig mirrored = TestConfigs.mirrored(LoopbackWireMock.url(stable), Map.of(),
                LoopbackWireMock.url(candidate), Map.of(), Duration.ofSeconds(5), TestConfigs.shadow(100, 64),
                TestConfigs.compare(100, List.of()));
        return mirrored.withRoutes(List.of(new RouteConfig(Optional.of("chat"),
                new RouteMatch("/v1/chat/*", Optional.empty()), RouteCompareConfig.json(mirrored.compare()))));
    }

    @Test
    void everyLegIsTimedToItsFirstByteAndEndUnderItsRoute() throws Exception {
        for (WireMockExtension model : List.of(stable, candidate)) {
            model.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
                    .withBody("{\"predictions\":[1]}")));
        }
        for (String path : new String[] {"/v1/chat/completions", "/v1/chat/completions?stream=false", "/score"}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.proxyPort() + path))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("latency", "candidate", "shadow", "chat") == 2 && count("latency", "candidate", "shadow", "default") == 1);

        for (String timer : List.of("latency", "first_byte")) {
            for (String[] leg : new String[][] {{"stable", "primary"}, {"candidate", "shadow"}}) {
                assertThat(count(timer, leg[0], leg[1], "chat")).as(timer + " " + leg[1]).isEqualTo(2);
                assertThat(count(timer, leg[0], leg[1], "default")).as(timer + " " + leg[1]).isEqualTo(1);
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            // One or two noise copies per request, at random: each is timed both ways, on its route.
            for (String route : List.of("chat", "default")) {
                assertThat(count("first_byte", "stable", "noise", route)).isPositive()
                        .isEqualTo(count("latency", "stable", "noise", route));
            }
        });
        assertThat(gateway.metrics().scrape()).contains("shadowgate_upstream_first_byte_seconds_bucket{")
                .doesNotContain("route=\"/v1/chat/completions\"").doesNotContain("route=\"/score\"");
    }

    private double count(String timer, String upstream, String role, String route) {
        Map<String, String> labels = new HashMap<>(Map.of("upstream", upstream, "role", role, "route", route));
        return Scrapes.value(gateway.metrics().scrape(), "shadowgate_upstream_" + timer + "_seconds_count", labels);
    }
}
