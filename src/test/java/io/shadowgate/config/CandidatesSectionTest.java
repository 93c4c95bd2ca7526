package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code candidates:} (several candidates, shadow only but one) beside the {@code candidate:} shorthand. */
class CandidatesSectionTest {
    private static final String STABLE = "stable: { url: http://127.0.0.1:9101 }\n";
    private static final String TWO = """
            candidates:
              - name: green
                url: http://127.0.0.1:9102
              - name: blue-2
                url: https://blue.example.com/score
                headers: { azureml-model-deployment: blue-2 }
                timeout: 3s
                shadowPercent: 25
            """;

    private static ShadowgateConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(STABLE + yaml, Map.of());
    }

    private static List<String> errors(String yaml) {
        return Reading.errorsOf(STABLE + yaml);
    }

    @Test
    void aListOfCandidatesEachWithItsOwnUpstreamAndShadowPercent() throws Exception {
        ShadowgateConfig config = parse(TWO + "shadow: { percent: 50 }\n");

        assertThat(config.candidates()).containsExactly(
                new CandidateConfig("green", new UpstreamConfig(URI.create("http://127.0.0.1:9102"), Map.of(),
                        Duration.ofSeconds(2), Duration.ofSeconds(10), 256), 50),
                new CandidateConfig("blue-2", new UpstreamConfig(URI.create("https://blue.example.com/score"),
                        Map.of("azureml-model-deployment", "blue-2"), Duration.ofSeconds(2), Duration.ofSeconds(3), 256),
                        25));
        assertThat(config.rolloutCandidate()).map(CandidateConfig::name).as("the first, by default").contains("green");
        assertThat(config.candidate()).contains(config.candidates().get(0).upstream());
    }

    @Test
    void rolloutCandidateNamesTheOneTheRolloutDrives() throws Exception {
        ShadowgateConfig config = parse(TWO + "rollout: { candidate: blue-2 }\n");

        assertThat(config.rollout().candidate()).contains("blue-2");
        assertThat(config.rolloutCandidate()).map(CandidateConfig::name).contains("blue-2");
        assertThat(config.candidate()).map(UpstreamConfig::url).contains(URI.create("https://blue.example.com/score"));
    }

    @Test
    void theShorthandIsAListOfOneNamedCandidate() throws Exception {
        ShadowgateConfig config = parse("candidate: { url: http://127.0.0.1:9102 }\nshadow: { percent: 10 }\n");

        assertThat(config.candidates()).containsExactly(new CandidateConfig("candidate",
                new UpstreamConfig(URI.create("http://127.0.0.1:9102"), Map.of(), Duration.ofSeconds(2),
                        Duration.ofSeconds(10), 256), 10));
        assertThat(config.rolloutCandidate()).map(CandidateConfig::name).contains("candidate");
        assertThat(parse("candidate: { url: http://127.0.0.1:9102 }\nrollout: { candidate: candidate }\n")
                .rolloutCandidate()).map(CandidateConfig::name).contains("candidate");
        assertThat(parse("").candidates()).as("neither: a plain proxy").isEmpty();
    }

    @Test
    void candidateAndCandidatesTogetherAreAnError() {
        assertThat(errors("candidate: { url: http://127.0.0.1:9102 }\n" + TWO)).containsExactly(
                "candidates: cannot be given with candidate: (candidate: is shorthand for a list of one;"
                        + " move it into candidates:)");
    }

    @Test
    void namesAreUniqueAndWellFormed() {
        assertThat(errors("""
                candidates:
                  - { name: green, url: http://127.0.0.1:9102 }
                  - { name: green, url: http://127.0.0.1:9103 }
                """)).containsExactly(
                "candidates[1].name: \"green\" (expected: a name no other candidate has; candidates[0].name has it)");
        assertThat(errors("candidates: [{ url: http://127.0.0.1:9102 }]\n")).containsExactly("candidates[0].name: required");
        assertThat(errors("candidates: [{ name: stable, url: http://127.0.0.1:9102 }]\n")).containsExactly(
                "candidates[0].name: \"stable\" (expected: " + CandidateConfig.NAME_EXPECTED + ")");
    }

    @Test
    void rolloutCandidateMustNameACandidate() {
        assertThat(errors(TWO + "rollout: { candidate: red }\n")).containsExactly(
                "rollout.candidate: \"red\" (expected: one of the candidates: green, blue-2)");
        assertThat(errors("candidate: { url: http://127.0.0.1:9102 }\nrollout: { candidate: green }\n")).containsExactly(
                "rollout.candidate: \"green\" (expected: one of the candidates: candidate)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            candidates: []                                                          | candidates: empty (expected: at least one candidate
            candidates: { name: green }                                             | candidates: a mapping (expected: a list)
            candidates: [{ name: Green, url: http://127.0.0.1:9102 }]                | candidates[0].name: "Green" (expected: lowercase letters
            candidates: [{ name: green }]                                           | candidates[0].url: required
            candidates: [{ name: green, url: 'ftp://x' }]                           | candidates[0].url: "ftp://x"
            candidates: [{ name: green, url: http://127.0.0.1:9102, shadowPercent: 101 }] | candidates[0].shadowPercent: 101 (expected: 0..100)
            candidates: [{ name: green, url: http://127.0.0.1:9102, percent: 5 }]   | candidates[0].percent: unknown key
            """)
    void invalidCandidatesAreReportedWithTheirKeyPath(String yaml, String expected) {
        assertThat(errors(yaml + "\n")).hasSize(1).first().asString().startsWith(expected);
    }

    @Test
    void withAnEndpointOnlyTheRolloutCandidateMayLeaveOutItsUrl() throws Exception {
        String endpoint = """
                azureml: { subscriptionId: 11111111-2222-3333-4444-555555555555, resourceGroup: rg, workspace: ws,
                           endpoint: fraud, stableDeployment: blue, candidateDeployment: green }
                """;
        ShadowgateConfig config = ConfigLoader.parse(endpoint + """
                candidates:
                  - { name: green }
                  - { name: other, url: http://127.0.0.1:9103 }
                """, Map.of());
        assertThat(config.candidate()).hasValueSatisfying(c -> assertThat(c.awaitsEndpointUri()).isTrue());
        UpstreamConfig resolved = config.candidate().get().at(URI.create("https://fraud.example.net"), Map.of());
        assertThat(config.withUpstreams(config.stable(), java.util.Optional.of(resolved)).candidates())
                .as("the endpoint's scoring URI replaces the rollout candidate's url only")
                .extracting(c -> c.upstream().url().toString())
                .containsExactly("https://fraud.example.net", "http://127.0.0.1:9103");

        ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.parse(
                endpoint + "candidates: [{ name: green }, { name: other }]\n", Map.of()));
        assertThat(e.errors()).containsExactly("candidates[1].url: required");
    }
}
