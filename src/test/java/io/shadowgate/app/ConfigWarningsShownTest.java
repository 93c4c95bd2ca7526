package io.shadowgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.config.ConfigLoader;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.gateway.Gateway;
import io.shadowgate.testing.CapturedLogs;
import io.shadowgate.testing.StubModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The configuration's warnings reach the user: printed by {@code validate}, logged at WARN when the gateway starts. */
class ConfigWarningsShownTest {
    private static final String WARNING = "routes[0] (chat): comparator openai-chat is scored, but compare.noisePercent"
            + " is 0, so stable is never compared with itself and the similarity gate can never pass;"
            + " set compare.noisePercent (e.g. 5)";

    @TempDir
    Path dir;

    private String yaml(String stable, String candidate) {
        return """
                server: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                stable: { url: "%s" }
                candidate: { url: "%s" }
                rollout: { stateFile: "%s", auditLog: "%s" }
                routes:
                  - name: chat
                    match: { path: /v1/chat/completions }
                    compare: { comparator: openai-chat }
                """.formatted(stable, candidate, dir.resolve("state.json"), dir.resolve("audit.jsonl"));
    }

    @Test
    void validatePrintsEachWarningBeforeOk() throws Exception {
        Path config = Files.writeString(dir.resolve("llm.yaml"), yaml("http://127.0.0.1:9101", "http://127.0.0.1:9102"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("validate", "--config", config.toString())).isZero();
        assertThat(out.toString().lines()).containsExactly("warning: " + WARNING, "OK");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theGatewayLogsEachWarningAtStartup() throws Exception {
        try (StubModel stable = new StubModel(0, () -> "{\"predictions\":[1]}");
             StubModel candidate = new StubModel(0, () -> "{\"predictions\":[1]}");
             CapturedLogs logs = new CapturedLogs()) {
            ShadowgateConfig config = ConfigLoader.parse(yaml(stable.url(), candidate.url()), Map.of());
            try (Gateway gateway = Gateway.start(config)) {
                assertThat(logs.lines()).contains("WARN " + Gateway.class.getName() + " config: " + WARNING);
            }
        }
    }
}
