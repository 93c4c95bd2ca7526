package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorResponsesTest {
    private static SampleModelServer server;

    @BeforeAll
    static void start() {
        server = SampleModelServer.start(SampleModelOptions.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        /score | {"data":[[5.1,3.5 | malformed JSON at line 1, column 18: Unexpected end-of-input: expected close marker for Array (start marker at [line: 1, column: 10])
        /score | {"data":[[5.1,3.5,1.4,0.2]]} trailing | malformed JSON at line 1, column
        /score | '' | request body is empty: expected a JSON object with input_data, dataframe_split, data, inputs or instances
        /score | [[5.1,3.5,1.4,0.2]] | request body: expected a JSON object, got an array of 1
        /score | {"rows":[[5.1,3.5,1.4,0.2]]} | request body: expected a field input_data, dataframe_split, data, inputs or instances, got fields rows
        /score | {"input_data":{"data":[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2]]}} | input_data.data[1]: expected 4 features, got 3
        /score | {"input_data":{"columns":["sepal_length","sepal_width","petal_length","petal_width"]}} | input_data.data: missing
        /score | {"input_data":{"columns":["sepal_length","sepal_width","petal_length","color"],"data":[]}} | input_data.columns[3]: unknown column "color" (expected sepal_length, sepal_width, petal_length, petal_width)
        /score | {"input_data":{"columns":["sepal_length","sepal_width","petal_length"],"data":[[1,2,3]]}} | input_data.columns: missing column "petal_width"
        /score | {"input_data":{"columns":["sepal_length","sepal_length","petal_length","petal_width"],"data":[]}} | input_data.columns[1]: column "sepal_length" given twice
        /score | {"input_data":{"index":[0,1],"data":[[5.1,3.5,1.4,0.2]]}} | input_data.index: expected an array of 1 (one per data row), got an array of 2
        /score | {"data":[[5.1,"3.5",1.4,0.2]]} | data[0][1]: expected a number, got string "3.5"
        /score | {"data":[[5.1,3.5,null,0.2]]} | data[0][2]: expected a number, got null
        /score | {"data":[[5.1,3.5,1.4,1e400]]} | data[0][3]: Infinity is out of range (expected |x| <= 1e100)
        /score | {"inputs":[5.1,3.5,1.4,0.2]} | inputs[0]: expected a row of 4 numbers, got number
        /score | {"data":{"sepal_length":5.1}} | data: expected an array of rows, got an object
        /score | {"inputs":[{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4}]} | inputs[0]: missing column "petal_width"
        /score | {"inputs":[{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2,"stem":1}]} | inputs[0]: unknown column "stem" (expected sepal_length, sepal_width, petal_length, petal_width)
        /score | {"inputs":[{"sepal_length":5.1,"sepal_width":true,"petal_length":1.4,"petal_width":0.2}]} | inputs[0].sepal_width: expected a number, got boolean true
        /v2/models/iris/infer | {"inputs":[{"name":"x","shape":[2,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2,6.7,3.0,5.2]}]} | inputs[0].data: expected 8 values for shape [2, 4], got 7
        /v2/models/iris/infer | {"inputs":[{"name":"x","shape":[2,3],"datatype":"FP32","data":[1,2,3,4,5,6]}]} | inputs[0].shape: expected [n, 4], got [2,3]
        /v2/models/iris/infer | {"inputs":[{"name":"x","shape":[2,4],"datatype":"FP32","data":[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2]]}]} | inputs[0].data[1]: expected 4 features, got an array of 3
        /v2/models/iris/infer | {"inputs":[{"name":"x","shape":[3,4],"datatype":"FP32","data":[[5.1,3.5,1.4,0.2]]}]} | inputs[0].data: expected 3 rows for shape [3, 4], got 1
        /v2/models/iris/infer | {"inputs":[{"name":"x","shape":[1,4],"datatype":"BYTES","data":["a","b","c","d"]}]} | inputs[0].datatype: expected a numeric datatype such as FP32 or FP64, got string "BYTES"
        /v2/models/iris/infer | {"inputs":[{"name":"x","shape":[1,4],"datatype":"FP32","data":[1,2,"x",4]}]} | inputs[0].data[2]: expected a number, got string "x"
        /v2/models/iris/infer | {"inputs":[]} | inputs: expected exactly 1 input tensor of shape [n, 4], got 0
        /v2/models/iris/infer | {"data":[[5.1,3.5,1.4,0.2]]} | inputs: expected an array with one input tensor, got nothing
        /v2/models/iris/infer | {"id":7,"inputs":[]} | id: expected a string, got number
        """)
    void rejectsBadBodiesWithA400(String path, String body, String message) throws Exception {
        HttpResponse<String> response = TestHttp.post(server.baseUrl() + path, body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode json = TestHttp.json(response);
        assertThat(json.get("error").asText()).isEqualTo("bad_request");
        assertThat(json.get("message").asText()).startsWith(message);
    }

    @Test
    void unknownPathsGet404() throws Exception {
        HttpResponse<String> response = TestHttp.get(server.baseUrl() + "/predict?x=1");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"not_found\",\"message\":\"no route for GET /predict\"}");
        assertThat(TestHttp.get(server.baseUrl() + "/v2/models/iris/explain").statusCode()).isEqualTo(404);
        assertThat(TestHttp.get(server.baseUrl() + "/v2/models/").statusCode()).isEqualTo(404);
    }

    @Test
    void aMalformedModelNameGets400() throws Exception {
        // The JDK client refuses to send such a path, so speak HTTP by hand.
        try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
            RawHttpConnection.Response response = connection.get("/v2/models/iris%zz");
            assertThat(response.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
            assertThat(TestHttp.JSON.readTree(response.body()).get("message").asText())
                    .startsWith("model name in /v2/models/iris%zz: ");
        }
    }

    @Test
    void wrongMethodsGet405WithAllow() throws Exception {
        HttpResponse<String> get = TestHttp.get(server.baseUrl() + "/score");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).hasValue("POST");
        assertThat(get.body()).isEqualTo(
                "{\"error\":\"method_not_allowed\",\"message\":\"GET /score: expected POST\"}");

        HttpResponse<String> post = TestHttp.post(server.baseUrl() + "/healthz", "{}");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET");
        assertThat(TestHttp.json(post).get("error").asText()).isEqualTo("method_not_allowed");

        HttpResponse<String> delete = TestHttp.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v2/models/iris/infer")).DELETE());
        assertThat(delete.statusCode()).isEqualTo(405);
    }

    @Test
    void bodiesOverTenMebibytesGet413() throws Exception {
        byte[] body = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response = TestHttp.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/score"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(response.statusCode()).isEqualTo(413);
        // The connection stays usable for the next request.
        assertThat(TestHttp.get(server.baseUrl() + "/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOfExactlyTenMebibytesIsRead() throws Exception {
        String rows = IrisDataset.scoreRequestBody(0, 1);
        StringBuilder body = new StringBuilder(rows);
        body.setLength(rows.length() - 1);
        body.append(" ".repeat(10 * 1024 * 1024 - rows.length())).append('}');
        assertThat(body.length()).isEqualTo(10 * 1024 * 1024);
        assertThat(TestHttp.post(server.baseUrl() + "/score", body.toString()).statusCode()).isEqualTo(200);
    }

    @Test
    void garbageInsteadOfHttpGets400AndAClosedConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("HELLO\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8); // EOF: closed by server
            assertThat(response).startsWith("HTTP/1.1 400 Bad Request");
            assertThat(response).contains("\"error\":\"bad_request\"");
        }
    }
}
