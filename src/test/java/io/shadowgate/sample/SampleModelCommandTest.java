package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowgate.app.SampleModelCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code sample-model} command as the main CLI will run it. */
class SampleModelCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine() {
        return new CommandLine(new SampleModelCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
    }

    @Test
    void rejectsOutOfRangeOptionsWithClearMessages() {
        assertThat(commandLine().execute("--error-rate", "1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("--error-rate 1.5: expected 0..1");
        assertThat(commandLine().execute("--drift", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--drift -1: expected 0..1");
        assertThat(commandLine().execute("--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("--port 70000: expected 0..65535");
        assertThat(commandLine().execute("--variant", "v3")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--variant': v3: expected v1 or v2");
        assertThat(commandLine().execute("--latency", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("soon: expected a duration like 20ms or 1.5s");
        assertThat(commandLine().execute("--llm-drift", "words")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--llm-drift': words: expected none, vocabulary or length");
        assertThat(commandLine().execute("--first-token-delay", "11m")).isEqualTo(2);
        assertThat(err.toString()).contains("11m: expected at most 10m");
    }

    @Test
    void printsHelp() {
        assertThat(commandLine().execute("--help")).isZero();
        assertThat(out.toString()).contains("Usage: sample-model", "--latency", "--error-rate", "--drift", "--seed",
                "/v1/chat/completions", "/v1/embeddings", "--llm-drift", "--token-delay", "--first-token-delay");
    }

    @Test
    void servesUntilInterruptedAndPrintsWhereItListens() throws Exception {
        AtomicInteger exit = new AtomicInteger(-1);
        Thread runner = new Thread(() -> exit.set(commandLine().execute(
                "--port", "0", "--variant", "v2", "--latency", "5ms", "--error-rate", "0.02", "--drift", "0.05")));
        runner.start();
        Pattern line = Pattern.compile(
                "sample-model v2 listening on (http://127\\.0\\.0\\.1:\\d+) \\(latency 5ms, error-rate 0\\.02, drift 0\\.05\\)\\R");
        await().atMost(Duration.ofSeconds(10)).until(() -> line.matcher(out.toString()).find());
        Matcher m = line.matcher(out.toString());
        assertThat(m.find()).isTrue();
        assertThat(TestHttp.get(m.group(1) + "/healthz").body()).isEqualTo("{\"status\":\"ok\",\"variant\":\"v2\"}");

        runner.interrupt();
        runner.join(10_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void servesTheDriftedTextModelAndSaysHowItIsSet() throws Exception {
        AtomicInteger exit = new AtomicInteger(-1);
        Thread runner = new Thread(() -> exit.set(commandLine().execute(
                "--port", "0", "--llm-drift", "length", "--token-delay", "1ms", "--first-token-delay", "250ms")));
        runner.start();
        Pattern line = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+) .*\\R"
                + "text model: llm-drift length, token-delay 1ms, first-token-delay 250ms\\R");
        await().atMost(Duration.ofSeconds(10)).until(() -> line.matcher(out.toString()).find());
        Matcher m = line.matcher(out.toString());
        assertThat(m.find()).isTrue();
        String answer = TestHttp.post(m.group(1) + "/v1/completions", "{\"prompt\":\"The Fox\"}").body();
        assertThat(answer).contains("\"system_fingerprint\":\"fp_sample_v1_length\"");

        runner.interrupt();
        runner.join(10_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        assertThat(err.toString()).isEmpty();
    }
}
