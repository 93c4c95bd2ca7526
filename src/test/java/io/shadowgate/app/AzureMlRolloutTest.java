package io.shadowgate.app;

import io.shadowgate.gateway.GatewayOptions;
import io.shadowgate.gateway.Gateway;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.config.ConfigLoader;
import io.shadowgate.config.ShadowgateConfig;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole rollout against an Azure ML endpoint, all on loopback: two sample models stand in as the
 * deployments behind a fake endpoint that routes by {@code azureml-model-deployment}, a fake Resource Manager holds the endpoint's traffic map, and the gateway reads its
 * scoring URI from it and writes every rollout weight into it.
 */
class AzureMlRolloutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "endpoint-key";
    private static final String BODY = """
            {"input_data":{"columns":["sepal_length","sepal_width","petal_length","petal_width"],
             "index":[0,1],"data":[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2,2.3]]}}""";

    @TempDir
    Path dir;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ShadowgateConfig config(FakeArm arm) throws Exception {
        return ConfigLoader.parse("""
                server: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0, token: admin-token }
                %s
                rollout:
                  stages: [5, 25, 50, 100]
                  shadowBake: 1s
                  bake: 1s
                  maxBake: 60s
                  minSamples: 20
                  gates: { minMatchRate: 0.5, maxErrorRateIncrease: 0.5, maxLatencyIncrease: 100 }
                  tick: 100ms
                  stateFile: %s
                  auditLog: %s
                """.formatted(arm.azuremlSection().stripTrailing(), dir.resolve("state.json"), dir.resolve("audit.jsonl")),
                Map.of());
    }

    private JsonNode rolloutStatus(Gateway gateway) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.adminPort() + "/status"))
                .header("Authorization", "Bearer admin-token").build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("rollout");
    }

    private void send(Gateway gateway, AtomicBoolean sending, List<Integer> statuses) {
        while (sending.get()) {
            try {
                statuses.add(client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (Exception e) {
                statuses.add(-1);
            }
        }
    }

    @Test
    void aWholeRolloutMovesTheEndpointsTrafficMapWithTheGatewayStageByStage() throws Exception {
        SampleModelServer blue = SampleModelServer.start(SampleModelOptions.defaults().withPort(0));
        open.add(blue);
        SampleModelServer green = SampleModelServer.start(SampleModelOptions.defaults().withPort(0));
        open.add(green);
        FakeScoringEndpoint endpoint = new FakeScoringEndpoint(Map.of("blue", blue.baseUrl(), "green", green.baseUrl()), KEY);
        open.add(endpoint);
        FakeArm arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", endpoint.scoringUri()),
                "blue", "green").lagReads(2);
        open.add(arm);
        Gateway gateway = Gateway.start(config(arm), GatewayOptions.defaults()
                .withAzure(arm.access(), Map.of("AZUREML_ENDPOINT_KEY", KEY)));
        open.add(gateway);

        AtomicBoolean sending = new AtomicBoolean(true);
        List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> clients = new ArrayList<>();
        // The p99 latency gate needs a few hundred pairs per stage: four clients bring them in seconds.
        for (int i = 0; i < 4; i++) {
            clients.add(new Thread(() -> send(gateway, sending, statuses)));
        }
        clients.forEach(Thread::start);
        try {
            // (gateway weight, endpoint's candidate share) as seen by an operator polling both
            List<int[]> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String phase = "";
            while (!phase.equals("PROMOTED") && !phase.equals("ROLLED_BACK") && System.nanoTime() < deadline) {
                int endpointShare = arm.traffic().get("green");
                JsonNode status = rolloutStatus(gateway); // read second: the gateway moves after the endpoint
                phase = status.path("phase").asText();
                seen.add(new int[] {status.path("candidatePercent").asInt(), endpointShare});
                Thread.sleep(20);
            }
            assertThat(phase).isEqualTo("PROMOTED");
            seen.add(new int[] {rolloutStatus(gateway).path("candidatePercent").asInt(), arm.traffic().get("green")});
            assertThat(seen).as("the gateway never runs ahead of the endpoint")
                    .allSatisfy(pair -> assertThat(pair[0]).isLessThanOrEqualTo(pair[1]));
            for (int stage : new int[] {0, 5, 25, 50, 100}) {
                assertThat(seen).as("gateway and endpoint both at %d%%", stage)
                        .anySatisfy(pair -> assertThat(pair).containsExactly(stage, stage));
            }
            assertThat(arm.traffic()).isEqualTo(Map.of("blue", 0, "green", 100));
        } finally {
            sending.set(false);
            for (Thread client : clients) {
                client.join();
            }
        }

        assertThat(arm.puts()).extracting(put -> put.path("properties").path("traffic").path("green").asInt())
                .containsExactly(5, 25, 50, 100);
        assertThat(arm.puts()).allSatisfy(put ->
                assertThat(put.path("properties").path("mirrorTraffic").toString()).isEqualTo("{\"green\":10}"));
        assertThat(statuses).isNotEmpty().containsOnly(200);
        assertThat(endpoint.served("green")).as("the candidate deployment was reached through the endpoint").isPositive();
        assertThat(endpoint.served("blue")).isPositive();
        assertThat(rolloutStatus(gateway).path("routerError").isNull()).isTrue();
    }
}
