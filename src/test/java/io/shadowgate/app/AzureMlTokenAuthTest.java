package io.shadowgate.app;

import io.shadowgate.gateway.GatewayOptions;
import io.shadowgate.gateway.Gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.azure.ArmAccess;
import io.shadowgate.config.ConfigLoader;
import io.shadowgate.sample.SampleModelOptions;
import io.shadowgate.sample.SampleModelServer;
import io.shadowgate.testing.FakeArm;
import io.shadowgate.testing.FakeScoringEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** An endpoint with Entra token auth: both deployments are called with a token renewed before it expires. */
class AzureMlTokenAuthTest {
    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void primaryAndShadowRequestsCarryTheCurrentTokenAcrossARenewal() throws Exception {
        SampleModelServer blue = SampleModelServer.start(SampleModelOptions.defaults().withPort(0));
        open.add(blue);
        SampleModelServer green = SampleModelServer.start(SampleModelOptions.defaults().withPort(0));
        open.add(green);
        FakeScoringEndpoint endpoint = new FakeScoringEndpoint(Map.of("blue", blue.baseUrl(), "green", green.baseUrl()),
                authorization -> authorization.startsWith("Bearer aad-"));
        open.add(endpoint);
        ObjectNode resource = FakeArm.sampleEndpoint("fraud", endpoint.scoringUri());
        ((ObjectNode) resource.get("properties")).put("authMode", "AADToken");
        FakeArm arm = FakeArm.start("fraud", resource, "blue", "green");
        open.add(arm);
        // Resource Manager gets its own token; the endpoint's audience gets two-second tokens, aad-1, aad-2, ...
        AtomicInteger issued = new AtomicInteger();
        TokenCredential credential = request -> request.getScopes().contains("https://ml.azure.com/.default")
                ? Mono.just(new AccessToken("aad-" + issued.incrementAndGet(), OffsetDateTime.now().plusSeconds(2)))
                : arm.credential().getToken(request);
        ArmAccess access = new ArmAccess(credential, arm.access().httpClient(), Duration.ofMillis(20));
        Gateway gateway = Gateway.start(ConfigLoader.parse("""
                server: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                %s
                rollout: { auto: false, stateFile: %s, auditLog: %s }
                """.formatted(arm.azuremlSection().stripTrailing(), dir.resolve("state.json"), dir.resolve("audit.jsonl")),
                Map.of()), GatewayOptions.defaults().withAzure(access, Map.of()));
        open.add(gateway);

        HttpClient client = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> scored = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"input_data\":{\"data\":[[5.1,3.5,1.4,0.2]]}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
            assertThat(endpoint.authorizationsSeen()).as("a renewed token was used").contains("Bearer aad-2");
        });
        assertThat(endpoint.served("blue")).isPositive();
        await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.served("green") > 0); // the shadow copies
    }
}
