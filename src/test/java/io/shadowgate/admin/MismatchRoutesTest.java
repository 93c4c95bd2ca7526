package io.shadowgate.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.shadowgate.config.AdminConfig;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.LoopbackWireMock;
import io.shadowgate.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mismatch routes' contract: token, limit validation, and a clear answer without a candidate. */
class MismatchRoutesTest {
    @RegisterExtension
    static WireMockExtension model = LoopbackWireMock.extension();

    private static final String TOKEN = "t0ken-for-mismatch-tests";
    private final HttpClient client = Http1.client();
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();

    @BeforeEach
    void stub() {
        model.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{\"predictions\":[1]}")));
    }

    private void start(boolean withCandidate) throws Exception {
        String url = "http://127.0.0.1:" + model.getPort();
        ShadowgateConfig mirrored = TestConfigs.mirrored(url, Map.of(), url, Map.of(), Duration.ofSeconds(2),
                TestConfigs.shadow(100, 8), TestConfigs.compare(0, List.of()));
        ShadowgateConfig config = new ShadowgateConfig(mirrored.server(), new AdminConfig("127.0.0.1", 0, TOKEN),
                mirrored.stable(), withCandidate ? mirrored.candidate() : java.util.Optional.empty(),
                mirrored.shadow(), mirrored.compare(), mirrored.rollout());
        gateway.start(config);
    }

    private HttpResponse<String> get(String path, boolean withToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort() + path));
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mismatches", "/mismatches/summary"})
    void bothNeedTheToken(String path) throws Exception {
        start(true);
        assertThat(get(path, false).statusCode()).isEqualTo(401);
        HttpResponse<String> allowed = get(path, true);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void anEmptyLogIsAnEmptyListAndAnUnknownRate() throws Exception {
        start(true);
        assertThat(json(get("/mismatches", true)).path("count").asInt()).isZero();
        JsonNode summary = json(get("/mismatches/summary", true));
        assertThat(summary.path("matchRate").path("rate").isNull()).isTrue();
        assertThat(summary.path("differences").isArray()).isTrue();
        assertThat(summary.path("noise").path("comparisons").asInt()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "1001", "abc", ""})
    void anInvalidLimitIsA400NamingTheRange(String limit) throws Exception {
        start(true);
        HttpResponse<String> response = get("/mismatches?limit=" + limit, true);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("bad_limit");
        assertThat(json(response).path("message").asText()).contains("1..1000");
    }

    @Test
    void withoutACandidateTheRoutesSaySo() throws Exception {
        start(false);
        for (String path : List.of("/mismatches", "/mismatches/summary")) {
            HttpResponse<String> response = get(path, true);
            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(json(response).path("error").asText()).isEqualTo("no_candidate");
            assertThat(json(response).path("message").asText()).contains("candidate");
        }
    }
}
