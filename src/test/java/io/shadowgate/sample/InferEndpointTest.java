package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InferEndpointTest {
    private static final double[][] TWO_ROWS = {{5.1, 3.5, 1.4, 0.2}, {6.7, 3.0, 5.2, 2.3}};
    private static final double[][] EXPECTED = IrisModel.of(ModelVariant.V2).predict(TWO_ROWS);

    private static SampleModelServer server;

    @BeforeAll
    static void start() {
        server = SampleModelServer.start(SampleModelOptions.defaults().withPort(0).withVariant(ModelVariant.V2));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void infersFromFlatData() throws Exception {
        HttpResponse<String> response = infer("iris", """
                {"inputs":[{"name":"input-0","shape":[2,4],"datatype":"FP32",
                  "data":[5.1,3.5,1.4,0.2,6.7,3.0,5.2,2.3]}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(response);
        assertThat(body.get("model_name").asText()).isEqualTo("iris");
        assertThat(body.get("model_version").asText()).isEqualTo("v2");
        assertThat(body.has("id")).isFalse();
        assertOutputs(body);
    }

    @Test
    void infersFromNestedDataAndEchoesTheId() throws Exception {
        HttpResponse<String> response = infer("iris-classifier", """
                {"id":"req-42","inputs":[{"name":"x","shape":[2,4],"datatype":"FP64",
                  "data":[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2,2.3]]}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(response);
        assertThat(body.get("model_name").asText()).isEqualTo("iris-classifier");
        assertThat(body.get("id").asText()).isEqualTo("req-42");
        assertOutputs(body);
    }

    @Test
    void describesTheModel() throws Exception {
        HttpResponse<String> response = TestHttp.get(server.baseUrl() + "/v2/models/iris");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(response);
        assertThat(body.get("name").asText()).isEqualTo("iris");
        assertThat(body.get("versions").toString()).isEqualTo("[\"v2\"]");
        assertThat(body.at("/inputs/0/shape").toString()).isEqualTo("[-1,4]");
        assertThat(body.at("/outputs/0/name").asText()).isEqualTo("probabilities");
        assertThat(body.at("/outputs/0/datatype").asText()).isEqualTo("FP64");
        assertThat(body.at("/outputs/0/shape").toString()).isEqualTo("[-1,3]");
    }

    @Test
    void reportsReadiness() throws Exception {
        for (String path : new String[] {"/v2/health/ready", "/v2/health/live", "/v2/models/iris/ready", "/v2"}) {
            assertThat(TestHttp.get(server.baseUrl() + path).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(TestHttp.get(server.baseUrl() + "/v2/health/ready").body()).isEqualTo("{\"ready\":true}");
    }

    private static HttpResponse<String> infer(String model, String body) throws Exception {
        return TestHttp.post(server.baseUrl() + "/v2/models/" + model + "/infer", body);
    }

    private static void assertOutputs(JsonNode body) {
        JsonNode output = body.get("outputs").get(0);
        assertThat(output.get("name").asText()).isEqualTo("probabilities");
        assertThat(output.get("datatype").asText()).isEqualTo("FP64");
        assertThat(output.get("shape").toString()).isEqualTo("[2,3]");
        JsonNode data = output.get("data");
        assertThat(data.size()).isEqualTo(6);
        for (int k = 0; k < 6; k++) {
            assertThat(data.get(k).asDouble()).isCloseTo(EXPECTED[k / 3][k % 3], within(1e-15));
        }
    }
}
