package io.shadowgate.proxy;

import static io.shadowgate.proxy.ProxyHandlerEmbeddedTest.ok;
import static io.shadowgate.proxy.ProxyHandlerEmbeddedTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client's side of the proxy pipeline on {@link EmbeddedProxy}: the request read deadline
 * ({@link RequestReadTimeout}) on the loop's frozen clock, and a client connection that breaks
 * while a response is being relayed.
 */
class ClientSideEmbeddedTest {
    private static final Duration TIMEOUT = EmbeddedProxy.IDLE_TIMEOUT;

    @Test
    void aRequestThatStopsArrivingGets408AndTheConnectionClosesWithoutGoingUpstream() {
        try (EmbeddedProxy proxy = new EmbeddedProxy()) {
            proxy.clientSends("POST /score HTTP/1.1\r\nHost: gateway\r\nContent-Length: 10\r\n\r\n{\"a\"");

            proxy.advance(TIMEOUT.minusMillis(1));
            assertThat(proxy.clientReceived()).isEmpty();
            assertThat(proxy.client().isActive()).isTrue();

            proxy.advance(Duration.ofMillis(1));
            assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .containsIgnoringCase("connection: close");
            assertThat(proxy.client().isOpen()).isFalse();
            assertThat(proxy.upstreams()).isEmpty();
        }
    }

    /** Slow-loris: a byte now and then keeps the idle timer quiet, but not the deadline from the first byte. */
    @Test
    void theDeadlineCountsFromTheFirstByteNotTheLast() {
        try (EmbeddedProxy proxy = new EmbeddedProxy()) {
            proxy.clientSends("POST /score HTTP/1.1\r\n");
            proxy.advance(TIMEOUT.dividedBy(2));
            proxy.clientSends("Host: gateway\r\n");
            proxy.advance(TIMEOUT.dividedBy(2).minusMillis(1));
            proxy.clientSends("Content-Length: 2\r\n");
            assertThat(proxy.clientReceived()).isEmpty();

            proxy.advance(Duration.ofMillis(1));

            assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 408 Request Timeout\r\n");
            assertThat(proxy.client().isOpen()).isFalse();
        }
    }

    /**
     * Slow-loris behind a pipelined request: the second request's first bytes come in the same read
     * as the end of the first, then a byte now and then. Its deadline counts from those first bytes.
     */
    @Test
    void aPipelinedRequestStartedInTheReadThatEndedThePreviousOneHasItsDeadlineFromItsFirstByte() {
        try (EmbeddedProxy proxy = new EmbeddedProxy()) {
            proxy.clientSends(post("/score?n=1", "{}") + "POST /score?n=2 HTTP/1.1\r\n");
            assertThat(proxy.upstreamReceived(0)).startsWith("POST /score?n=1 ").doesNotContain("n=2");
            proxy.upstreamSends(0, ok("{\"answer\":1}"));
            assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("{\"answer\":1}");

            proxy.advance(TIMEOUT.dividedBy(2));
            proxy.clientSends("Host: gateway\r\n");
            proxy.advance(TIMEOUT.dividedBy(2).minusMillis(1));
            assertThat(proxy.clientReceived()).isEmpty();

            proxy.advance(Duration.ofMillis(1));

            assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 408 Request Timeout\r\n");
            assertThat(proxy.client().isOpen()).isFalse();
            assertThat(proxy.upstreamReceived(0)).as("the stalled request never went upstream").isEmpty();
        }
    }

    /** The same while the first request is still in flight: its response becomes the connection's last. */
    @Test
    void aPipelinedRequestStartedInTheReadThatEndedAnInFlightOneEndsTheConnectionAfterItsResponse() {
        try (EmbeddedProxy proxy = new EmbeddedProxy()) {
            proxy.clientSends(post("/score?n=1", "{}") + "POST /score?n=2 HTTP/1.1\r\n");
            assertThat(proxy.upstreamReceived(0)).startsWith("POST /score?n=1 ");

            proxy.advance(TIMEOUT); // the upstream timeout is longer
            proxy.upstreamSends(0, ok("{\"answer\":1}"));

            assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n").containsIgnoringCase("connection: close")
                    .endsWith("{\"answer\":1}");
            assertThat(proxy.client().isOpen()).isFalse();
        }
    }

    @Test
    void aRequestThatArrivedWholeStopsTheDeadline() {
        try (EmbeddedProxy proxy = new EmbeddedProxy()) {
            proxy.clientSends(post("/score", "{}"));
            proxy.upstreamSends(0, ok("{}"));
            assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n");

            proxy.advance(TIMEOUT.minusMillis(1));

            assertThat(proxy.clientReceived()).isEmpty();
            assertThat(proxy.client().isActive()).isTrue();
        }
    }

    /** A 408 may not overtake the response in flight: that response is the connection's last instead. */
    @Test
    void aStalledRequestBehindOneInFlightEndsTheConnectionAfterTheResponseWithout408() {
        try (EmbeddedProxy proxy = new EmbeddedProxy()) {
            proxy.clientSends(post("/score?n=1", "{}"));
            assertThat(proxy.upstreamReceived(0)).startsWith("POST /score?n=1 ");
            proxy.clientSends("POST /score?n=2 HTTP/1.1\r\nHost: gateway\r\n");

            proxy.advance(TIMEOUT); // the second request's deadline passes; the upstream timeout is longer
            assertThat(proxy.clientReceived()).isEmpty();
            assertThat(proxy.client().isOpen()).isTrue();

            proxy.upstreamSends(0, ok("{\"answer\":1}"));

            String answer = proxy.clientReceived();
            assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").containsIgnoringCase("connection: close")
                    .endsWith("{\"answer\":1}").doesNotContain("HTTP/1.1 408").doesNotContain("request_timeout");
            assertThat(proxy.client().isOpen()).isFalse();
            assertThat(proxy.upstreamReceived(0)).as("the stalled request never went upstream").isEmpty();
        }
    }

    @Test
    void aClientWriteFailingMidBodyClosesBothConnectionsAndFreesThePoolPermit() {
        BreakablePipe pipe = new BreakablePipe();
        try (EmbeddedProxy proxy = new EmbeddedProxy(pipe)) {
            proxy.clientSends(post("/score", "{}"));
            proxy.upstreamSends(0, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                    + "\r\n5\r\n{\"a\":\r\n");
            assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n").contains("{\"a\":");

            pipe.broken = true;
            proxy.upstreamSends(0, "2\r\n1}\r\n");

            assertThat(pipe.failedWrites).isPositive();
            assertThat(proxy.client().isOpen()).isFalse();
            assertThat(proxy.upstream(0).isOpen()).as("a connection left mid-response is not reused").isFalse();
            assertThat(proxy.pool().openConnections()).isZero();
        }
    }

    /**
     * The client's connection can end inside the very write that relays a response part (a
     * transport that fails a write at once and closes); the exchange must end there, as for any
     * client gone mid-response: upstream connection closed, pool permit and buffers freed, no 200 logged.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a part in the middle | 2\\r\\n1}\\r\\n",
            "the last part        | 0\\r\\n\\r\\n"})
    void aClientClosingInsideTheWriteOfAResponsePartEndsTheExchangeCleanly(String name, String part) {
        ClosingPipe pipe = new ClosingPipe();
        java.util.List<Integer> logged = new java.util.ArrayList<>();
        try (EmbeddedProxy proxy = new EmbeddedProxy(pipe, (method, uri, status, upstream, nanos, id) -> logged.add(status))) {
            proxy.clientSends(post("/score", "{}"));
            proxy.upstreamSends(0, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                    + "\r\n5\r\n{\"a\":\r\n");
            assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n");

            pipe.closing = true;
            proxy.upstreamSends(0, part.replace("\\r\\n", "\r\n"));

            assertThat(proxy.client().isOpen()).isFalse();
            assertThat(proxy.upstream(0).isOpen()).as("a connection left mid-response is not reused").isFalse();
            assertThat(proxy.pool().openConnections()).isZero();
            assertThat(logged).containsExactly(AccessLog.CLIENT_CLOSED);
        }
    }

    /** The socket end of the client's pipeline: once closing, a write closes the channel and fails. */
    private static final class ClosingPipe extends ChannelOutboundHandlerAdapter {
        boolean closing;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (!closing) {
                super.write(ctx, msg, promise);
                return;
            }
            ReferenceCountUtil.release(msg);
            ctx.channel().close();
            promise.setFailure(new IOException("Connection reset by peer"));
        }
    }

    /**
     * The socket end of the client's pipeline: once broken, the writes it holds fail when flushed,
     * as on a socket the peer has reset (a socket write fails on flush, not when it is queued).
     */
    private static final class BreakablePipe extends ChannelOutboundHandlerAdapter {
        private final ArrayDeque<Object> held = new ArrayDeque<>();
        private final ArrayDeque<ChannelPromise> promises = new ArrayDeque<>();
        boolean broken;
        int failedWrites;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (!broken) {
                super.write(ctx, msg, promise);
                return;
            }
            held.add(msg);
            promises.add(promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) throws Exception {
            if (!broken) {
                super.flush(ctx);
                return;
            }
            Object msg;
            while ((msg = held.poll()) != null) {
                failedWrites++;
                ReferenceCountUtil.release(msg);
                promises.poll().setFailure(new IOException("Connection reset by peer"));
            }
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            held.forEach(ReferenceCountUtil::release);
            held.clear();
        }
    }
}
