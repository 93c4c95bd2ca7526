package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String STABLE = "stable:\n  url: http://127.0.0.1:9101\n";

    static ConfigException errorsOf(String yaml, Map<String, String> env) {
        return catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, env));
    }

    static ConfigException errorsOf(String yaml) {
        return errorsOf(yaml, Map.of());
    }

    @Test
    void defaultsHaveEveryDocumentedValue() {
        ShadowgateConfig config = ConfigLoader.defaults();

        assertThat(config.server()).isEqualTo(new ServerConfig("0.0.0.0", 8080, 10L * 1024 * 1024,
                16 * 1024, Duration.ofSeconds(60), Duration.ofSeconds(30), 0));
        assertThat(config.admin()).isEqualTo(new AdminConfig("127.0.0.1", 9090, ""));
        assertThat(config.admin().tokenRequired()).isFalse();
        assertThat(config.stable()).isEqualTo(new UpstreamConfig(URI.create("http://127.0.0.1:9101"),
                Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(30), 256));
    }

    @Test
    void onlyTheStableUrlGivenMeansDefaultsEverywhereElse() throws Exception {
        assertThat(ConfigLoader.parse(STABLE, Map.of())).isEqualTo(ConfigLoader.defaults());
    }

    @Test
    void readsEveryKey() throws Exception {
        String yaml = """
                server:
                  host: 10.0.0.5
                  port: 18080
                  maxRequestBytes: 512KiB
                  maxHeaderBytes: 32KiB
                  idleTimeout: 1.5s
                  drainTimeout: 0
                  ioThreads: 4
                admin:
                  host: 0.0.0.0
                  port: 19090
                  token: s3cret
                stable:
                  url: https://model.example.com/score/
                  headers:
                    Authorization: Bearer abc
                    X-Model-Version: 2
                  connectTimeout: 250ms
                  timeout: 10m
                  maxConnections: 65536
                """;

        ShadowgateConfig config = ConfigLoader.parse(yaml, Map.of());

        assertThat(config.server()).isEqualTo(new ServerConfig("10.0.0.5", 18080, 512 * 1024, 32 * 1024,
                Duration.ofMillis(1500), Duration.ZERO, 4));
        assertThat(config.admin()).isEqualTo(new AdminConfig("0.0.0.0", 19090, "s3cret"));
        assertThat(config.admin().tokenRequired()).isTrue();
        UpstreamConfig stable = config.stable();
        assertThat(stable.url()).isEqualTo(URI.create("https://model.example.com/score/"));
        assertThat(stable.headers()).containsExactly(
                Map.entry("Authorization", "Bearer abc"), Map.entry("X-Model-Version", "2"));
        assertThat(stable.connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(stable.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(stable.maxConnections()).isEqualTo(65536);
        assertThat(stable.secure()).isTrue();
        assertThat(stable.port()).isEqualTo(443);
        assertThat(stable.pathPrefix()).isEqualTo("/score");
    }

    @Test
    void emptyDocumentMeansAllDefaultsButStableUrlIsStillRequired() {
        for (String empty : new String[] {"", "\n\n", "# only a comment\n", "---\n"}) {
            assertThat(errorsOf(empty).errors()).as("%s", empty).containsExactly("stable.url: required");
        }
    }

    @Test
    void missingStableUrlIsRequired() {
        assertThat(errorsOf("stable:\n  timeout: 5s\n").errors()).containsExactly("stable.url: required");
        assertThat(errorsOf("stable:\n  url: ~\n").errors()).containsExactly("stable.url: required");
        // "url:" with nothing after it is an empty string in YAML, so it reads as one.
        assertThat(errorsOf("stable:\n  url:\n").errors())
                .containsExactly("stable.url: \"\" (expected: an http or https URL)");
    }

    @Test
    void shadowOrRolloutWithoutACandidateIsAnErrorNamingTheKey() {
        assertThat(errorsOf(STABLE + "shadow: { percent: 10 }\n").errors())
                .containsExactly("shadow: requires candidate: (the deployment to mirror to)");
        assertThat(errorsOf(STABLE + "rollout: { auto: false }\nshadow:\n").errors())
                .as("in document order, and an empty section counts")
                .containsExactly("rollout: requires candidate: (the deployment to roll out)",
                        "shadow: requires candidate: (the deployment to mirror to)");
        assertThat(errorsOf(STABLE + "candidat: { url: http://127.0.0.1:9102 }\nshadow: { percent: 10 }\n").errors())
                .as("a misspelt candidate is reported too")
                .containsExactly("candidat: unknown key (did you mean candidate?)",
                        "shadow: requires candidate: (the deployment to mirror to)");
    }

    @Test
    void shadowAndRolloutWithACandidateOrAnEndpointAreFine() throws Exception {
        String both = "shadow: { percent: 10 }\nrollout: { auto: false }\n";
        assertThat(ConfigLoader.parse(STABLE + "candidate: { url: http://127.0.0.1:9102 }\n" + both, Map.of())
                .shadow().percent()).isEqualTo(10);
        String endpoint = """
                azureml: { subscriptionId: 11111111-2222-3333-4444-555555555555, resourceGroup: rg, workspace: ws,
                           endpoint: fraud, stableDeployment: blue, candidateDeployment: green }
                """;
        assertThat(ConfigLoader.parse(endpoint + both, Map.of()).candidate())
                .as("an Azure ML endpoint names the candidate deployment").isPresent();
        assertThat(ConfigLoader.parse(STABLE, Map.of()).candidate()).as("neither section, no candidate: a plain proxy")
                .isEmpty();
    }

    @Test
    void topLevelThatIsNotAMappingIsAnError() {
        assertThat(errorsOf("- server\n- admin\n").errors())
                .containsExactly("top level: a list (expected: a mapping)");
        assertThat(errorsOf("hello\n").errors())
                .containsExactly("top level: \"hello\" (expected: a mapping)");
    }

    @Test
    void sectionThatIsNotAMappingDoesNotAlsoReportItsRequiredKeys() {
        assertThat(errorsOf("stable: http://127.0.0.1:9101\n").errors())
                .containsExactly("stable: \"http://127.0.0.1:9101\" (expected: a mapping)");
    }

    @Test
    void unknownTopLevelKeyIsRejectedWithSuggestion() {
        assertThat(errorsOf(STABLE + "sever:\n  port: 1\n").errors())
                .containsExactly("sever: unknown key (did you mean server?)");
    }

    @Test
    void unknownNestedKeyIsRejectedWithSuggestion() {
        assertThat(errorsOf("stable:\n  url: http://h\n  timout: 5s\n").errors())
                .containsExactly("stable.timout: unknown key (did you mean timeout?)");
        assertThat(errorsOf(STABLE + "server:\n  maxrequestbytes: 1MiB\n").errors())
                .containsExactly("server.maxrequestbytes: unknown key (did you mean maxRequestBytes?)");
    }

    @Test
    void unknownKeyWithoutCloseMatchListsTheKnownKeys() {
        assertThat(errorsOf(STABLE + "admin:\n  password: x\n").errors())
                .containsExactly("admin.password: unknown key (expected one of: host, port, token)");
    }

    @Test
    void collectsAllErrorsInDocumentOrder() {
        // Sections are read server, admin, stable; the errors must follow the file instead.
        String yaml = """
                stable:
                  url: ftp://x
                  timeout: "30"
                admin:
                  port: -1
                server:
                  port: 70000
                  maxRequestBytes: 10MB
                  colour: blue
                """;

        ConfigException e = errorsOf(yaml);

        assertThat(e.errors()).containsExactly(
                "stable.url: \"ftp://x\" (expected: an http or https URL)",
                "stable.timeout: \"30\" (expected: a duration such as 250ms, 30s, 10m)",
                "admin.port: -1 (expected: 0..65535)",
                "server.port: 70000 (expected: 0..65535)",
                "server.maxRequestBytes: \"10MB\" (expected: a size such as 1048576, 512KiB, 10MiB;"
                        + " write 10MiB, sizes use 1024-based units)",
                "server.colour: unknown key (expected one of: host, port, maxRequestBytes, maxHeaderBytes,"
                        + " idleTimeout, drainTimeout, ioThreads)");
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.errors()));
    }

    @Test
    void requiredErrorSortsAfterTheOtherErrorsOfItsSection() {
        assertThat(errorsOf("stable:\n  timeout: x\nserver:\n  port: x\n").errors()).containsExactly(
                "stable.timeout: \"x\" (expected: a duration such as 250ms, 30s, 10m)",
                "stable.url: required",
                "server.port: \"x\" (expected: an integer 0..65535)");
    }

    @Test
    void syntaxErrorGivesLineAndColumn() {
        ConfigException e = errorsOf("server:\n  port: 8080\n  host: a: b\n");

        assertThat(e.errors()).singleElement().asString()
                .startsWith("YAML syntax error at line 3, column 10: ")
                .contains("mapping values are not allowed here");
    }

    @Test
    void unterminatedFlowSequenceReportsWhereItStarted() {
        assertThat(errorsOf("stable:\n  headers: [a, b\n").errors()).singleElement().asString()
                .startsWith("YAML syntax error at line 3, column 1: ")
                .contains("while parsing a flow sequence on line 2");
    }

    @Test
    void structuralErrorOutsideSnakeYamlStillHasALine() {
        assertThat(errorsOf("? [a, b]\n: c\n").errors()).singleElement().asString()
                .startsWith("YAML syntax error at line 1, column ");
    }

    @Test
    void duplicateKeysAreErrors() {
        assertThat(errorsOf(STABLE + "server:\n  port: 1\n  port: 2\n").errors())
                .containsExactly("server.port: duplicate key (first defined on line 4)");
    }

    @Test
    void aliasesAreRejectedRatherThanReadAsTheirName() {
        String yaml = "stable:\n  url: &u http://h\nadmin:\n  host: *u\n";
        assertThat(errorsOf(yaml).errors())
                .containsExactly("admin.host: YAML aliases (*u) are not supported; repeat the value instead");
    }

    @Test
    void secondDocumentIsRejected() {
        assertThat(errorsOf(STABLE + "---\nserver:\n  port: 1\n").errors())
                .containsExactly("top level: more than one YAML document (---); put all settings in one");
    }

    @Test
    void missingFileIsReportedWithItsPath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file not found: " + missing);
    }

    @Test
    void loadsAFileWithTheGivenEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gw.yaml");
        Files.writeString(file, "stable:\n  url: ${MODEL_URL}\n");

        ShadowgateConfig config = ConfigLoader.load(file, Map.of("MODEL_URL", "http://model:8000"));

        assertThat(config.stable().url()).isEqualTo(URI.create("http://model:8000"));
    }

    @Test
    void fileThatIsNotUtf8IsReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessage("config file is not valid UTF-8: " + file);
    }
}
