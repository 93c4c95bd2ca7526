package io.shadowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line, run in-process: exit codes, what goes to stdout and stderr. */
class CliTest {
    @TempDir
    Path dir;

    /** One run of the command line with captured output. */
    private record Run(int exitCode, String out, String err) {}

    private static Run execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /**
     * For {@code run}, which blocks until a signal when it does start a gateway: a regression must
     * fail the test, not hang the suite.
     */
    private static Run executeWithTimeout(String... args) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Run> run = thread.submit(() -> execute(args));
            return run.get(30, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
    }

    private Path write(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void versionPrintsTheNameAndTheBuildVersion() {
        Run run = execute("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("shadowgate ");
        assertThat(run.out().lines().findFirst().orElseThrow()).matches("shadowgate \\d+\\.\\d+\\.\\d+\\S*");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void helpListsTheSubcommands() {
        Run run = execute("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("(?m)^\\s+run\\s").containsPattern("(?m)^\\s+validate\\s");
    }

    @Test
    void anUnknownOptionIsAUsageErrorNamingIt() {
        Run run = execute("--frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--frobnicate");
        Run sub = execute("validate", "--config", "x.yaml", "--frobnicate");
        assertThat(sub.exitCode()).isEqualTo(2);
        assertThat(sub.err()).contains("--frobnicate");
    }

    @Test
    void noSubcommandIsAUsageError() {
        Run run = execute();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing subcommand");
    }

    @Test
    void validateAcceptsTheShippedLocalConfig() {
        Path shipped = Path.of("config", "local.yaml").toAbsolutePath();
        assertThat(shipped).exists();
        Run run = execute("validate", "--config", shipped.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("OK");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void validateReportsEveryErrorWithItsKeyPath() throws Exception {
        Path config = write("two-errors.yaml", "server: {port: 70000}\nstable: {timout: 1s, url: http://127.0.0.1:1}\n");
        Run run = execute("validate", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("server.port").contains("70000").contains("stable.timout: unknown key");
        assertThat(run.out()).doesNotContain("OK");
    }

    @Test
    void validateReportsAShadowSectionWithoutACandidateByItsKey() throws Exception {
        Path config = write("no-candidate.yaml", "stable: {url: http://127.0.0.1:1}\nshadow: {percent: 5}\n");
        Run run = execute("validate", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("shadow: requires candidate: (the deployment to mirror to)");
        assertThat(run.out()).doesNotContain("OK");
    }

    @Test
    void validateOfAMissingFileIsAConfigError() {
        Path missing = dir.resolve("nope.yaml");
        Run run = execute("validate", "--config", missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not found").contains("nope.yaml");
    }

    @Test
    void configIsRequiredByValidateAndRun() {
        for (String command : new String[] {"validate", "run"}) {
            Run run = execute(command);
            assertThat(run.exitCode()).as(command).isEqualTo(2);
            assertThat(run.err()).as(command).contains("--config");
        }
    }

    @Test
    void runWithAnInvalidConfigExitsTwoWithoutStartingAnything() throws Exception {
        int port = freePort();
        Path config = write("invalid.yaml", "server: {host: 127.0.0.1, port: " + port + "}\n"
                + "admin: {host: 127.0.0.1, port: 0}\n"
                + "stable: {url: http://127.0.0.1:1, maxConections: 4}\n");
        Run run = executeWithTimeout("run", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("stable.maxConections: unknown key");
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                .as("nothing listens on server.port").isInstanceOf(ConnectException.class);
    }
}
