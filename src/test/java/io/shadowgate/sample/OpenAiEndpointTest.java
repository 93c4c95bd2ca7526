package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The non-streamed OpenAI routes against a real server on loopback. */
class OpenAiEndpointTest {
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
    void chatCompletionHasOpenAisShape() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"fables-1","messages":[{"role":"system","content":"You tell fables."},
                 {"role":"user","content":"Tell me about the Fox and the Crow"}],"seed":7,"temperature":0.7}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode json = TestHttp.json(response);
        assertThat(json.get("id").asText()).startsWith("chatcmpl-");
        assertThat(json.get("object").asText()).isEqualTo("chat.completion");
        assertThat(json.get("created").isIntegralNumber()).isTrue();
        assertThat(json.get("model").asText()).isEqualTo("fables-1");
        assertThat(json.get("system_fingerprint").asText()).isEqualTo("fp_sample_v1_none");
        assertThat(json.get("choices")).hasSize(1);
        JsonNode choice = json.get("choices").get(0);
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
        String content = choice.get("message").get("content").asText();
        assertThat(content).isNotBlank();
        assertThat(choice.get("finish_reason").asText()).isIn("stop", "length");
        JsonNode usage = json.get("usage");
        // Prompt tokens are the words of every message: 3 + 8.
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(11);
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(content.split(" ").length);
        assertThat(usage.get("total_tokens").asInt()).isEqualTo(11 + usage.get("completion_tokens").asInt());
    }

    @Test
    void completionHasOpenAisShape() throws Exception {
        HttpResponse<String> response = TestHttp.post(server.baseUrl() + "/v1/completions",
                "{\"prompt\":\"The Hare and the Tortoise\",\"max_tokens\":12,\"temperature\":0}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = TestHttp.json(response);
        assertThat(json.get("id").asText()).startsWith("cmpl-");
        assertThat(json.get("object").asText()).isEqualTo("text_completion");
        assertThat(json.get("model").asText()).isEqualTo(CompletionRequestReader.DEFAULT_MODEL);
        JsonNode choice = json.get("choices").get(0);
        assertThat(choice.get("text").asText()).isNotBlank();
        assertThat(choice.has("message")).isFalse();
        assertThat(choice.get("finish_reason").asText()).isIn("stop", "length");
        assertThat(json.get("usage").get("prompt_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void theSameSeedAndPromptGiveTheSameText() throws Exception {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Once there was a\"}],\"seed\":42,\"temperature\":1.2}";
        String first = content(chat(body));
        for (int i = 0; i < 3; i++) {
            assertThat(content(chat(body))).isEqualTo(first);
        }
    }

    @Test
    void temperatureZeroIsGreedyWithoutASeed() throws Exception {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Once there was a\"}],\"temperature\":0}";
        assertThat(content(chat(body))).isEqualTo(content(chat(body)));
    }

    @Test
    void withoutASeedTemperatureOneGivesDifferentTexts() throws Exception {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Once there was a\"}],\"temperature\":1}";
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            texts.add(content(chat(body)));
        }
        assertThat(texts).hasSizeGreaterThan(2);
    }

    @Test
    void maxTokensCutsWithFinishReasonLength() throws Exception {
        JsonNode json = TestHttp.json(chat("""
                {"messages":[{"role":"user","content":"Once there was a"}],"max_tokens":3,"temperature":0}"""));
        JsonNode choice = json.get("choices").get(0);
        assertThat(choice.get("message").get("content").asText().split(" ")).hasSize(3);
        assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
        assertThat(json.get("usage").get("completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void aSentenceEndStopsWithFinishReasonStop() throws Exception {
        JsonNode choice = TestHttp.json(chat("""
                {"messages":[{"role":"user","content":"The Lion"}],"max_tokens":200,"min_tokens":1,"temperature":0}"""))
                .get("choices").get(0);
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        assertThat(MarkovText.endsSentence(choice.get("message").get("content").asText())).isTrue();
    }

    @Test
    void answersNChoicesEachSeededDifferently() throws Exception {
        JsonNode json = TestHttp.json(chat("""
                {"messages":[{"role":"user","content":"Once there was a"}],"n":4,"seed":5,"temperature":1}"""));
        JsonNode choices = json.get("choices");
        assertThat(choices).hasSize(4);
        Set<String> texts = new HashSet<>();
        int words = 0;
        for (int i = 0; i < 4; i++) {
            assertThat(choices.get(i).get("index").asInt()).isEqualTo(i);
            String text = choices.get(i).get("message").get("content").asText();
            texts.add(text);
            words += text.split(" ").length;
        }
        assertThat(texts).hasSizeGreaterThan(1);
        assertThat(json.get("usage").get("completion_tokens").asInt()).isEqualTo(words);
    }

    @Test
    void embeddingsHaveOpenAisShapeAndAreDeterministic() throws Exception {
        HttpResponse<String> response = TestHttp.post(server.baseUrl() + "/v1/embeddings", """
                {"model":"small","input":["The fox could not reach the grapes","the grapes were out of reach of the fox",
                 "Invoices are due within thirty days"]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = TestHttp.json(response);
        assertThat(json.get("object").asText()).isEqualTo("list");
        assertThat(json.get("model").asText()).isEqualTo("small");
        assertThat(json.get("usage").get("prompt_tokens").asInt()).isEqualTo(7 + 9 + 6);
        assertThat(json.get("usage").get("total_tokens").asInt()).isEqualTo(7 + 9 + 6);
        JsonNode data = json.get("data");
        assertThat(data).hasSize(3);
        double[][] v = new double[3][];
        for (int i = 0; i < 3; i++) {
            assertThat(data.get(i).get("object").asText()).isEqualTo("embedding");
            assertThat(data.get(i).get("index").asInt()).isEqualTo(i);
            JsonNode e = data.get(i).get("embedding");
            assertThat(e).hasSize(HashedEmbedding.DEFAULT_DIMENSIONS);
            v[i] = new double[e.size()];
            for (int k = 0; k < e.size(); k++) {
                v[i][k] = e.get(k).asDouble();
            }
        }
        assertThat(cosine(v[0], v[1])).isGreaterThan(cosine(v[0], v[2]) + 0.3);
        JsonNode again = TestHttp.json(TestHttp.post(server.baseUrl() + "/v1/embeddings",
                "{\"input\":\"The fox could not reach the grapes\",\"dimensions\":256}"));
        assertThat(again.get("data")).hasSize(1);
        assertThat(again.get("data").get(0).get("embedding")).isEqualTo(data.get(0).get("embedding"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/v1/chat/completions | not json                                   | malformed JSON",
        "/v1/chat/completions | ''                                         | request body is empty",
        "/v1/chat/completions | []                                         | request body: expected a JSON object",
        "/v1/chat/completions | {}                                         | messages: expected a non-empty array",
        "/v1/chat/completions | {\"messages\":[]}                          | messages: expected a non-empty array",
        "/v1/chat/completions | {\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]} | at least one message with role user",
        "/v1/chat/completions | {\"messages\":[{\"role\":\"user\",\"content\":5}]}    | messages[0].content: expected a string",
        "/v1/chat/completions | {\"messages\":[{\"content\":\"hi\"}]}        | messages[0].role: expected a string",
        "/v1/chat/completions | {\"messages\":[\"hi\"]}                     | messages[0]: expected an object",
        "/v1/completions      | {\"prompt\":\"a\",\"temperature\":\"hot\"}   | temperature: expected a number",
        "/v1/completions      | {\"prompt\":\"a\",\"temperature\":3}         | temperature: 3 (expected 0..2)",
        "/v1/completions      | {\"prompt\":\"a\",\"max_tokens\":0}          | max_tokens: 0 (expected 1..4096)",
        "/v1/completions      | {\"prompt\":\"a\",\"max_tokens\":1.5}        | max_tokens: expected an integer",
        "/v1/completions      | {\"prompt\":\"a\",\"n\":17}                  | n: 17 (expected 1..16)",
        "/v1/completions      | {\"prompt\":\"a\",\"seed\":\"x\"}            | seed: expected an integer",
        "/v1/completions      | {\"prompt\":\"a\",\"stream\":\"yes\"}        | stream: expected true or false",
        "/v1/completions      | {\"prompt\":[1,2]}                          | prompt: expected a string",
        "/v1/embeddings       | {\"input\":[\"a\",3]}                      | input[1]: expected a string",
        "/v1/embeddings       | {\"input\":[]}                              | input: expected a string or a non-empty array",
        "/v1/embeddings       | {\"input\":\"a\",\"dimensions\":0}          | dimensions: expected an integer 1..4096",
        "/v1/embeddings       | {\"input\":\"a\",\"encoding_format\":\"base64\"} | encoding_format: expected \"float\"",
    })
    void badInputIsA400WithAnOpenAiError(String path, String body, String message) throws Exception {
        HttpResponse<String> response = TestHttp.post(server.baseUrl() + path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = TestHttp.json(response).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).contains(message);
    }

    @Test
    void wrongMethodsAndPathsUseOpenAiErrorsToo() throws Exception {
        HttpResponse<String> get = TestHttp.get(server.baseUrl() + "/v1/chat/completions");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).hasValue("POST");
        assertThat(TestHttp.json(get).get("error").get("message").asText()).isEqualTo("GET /v1/chat/completions: expected POST");
        HttpResponse<String> missing = TestHttp.post(server.baseUrl() + "/v1/images/generations", "{}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(missing).get("error").get("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void injectedErrorsAreOpenAiServerErrors() throws Exception {
        try (SampleModelServer failing = SampleModelServer.start(SampleModelOptions.defaults().withPort(0).withErrorRate(1))) {
            HttpResponse<String> response = TestHttp.post(failing.baseUrl() + "/v1/completions", "{\"prompt\":\"a\"}");
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(TestHttp.json(response).get("error").get("type").asText()).isEqualTo("server_error");
        }
    }

    private static HttpResponse<String> chat(String body) throws Exception {
        return TestHttp.post(server.baseUrl() + "/v1/chat/completions", body);
    }

    private static String content(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestHttp.json(response).get("choices").get(0).get("message").get("content").asText();
    }

    static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
