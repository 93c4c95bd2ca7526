package io.shadowgate.mirror;

import static io.shadowgate.testing.ScriptedModel.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.config.UpstreamConfig;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.ScriptedModel;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.ShadowCounts;
import io.shadowgate.testing.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-sent events through the gateway over loopback, stable streaming with real pauses: a
 * stream that keeps talking outlives the first-byte and idle timeouts; one that stalls is cut
 * after what was relayed, counted as an idle timeout and never as a 504, and its shadow copy is
 * not compared with the half answer.
 */
class StreamedAnswersTest {
    private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";

    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();
    @TempDir
    Path dir;
    private ScriptedModel stable;
    private ScriptedModel candidate;

    @AfterEach
    void stopModels() throws IOException {
        if (stable != null) {
            stable.close();
        }
        if (candidate != null) {
            candidate.close();
        }
    }

    private static String event(int n) {
        String data = "data: {\"token\":" + n + "}\n\n";
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    /** Head, then {@code events} events {@code gap} apart, then (unless {@code stallAfter}) the end of the body. */
    private static ScriptedModel.Script stream(int events, Duration gap, boolean stallAfter) {
        return out -> {
            out.write(bytes(HEAD));
            out.flush();
            for (int n = 0; n < events; n++) {
                Thread.sleep(gap.toMillis());
                out.write(bytes(event(n)));
                out.flush();
            }
            if (stallAfter) {
                Thread.sleep(10_000); // ended by the gateway closing the connection, or by close()
            }
            out.write(bytes("0\r\n\r\n"));
        };
    }

    /** Stable with a long total timeout, 2 s to the head and 1 s between events; the candidate answers at once. */
    private void start(ScriptedModel.Script stableScript) throws Exception {
        start(stableScript, stream(3, Duration.ZERO, false),
                TestConfigs.upstream("http://unused", Duration.ofSeconds(10), 8, Map.of()));
    }

    private void start(ScriptedModel.Script stableScript, ScriptedModel.Script candidateScript,
                       UpstreamConfig candidateConfig) throws Exception {
        stable = new ScriptedModel(stableScript);
        candidate = new ScriptedModel(candidateScript);
        UpstreamConfig stableConfig = new UpstreamConfig(URI.create(stable.url()), Map.of(), Duration.ofSeconds(2),
                Duration.ofSeconds(30), 8, Duration.ofSeconds(2), Duration.ofSeconds(1));
        ShadowgateConfig config = TestConfigs.gateway(TestConfigs.server(1024 * 1024, 16 * 1024), stableConfig, "")
                .withCandidate(candidateConfig.at(URI.create(candidate.url()), Map.of()),
                        TestConfigs.shadow(100, 8), TestConfigs.compare(0, List.of()));
        gateway.start(config.withRollout(TestConfigs.rolloutIn(dir, config.rollout())));
    }

    /** Everything the gateway sends back to one request on a raw connection, until it closes that connection. */
    private String exchange() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.proxyPort())) {
            socket.setSoTimeout(20_000);
            String body = "{\"stream\":true}";
            OutputStream out = socket.getOutputStream();
            out.write(bytes("POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body));
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // a cut may arrive as a reset rather than an orderly close; what came before stands
            }
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private double stableMetric(String name, Map<String, String> labels) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put("upstream", "stable");
        all.put("role", "primary");
        return Scrapes.value(gateway.scrape(), name, all);
    }

    @Test
    void eventsHalfASecondApartAreRelayedWholeThoughTheStreamOutlastsTheFirstByteAndIdleTimeouts() throws Exception {
        start(stream(5, Duration.ofMillis(500), false)); // 2.5 s in all

        String received = exchange();

        StringBuilder events = new StringBuilder();
        for (int n = 0; n < 5; n++) {
            events.append(event(n));
        }
        assertThat(received).startsWith("HTTP/1.1 200 OK\r\n").contains("text/event-stream")
                .endsWith(events + "0\r\n\r\n");
        assertThat(stableMetric("shadowgate_requests_total", Map.of("status", "2xx"))).isEqualTo(1);
        assertThat(stableMetric("shadowgate_upstream_timeouts_total", Map.of("cause", "idle_timeout"))).isZero();
        ShadowCounts.awaitEnded(gateway::scrape, 1);
    }

    @Test
    void aStreamThatStallsIsCutAfterWhatWasRelayedAndItsShadowCopyIsNotCompared() throws Exception {
        start(stream(2, Duration.ofMillis(100), true));

        String received = exchange();

        assertThat(received).startsWith("HTTP/1.1 200 OK\r\n").endsWith(event(0) + event(1))
                .doesNotContain("HTTP/1.1 504").doesNotContain("upstream_timeout");
        assertThat(stableMetric("shadowgate_upstream_timeouts_total", Map.of("cause", "idle_timeout"))).isEqualTo(1);
        assertThat(stableMetric("shadowgate_requests_total", Map.of("status", "5xx"))).isZero();
        assertThat(stableMetric("shadowgate_requests_total", Map.of("status", "error"))).isEqualTo(1);
        ShadowCounts counts = ShadowCounts.awaitEnded(gateway::scrape, 1);
        assertThat(counts.compared()).as("a half answer is never compared").isZero();
        assertThat(counts.skipped()).isEqualTo(1);
    }

    @Test
    void aShadowCopyThatStallsEndsAtTheCandidatesIdleTimeoutNotItsTotal() throws Exception {
        UpstreamConfig candidateConfig = new UpstreamConfig(URI.create("http://unused"), Map.of(),
                Duration.ofSeconds(2), Duration.ofSeconds(60), 8, Duration.ofSeconds(1), Duration.ofSeconds(1));
        start(stream(2, Duration.ZERO, false), stream(1, Duration.ZERO, true), candidateConfig);

        assertThat(exchange()).startsWith("HTTP/1.1 200 OK\r\n").endsWith(event(1) + "0\r\n\r\n");

        // Well before the candidate's 60 s total: async-http-client's read timeout ends the copy.
        ShadowCounts counts = ShadowCounts.awaitEnded(gateway::scrape, 1);
        assertThat(counts.timeout()).isEqualTo(1);
    }
}
