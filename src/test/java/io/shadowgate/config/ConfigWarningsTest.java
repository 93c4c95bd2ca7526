package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ShadowgateConfig#warnings()}: a scored route without the noise copies its similarity gate needs. */
class ConfigWarningsTest {
    private static final String STABLE = "stable: { url: http://127.0.0.1:9101 }\n";
    private static final String CANDIDATE = "candidate: { url: http://127.0.0.1:9102 }\n";
    private static final String ROUTES = """
            routes:
              - match: { path: /score }
              - name: chat
                match: { path: /v1/chat/completions }
                compare: { comparator: openai-chat }
              - match: { path: /v1/embeddings }
                compare: { comparator: embedding-vectors }
            """;

    private static ShadowgateConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(STABLE + yaml, Map.of());
    }

    @Test
    void eachScoredRouteWithoutNoiseCopiesIsOneWarning() throws Exception {
        assertThat(parse(CANDIDATE + ROUTES).warnings()).containsExactly(
                "routes[1] (chat): comparator openai-chat is scored, but compare.noisePercent is 0, so stable is never"
                        + " compared with itself and the similarity gate can never pass; set compare.noisePercent (e.g. 5)",
                "routes[2] (/v1/embeddings): comparator embedding-vectors is scored, but compare.noisePercent is 0, so"
                        + " stable is never compared with itself and the similarity gate can never pass; set"
                        + " compare.noisePercent (e.g. 5)");
    }

    @Test
    void noWarningWithNoiseCopiesWithoutACandidateOrWithoutAScoredRoute() throws Exception {
        assertThat(parse(CANDIDATE + ROUTES + "compare: { noisePercent: 5 }\n").warnings()).isEmpty();
        assertThat(parse(ROUTES).warnings()).as("a plain proxy has no gates").isEmpty();
        assertThat(parse(CANDIDATE + "routes: [ { match: { path: /score }, compare: { comparator: exact } } ]\n")
                .warnings()).isEmpty();
        assertThat(parse(CANDIDATE).warnings()).isEmpty();
    }
}
