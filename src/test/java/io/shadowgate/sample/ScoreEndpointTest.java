package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScoreEndpointTest {
    private static final double[][] TWO_ROWS = {{5.1, 3.5, 1.4, 0.2}, {6.7, 3.0, 5.2, 2.3}};
    private static final double[][] EXPECTED = IrisModel.of(ModelVariant.V1).predict(TWO_ROWS);

    private static SampleModelServer server;

    @BeforeAll
    static void start() {
        server = SampleModelServer.start(SampleModelOptions.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void scoresInputDataInSplitOrientation() throws Exception {
        HttpResponse<String> response = score("""
                {"input_data":{"columns":["sepal_length","sepal_width","petal_length","petal_width"],
                 "index":[0,1],"data":[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2,2.3]]}}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertMatchesModel(TestHttp.predictions(response));
        assertThat(IrisModel.argmax(TestHttp.predictions(response)[0])).isZero();
        assertThat(IrisModel.argmax(TestHttp.predictions(response)[1])).isEqualTo(2);
    }

    @Test
    void acceptsReorderedAndDifferentlySpelledColumns() throws Exception {
        HttpResponse<String> response = score("""
                {"input_data":{"columns":["petal width (cm)","SepalLengthCm","petal_length","sepal.width"],
                 "data":[[0.2,5.1,1.4,3.5],[2.3,6.7,5.2,3.0]]}}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertMatchesModel(TestHttp.predictions(response));
    }

    @Test
    void acceptsMlflowDataframeSplit() throws Exception {
        HttpResponse<String> response = score("""
                {"dataframe_split":{"columns":["sepal_width","sepal_length","petal_width","petal_length"],
                 "data":[[3.5,5.1,0.2,1.4],[3.0,6.7,2.3,5.2]]}}""");
        assertMatchesModel(TestHttp.predictions(response));
    }

    @Test
    void acceptsInputDataAsAPlainListOfRows() throws Exception {
        assertMatchesModel(TestHttp.predictions(score("{\"input_data\":[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2,2.3]]}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"data", "inputs", "instances"})
    void acceptsPositionalRows(String field) throws Exception {
        HttpResponse<String> response = score("{\"" + field + "\":[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2,2.3]]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertMatchesModel(TestHttp.predictions(response));
    }

    @ParameterizedTest
    @ValueSource(strings = {"data", "inputs"})
    void acceptsNamedRowsInAnyOrder(String field) throws Exception {
        HttpResponse<String> response = score("{\"" + field + "\":["
                + "{\"petal_width\":0.2,\"sepal_length\":5.1,\"petal_length\":1.4,\"sepal_width\":3.5},"
                + "{\"sepal_width\":3.0,\"petal_length\":5.2,\"sepal_length\":6.7,\"petal_width\":2.3}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertMatchesModel(TestHttp.predictions(response));
    }

    @Test
    void acceptsIntegersAndAnEmptyBatch() throws Exception {
        assertThat(TestHttp.predictions(score("{\"data\":[[5,3,1,0]]}"))).hasNumberOfRows(1);
        HttpResponse<String> empty = score("{\"data\":[]}");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEqualTo("{\"predictions\":[]}");
    }

    @Test
    void scoresTheWholeDatasetLikeTheModel() throws Exception {
        double[][] got = TestHttp.predictions(score(IrisDataset.scoreRequestBody(0, 150)));
        double[][] want = IrisModel.of(ModelVariant.V1).predict(IrisDataset.bundled().features().toArray(new double[0][]));
        assertThat(got).hasNumberOfRows(150);
        for (int i = 0; i < 150; i++) {
            assertThat(got[i]).containsExactly(want[i], within(1e-15));
        }
    }

    @Test
    void answersHealthChecks() throws Exception {
        for (String path : new String[] {"/", "/healthz", "/healthz?probe=1"}) {
            HttpResponse<String> response = TestHttp.get(server.baseUrl() + path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"ok\",\"variant\":\"v1\"}");
        }
    }

    private static HttpResponse<String> score(String body) throws Exception {
        return TestHttp.post(server.baseUrl() + "/score", body);
    }

    private static void assertMatchesModel(double[][] got) {
        assertThat(got).hasNumberOfRows(2);
        for (int i = 0; i < 2; i++) {
            assertThat(got[i]).containsExactly(EXPECTED[i], within(1e-15));
        }
    }
}
