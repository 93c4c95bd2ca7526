package io.shadowgate.proxy;

import static io.shadowgate.proxy.ProxyHandlerEmbeddedTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponse;
import io.shadowgate.metrics.MeterNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A streamed answer (server-sent events, chunked) under the three upstream timeouts, on
 * {@link EmbeddedProxy}'s frozen clock: a stream that keeps talking outlives the first-byte and
 * idle timeouts; one that stalls, or runs past the total, is cut after the head it already sent
 * (connection closed, never a 504, counted by cause, the mirror told); no head in time is a 504.
 */
class StreamTimeoutsEmbeddedTest {
    private static final Duration TOTAL = Duration.ofSeconds(4);
    private static final Duration FIRST_BYTE = Duration.ofSeconds(2);
    private static final Duration IDLE = Duration.ofSeconds(1);
    private static final String STREAM_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    private final List<Integer> accessStatuses = new ArrayList<>();
    private final List<String> observed = new ArrayList<>();
    private final EmbeddedProxy proxy = new EmbeddedProxy(
            (method, uri, status, upstream, nanos, requestId) -> accessStatuses.add(status),
            (request, requestId, candidateServes) -> new RecordingObserver(), TOTAL, FIRST_BYTE, IDLE);

    @AfterEach
    void close() {
        proxy.close();
    }

    private static String event(int n) {
        String data = "data: {\"token\":" + n + "}\n\n";
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    private double timeouts(String cause) {
        MeterRegistry registry = proxy.registry();
        return registry.get(MeterNames.UPSTREAM_TIMEOUTS).tag(MeterNames.TAG_CAUSE, cause).counter().count();
    }

    private double requests(String status) {
        return proxy.registry().get(MeterNames.REQUESTS).tag(MeterNames.TAG_STATUS, status).counter().count();
    }

    @Test
    void aStreamWhoseGapsStayUnderTheIdleTimeoutIsRelayedWholeThoughItOutlastsTheFirstByteTimeout() {
        proxy.clientSends(post("/v1/chat/completions", "{\"stream\":true}"));
        proxy.advance(Duration.ofMillis(1500)); // a slow first token, still within the first-byte timeout
        proxy.upstreamSends(0, STREAM_HEAD);
        StringBuilder events = new StringBuilder();
        for (int n = 0; n < 4; n++) { // to 3.5 s, events 500 ms apart: past the first-byte and idle timeouts, within the total
            proxy.advance(Duration.ofMillis(500));
            proxy.upstreamSends(0, event(n));
            events.append(event(n));
        }
        proxy.upstreamSends(0, "0\r\n\r\n");

        String relayed = proxy.clientReceived();
        assertThat(relayed).startsWith("HTTP/1.1 200 OK\r\n").endsWith(events + "0\r\n\r\n");
        assertThat(proxy.client().isOpen()).isTrue();
        assertThat(accessStatuses).containsExactly(200);
        assertThat(observed).containsExactly("head 200", "complete");
        assertThat(requests("2xx")).isEqualTo(1);
        assertThat(timeouts(Exchange.IDLE_TIMEOUT) + timeouts(Exchange.FIRST_BYTE_TIMEOUT)
                + timeouts(Exchange.TOTAL_TIMEOUT)).isZero();
    }

    @Test
    void aStreamThatStallsPastTheIdleTimeoutIsCutAfterWhatWasRelayedAndNeverReportedAs504() {
        proxy.clientSends(post("/v1/chat/completions", "{\"stream\":true}"));
        proxy.upstreamSends(0, STREAM_HEAD + event(0));
        proxy.advance(Duration.ofMillis(500));
        proxy.upstreamSends(0, event(1));

        proxy.advance(IDLE.minusMillis(1));
        assertThat(proxy.client().isOpen()).isTrue();
        proxy.advance(Duration.ofMillis(1));

        String relayed = proxy.clientReceived();
        assertThat(relayed).startsWith("HTTP/1.1 200 OK\r\n").endsWith(event(0) + event(1))
                .as("no terminating chunk: the body is not complete").doesNotContain("\r\n0\r\n\r\n")
                .doesNotContain("HTTP/1.1 504").doesNotContain("upstream_timeout");
        assertThat(proxy.client().isOpen()).as("the client's connection is closed").isFalse();
        assertThat(proxy.upstream(0).isOpen()).as("the upstream connection is closed").isFalse();
        assertThat(accessStatuses).containsExactly(200);
        assertThat(timeouts(Exchange.IDLE_TIMEOUT)).isEqualTo(1);
        assertThat(timeouts(Exchange.TOTAL_TIMEOUT)).isZero();
        assertThat(requests("error")).isEqualTo(1);
        assertThat(requests("5xx")).isZero();
        assertThat(observed).containsExactly("head 200", "failed idle_timeout");
    }

    @Test
    void aStreamStillTalkingAtTheTotalTimeoutIsCutWithThatCause() {
        proxy.clientSends(post("/v1/chat/completions", "{\"stream\":true}"));
        proxy.upstreamSends(0, STREAM_HEAD);
        for (int n = 0; n < 7; n++) { // 3.5 s, then the next gap crosses the 4 s total
            proxy.advance(Duration.ofMillis(500));
            proxy.upstreamSends(0, event(n));
        }
        assertThat(proxy.client().isOpen()).isTrue();
        proxy.advance(Duration.ofMillis(500));

        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n").endsWith(event(6)).doesNotContain("HTTP/1.1 504").doesNotContain("upstream_timeout");
        assertThat(proxy.client().isOpen()).isFalse();
        assertThat(accessStatuses).containsExactly(200);
        assertThat(timeouts(Exchange.TOTAL_TIMEOUT)).isEqualTo(1);
        assertThat(timeouts(Exchange.IDLE_TIMEOUT)).isZero();
        assertThat(observed).containsExactly("head 200", "failed total_timeout");
    }

    @Test
    void noHeadWithinTheFirstByteTimeoutIsA504AsBefore() {
        proxy.clientSends(post("/v1/chat/completions", "{\"stream\":true}"));
        proxy.advance(FIRST_BYTE.minusMillis(1));
        assertThat(proxy.clientReceived()).isEmpty();
        proxy.advance(Duration.ofMillis(1));

        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 504 Gateway Timeout\r\n")
                .contains("\"error\":\"upstream_timeout\"");
        assertThat(proxy.client().isOpen()).as("an answered error keeps the connection").isTrue();
        assertThat(accessStatuses).containsExactly(504);
        assertThat(timeouts(Exchange.FIRST_BYTE_TIMEOUT)).isEqualTo(1);
        assertThat(observed).containsExactly("failed upstream_timeout");
    }

    @Test
    void aClientThatCannotTakeMoreIsNotTheUpstreamsSilence() {
        proxy.clientSends(post("/v1/chat/completions", "{\"stream\":true}"));
        proxy.upstreamSends(0, STREAM_HEAD + event(0));
        proxy.client().unsafe().outboundBuffer().setUserDefinedWritability(1, false); // the client stops taking
        proxy.client().runPendingTasks();

        proxy.advance(IDLE.multipliedBy(2)); // twice the idle timeout, within the total
        assertThat(proxy.client().isOpen()).as("no idle cut while the client holds the stream up").isTrue();
        assertThat(timeouts(Exchange.IDLE_TIMEOUT)).isZero();

        proxy.client().unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        proxy.client().runPendingTasks();
        proxy.advance(IDLE);
        assertThat(proxy.client().isOpen()).as("the idle timeout runs again once the client takes more").isFalse();
        assertThat(timeouts(Exchange.IDLE_TIMEOUT)).isEqualTo(1);
        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n").endsWith(event(0));
    }

    @Test
    void theClientsWritabilityBeforeTheHeadLeavesTheFirstByteDeadlineAlone() {
        proxy.clientSends(post("/v1/chat/completions", "{\"stream\":true}"));
        proxy.client().unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        proxy.client().runPendingTasks();
        proxy.client().unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        proxy.client().runPendingTasks();

        proxy.advance(FIRST_BYTE);

        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 504 Gateway Timeout\r\n");
        assertThat(timeouts(Exchange.FIRST_BYTE_TIMEOUT)).isEqualTo(1);
    }

    private final class RecordingObserver implements PrimaryObserver {
        @Override
        public void onHead(HttpResponse head, long nanos) {
            observed.add("head " + head.status().code());
        }

        @Override
        public void onContent(ByteBuf content, long nanos) {
            content.toString(StandardCharsets.UTF_8); // borrowed: read, not kept
        }

        @Override
        public void onComplete(long latencyNanos) {
            observed.add("complete");
        }

        @Override
        public void onFailed(String error) {
            observed.add("failed " + error);
        }
    }
}
