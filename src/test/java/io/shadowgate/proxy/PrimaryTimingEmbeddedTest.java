package io.shadowgate.proxy;

import static io.shadowgate.proxy.ProxyHandlerEmbeddedTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponse;
import io.shadowgate.config.RouteCompareConfig;
import io.shadowgate.config.RouteConfig;
import io.shadowgate.config.RouteMatch;
import io.shadowgate.config.RouteTable;
import io.shadowgate.metrics.MeterNames;
import io.shadowgate.testing.TestConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The primary's answer is timed as it is relayed: the observer hears the head's and every body
 * piece's time since the write, from one clock, so they never decrease and the last piece's time
 * is the completion's; the proxy's own first-byte and latency timers carry the request's route
 * label, the route table's and never the raw path.
 */
class PrimaryTimingEmbeddedTest {
    private static final RouteTable ROUTES = new RouteTable(List.of(new RouteConfig(Optional.of("chat"),
            new RouteMatch("/v1/chat/*", Optional.empty()), RouteCompareConfig.json(TestConfigs.compare(0, List.of())))),
            TestConfigs.compare(0, List.of()));
    private static final String STREAM_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    private final List<Long> heads = new ArrayList<>();
    private final List<Long> pieces = new ArrayList<>();
    private final List<Long> completions = new ArrayList<>();
    private final EmbeddedProxy proxy = new EmbeddedProxy((request, requestId, candidateServes) -> new Timing(),
            ROUTES);

    @AfterEach
    void close() {
        proxy.close();
    }

    private static String event(int n) {
        String data = "data: {\"token\":" + n + "}\n\n";
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    @Test
    void theHeadAndEachPieceAreTimedFromTheWriteAndTheLastPieceAtTheCompletion() {
        proxy.clientSends(post("/v1/chat/completions", "{\"stream\":true}"));
        proxy.upstreamSends(0, STREAM_HEAD);
        for (int n = 0; n < 3; n++) {
            proxy.upstreamSends(0, event(n));
        }
        proxy.upstreamSends(0, "0\r\n\r\n");
        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n");

        assertThat(heads).hasSize(1);
        assertThat(heads.get(0)).isNotNegative();
        assertThat(pieces).hasSize(4).isSorted(); // three events and the empty last piece
        assertThat(pieces.get(0)).isGreaterThanOrEqualTo(heads.get(0));
        assertThat(completions).containsExactly(pieces.get(pieces.size() - 1));
    }

    @Test
    void firstByteAndLatencyAreRecordedUnderTheRequestsRouteLabel() {
        proxy.clientSends(post("/v1/chat/completions", "{}"));
        proxy.upstreamSends(0, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        proxy.clientSends(post("/v2/models/m/infer", "{}"));
        proxy.upstreamSends(0, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        proxy.clientSends(post("/v1/chat/completions?api-version=2", "{}"));
        proxy.upstreamSends(0, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(proxy.clientReceived()).contains("HTTP/1.1 200 OK");

        assertThat(timer(MeterNames.UPSTREAM_FIRST_BYTE, "chat").count()).isEqualTo(2);
        assertThat(timer(MeterNames.UPSTREAM_LATENCY, "chat").count()).isEqualTo(2);
        assertThat(timer(MeterNames.UPSTREAM_FIRST_BYTE, RouteConfig.DEFAULT_LABEL).count()).isEqualTo(1);
        assertThat(timer(MeterNames.UPSTREAM_LATENCY, RouteConfig.DEFAULT_LABEL).count()).isEqualTo(1);
        // Head before end, read from one clock: the first byte never comes after the last.
        assertThat(timer(MeterNames.UPSTREAM_FIRST_BYTE, "chat").totalTime(TimeUnit.NANOSECONDS))
                .isLessThanOrEqualTo(timer(MeterNames.UPSTREAM_LATENCY, "chat")
                        .totalTime(TimeUnit.NANOSECONDS));
        assertThat(proxy.registry().find(MeterNames.UPSTREAM_LATENCY).timers()).as("one series per route, up front")
                .hasSize(ROUTES.labels().size());
    }

    @Test
    void anAnswerWhoseHeadNeverCameHasNoFirstByteTime() {
        proxy.clientSends(post("/v1/chat/completions", "{}"));
        proxy.advance(EmbeddedProxy.UPSTREAM_TIMEOUT.plus(Duration.ofSeconds(1)));

        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 504");
        assertThat(timer(MeterNames.UPSTREAM_FIRST_BYTE, "chat").count()).isZero();
        assertThat(heads).isEmpty();
    }

    private Timer timer(String name, String route) {
        return proxy.registry().get(name).tag(MeterNames.TAG_ROUTE, route).timer();
    }

    private final class Timing implements PrimaryObserver {
        @Override
        public void onHead(HttpResponse head, long nanos) {
            heads.add(nanos);
        }

        @Override
        public void onContent(ByteBuf content, long nanos) {
            pieces.add(nanos);
        }

        @Override
        public void onComplete(long latencyNanos) {
            completions.add(latencyNanos);
        }

        @Override
        public void onFailed(String error) {}
    }
}
