package io.shadowgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's first command: {@code demo --once} mirrors the whole dataset and reports the comparison. */
class DemoCommandTest {
    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void demoOnceScoresThroughTheGatewayAndReportsWhatTheShadowFound() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute("demo", "--once", "--port", String.valueOf(freePort()),
                "--admin-port", String.valueOf(freePort()), "--model-port", String.valueOf(freePort()),
                "--candidate-port", String.valueOf(freePort()));

        assertThat(exitCode).as("stderr: %s", err).isZero();
        assertThat(out.toString())
                .contains("HTTP 200")
                .contains("{\"predictions\":[[")
                .contains("scored all 150 rows of the Iris dataset in 50 requests")
                .contains("compared 50 of 50 requests: match rate")
                .contains("/predictions/*/*")
                .contains("/mismatches/summary");
    }

    @Test
    void aPortInUseIsAClearErrorNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = Main.commandLine();
            commandLine.setOut(new PrintWriter(new StringWriter(), true));
            commandLine.setErr(new PrintWriter(err, true));

            int exitCode = commandLine.execute("demo", "--once", "--port", String.valueOf(freePort()),
                    "--admin-port", String.valueOf(freePort()), "--model-port", String.valueOf(freePort()),
                    "--candidate-port", String.valueOf(taken.getLocalPort()));

            assertThat(exitCode).isEqualTo(1);
            assertThat(err.toString()).contains("--candidate-port");
        }
    }
}
