package io.shadowgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.shadowgate.config.LoggingConfig;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.StubModel;
import io.shadowgate.testing.TestConfigs;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** {@code logging.access}: one line per client request through a real gateway, and none when it is off. */
class AccessLogTest {
    private final HttpClient client = Http1.client();
    private final Logger accessLogger = (Logger) LoggerFactory.getLogger("shadowgate.access");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private StubModel model;
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();

    @BeforeEach
    void capture() {
        lines.start();
        accessLogger.addAppender(lines);
    }

    @AfterEach
    void stop() {
        accessLogger.detachAppender(lines);
        if (model != null) {
            model.close();
        }
    }

    private void start(String stableUrl, boolean access) throws Exception {
        ShadowgateConfig config = TestConfigs.gateway(TestConfigs.server(1024, 16 * 1024),
                TestConfigs.upstream(stableUrl, Duration.ofSeconds(5), 16, Map.of()), "");
        gateway.start(config.withLogging(new LoggingConfig(LoggingConfig.Format.TEXT, access)));
    }

    private HttpResponse<String> post(String path, String body, String requestId) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.proxyPort() + path))
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> fields(ILoggingEvent event) {
        return event.getKeyValuePairs().stream().collect(Collectors.toMap(pair -> pair.key, pair -> String.valueOf(pair.value)));
    }

    private ILoggingEvent lineFor(String requestId) {
        return lines.list.stream().filter(event -> fields(event).get("requestId").equals(requestId)).findFirst()
                .orElseThrow();
    }

    @Test
    void answeredRequestGetsOneLineWithoutTheQueryString() throws Exception {
        model = new StubModel(0, () -> "{\"predictions\":[1]}");
        start(model.url(), true);

        assertThat(post("/score?user=alice", "{}", "req-1").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> lines.list.size() == 1);
        ILoggingEvent line = lineFor("req-1");
        assertThat(line.getLevel().toString()).isEqualTo("INFO");
        assertThat(line.getFormattedMessage()).startsWith("POST /score 200 stable ").endsWith("ms id=req-1")
                .doesNotContain("alice");
        assertThat(fields(line)).containsEntry("method", "POST").containsEntry("path", "/score")
                .containsEntry("status", "200").containsEntry("upstream", "stable").containsKey("durationMs");
    }

    @Test
    void failedAndRefusedRequestsAreLoggedWithTheStatusTheClientGot() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        start("http://127.0.0.1:" + closedPort, true);

        assertThat(post("/score", "{}", "req-down").statusCode()).isEqualTo(502);
        assertThat(post("/score", "x".repeat(2048), "req-big").statusCode()).isEqualTo(413);

        await().atMost(Duration.ofSeconds(5)).until(() -> lines.list.size() == 2);
        assertThat(fields(lineFor("req-down"))).containsEntry("status", "502").containsEntry("upstream", "stable");
        assertThat(fields(lineFor("req-big"))).containsEntry("status", "413").containsEntry("upstream", "-");
    }

    @Test
    void offByDefault() throws Exception {
        model = new StubModel(0, () -> "{\"predictions\":[1]}");
        start(model.url(), false);

        for (int i = 0; i < 3; i++) {
            assertThat(post("/score", "{}", "quiet-" + i).statusCode()).isEqualTo(200);
        }
        gateway.close(); // its event loops have ended: any line the exchanges wrote is in the list by now
        assertThat(lines.list).isEmpty();
        assertThat(LoggingConfig.defaults().access()).isFalse();
    }
}
