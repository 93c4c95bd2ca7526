package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --llm-drift} as a client of the chat route sees it: a stable server against drifted ones. */
class OpenAiDriftTest {
    private static final int PROMPTS = 40;
    private static SampleModelServer stable;
    private static SampleModelServer vocabulary;
    private static SampleModelServer length;

    @BeforeAll
    static void start() {
        SampleModelOptions options = SampleModelOptions.defaults().withPort(0);
        stable = SampleModelServer.start(options);
        vocabulary = SampleModelServer.start(options.withLlmDrift(LlmDrift.VOCABULARY));
        length = SampleModelServer.start(options.withLlmDrift(LlmDrift.LENGTH));
    }

    @AfterAll
    static void stop() {
        stable.close();
        vocabulary.close();
        length.close();
    }

    @Test
    void vocabularyDriftLowersRougeLAgainstStableFarBelowStablesOwnSpread() throws Exception {
        double stableVsStable = 0;
        double stableVsDrifted = 0;
        for (int i = 0; i < PROMPTS; i++) {
            String a = content(stable, i, 1000 + i);
            String b = content(stable, i, 2000 + i);
            String drifted = content(vocabulary, i, 3000 + i);
            stableVsStable += TextOverlap.rougeL(a, b);
            stableVsDrifted += TextOverlap.rougeL(a, drifted);
        }
        assertThat(stableVsStable / PROMPTS - stableVsDrifted / PROMPTS).isGreaterThan(0.2);
    }

    @Test
    void lengthDriftAnswersMuchShorterAndSaysSoInItsFingerprint() throws Exception {
        int stableWords = 0;
        int driftedWords = 0;
        for (int i = 0; i < PROMPTS; i++) {
            stableWords += content(stable, i, 1000 + i).split(" ").length;
            driftedWords += content(length, i, 1000 + i).split(" ").length;
        }
        assertThat(driftedWords).isLessThan(stableWords / 2);
        JsonNode json = TestHttp.json(TestHttp.post(length.baseUrl() + "/v1/chat/completions", body(0, 1)));
        assertThat(json.get("system_fingerprint").asText()).isEqualTo("fp_sample_v1_length");
        assertThat(json.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
    }

    private static String content(SampleModelServer server, int prompt, long seed) throws Exception {
        JsonNode json = TestHttp.json(TestHttp.post(server.baseUrl() + "/v1/chat/completions", body(prompt, seed)));
        return json.get("choices").get(0).get("message").get("content").asText();
    }

    private static String body(int prompt, long seed) {
        String word = MarkovText.bundled().vocabularyWord(prompt * 11 + 5);
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a fable about the " + word + "\"}],"
                + "\"temperature\":0.7,\"seed\":" + seed + "}";
    }
}
