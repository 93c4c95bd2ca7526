package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerBehaviourTest {
    private static final SampleModelOptions EPHEMERAL = SampleModelOptions.defaults().withPort(0);
    private static final double[][] ROWS = IrisDataset.bundled().features().toArray(new double[0][]);

    @Test
    void errorRateOneFailsEveryScoringRequest() throws Exception {
        try (SampleModelServer server = SampleModelServer.start(EPHEMERAL.withErrorRate(1.0))) {
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> response = TestHttp.post(server.baseUrl() + "/score", IrisDataset.scoreRequestBody(i, 1));
                assertThat(response.statusCode()).isEqualTo(500);
                JsonNode body = TestHttp.json(response);
                assertThat(body.get("error").asText()).isEqualTo("injected");
                assertThat(body.get("message").asText()).contains("error-rate 1");
            }
            HttpResponse<String> infer = TestHttp.post(server.baseUrl() + "/v2/models/iris/infer",
                    "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[5.1,3.5,1.4,0.2]}]}");
            assertThat(infer.statusCode()).isEqualTo(500);
            // Health checks stay green: an orchestrator should not restart a "flaky" model.
            assertThat(TestHttp.get(server.baseUrl() + "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void errorRateZeroFailsNothingAndAPartialRateFailsSome() throws Exception {
        try (SampleModelServer none = SampleModelServer.start(EPHEMERAL);
                SampleModelServer some = SampleModelServer.start(EPHEMERAL.withErrorRate(0.5).withSeed(7))) {
            int failures = 0;
            for (int i = 0; i < 60; i++) {
                String body = IrisDataset.scoreRequestBody(i, 1);
                assertThat(TestHttp.post(none.baseUrl() + "/score", body).statusCode()).isEqualTo(200);
                if (TestHttp.post(some.baseUrl() + "/score", body).statusCode() == 500) {
                    failures++;
                }
            }
            assertThat(failures).isBetween(10, 50);
        }
    }

    @Test
    void fullDriftChangesEveryRowsClassTheSameWayEachTime() throws Exception {
        String body = IrisDataset.scoreRequestBody(0, ROWS.length);
        try (SampleModelServer steady = SampleModelServer.start(EPHEMERAL);
                SampleModelServer drifting = SampleModelServer.start(EPHEMERAL.withDrift(1.0))) {
            double[][] base = TestHttp.predictions(TestHttp.post(steady.baseUrl() + "/score", body));
            HttpResponse<String> first = TestHttp.post(drifting.baseUrl() + "/score", body);
            HttpResponse<String> second = TestHttp.post(drifting.baseUrl() + "/score", body);
            assertThat(second.body()).isEqualTo(first.body());
            double[][] drifted = TestHttp.predictions(first);
            for (int i = 0; i < ROWS.length; i++) {
                assertThat(IrisModel.argmax(drifted[i])).as("row %d", i).isNotEqualTo(IrisModel.argmax(base[i]));
            }
            // The same row drifts the same way alone, at another position, and through the V2 API.
            double[][] alone = TestHttp.predictions(TestHttp.post(drifting.baseUrl() + "/score",
                    "{\"data\":[[" + join(ROWS[77]) + "]]}"));
            assertThat(alone[0]).containsExactly(drifted[77], within(0.0));
            JsonNode infer = TestHttp.json(TestHttp.post(drifting.baseUrl() + "/v2/models/iris/infer",
                    "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],\"datatype\":\"FP64\",\"data\":[" + join(ROWS[77]) + "]}]}"));
            for (int k = 0; k < 3; k++) {
                assertThat(infer.at("/outputs/0/data/" + k).asDouble()).isEqualTo(drifted[77][k]);
            }
        }
    }

    @Test
    void keepsTheConnectionAliveAcrossRequests() throws Exception {
        try (SampleModelServer server = SampleModelServer.start(EPHEMERAL);
                RawHttpConnection connection = new RawHttpConnection(server.port())) {
            for (int i = 0; i < 5; i++) {
                RawHttpConnection.Response response = connection.post("/score", IrisDataset.scoreRequestBody(i, 2));
                assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
                assertThat(response.body()).startsWith("{\"predictions\":[[");
            }
            RawHttpConnection.Response notFound = connection.post("/nowhere", "{}");
            assertThat(notFound.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
            RawHttpConnection.Response bad = connection.post("/score", "{");
            assertThat(bad.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
            assertThat(connection.post("/score", IrisDataset.scoreRequestBody(0, 1)).statusLine()).endsWith("200 OK");
        }
    }

    @Test
    void answersConcurrentRequestsCorrectly() throws Exception {
        IrisModel model = IrisModel.of(ModelVariant.V1);
        try (SampleModelServer server = SampleModelServer.start(EPHEMERAL.withThreads(2))) {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/score"))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(IrisDataset.scoreRequestBody(i, 3)))
                        .build();
                calls.add(TestHttp.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < calls.size(); i++) {
                HttpResponse<String> response = calls.get(i).join();
                assertThat(response.statusCode()).isEqualTo(200);
                double[][] got = TestHttp.predictions(response);
                for (int r = 0; r < 3; r++) {
                    double[] want = model.predict(new double[][] {ROWS[(i + r) % ROWS.length]})[0];
                    assertThat(got[r]).as("call %d row %d", i, r).containsExactly(want, within(1e-15));
                }
            }
        }
    }

    @Test
    void closeFreesThePortAndIsIdempotent() throws Exception {
        SampleModelServer server = SampleModelServer.start(EPHEMERAL);
        int port = server.port();
        assertThat(port).isPositive();
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
        server.close();
        server.close();
        try (ServerSocket again = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aTakenPortFailsWithAClearMessage() throws Exception {
        try (SampleModelServer first = SampleModelServer.start(EPHEMERAL)) {
            assertThatThrownBy(() -> SampleModelServer.start(EPHEMERAL.withPort(first.port())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + first.port() + ": ");
        }
    }

    private static String join(double[] row) {
        StringBuilder s = new StringBuilder();
        for (double v : row) {
            s.append(s.length() == 0 ? "" : ",").append(v);
        }
        return s.toString();
    }
}
