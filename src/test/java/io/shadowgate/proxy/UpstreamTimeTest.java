package io.shadowgate.proxy;

import static io.shadowgate.proxy.ProxyHandlerEmbeddedTest.ok;
import static io.shadowgate.proxy.ProxyHandlerEmbeddedTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import io.shadowgate.metrics.MeterNames;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The latency the mirror (and so the rollout's latency gate) gets for a primary answer is the
 * upstream's own time, from the request written out to the last byte: a canary stage that raises
 * the candidate's share makes its pool open connections, whose handshakes stable's open pool does
 * not pay, and those first answers must not read as a slower model. What the client waited in all
 * is still what the access log and {@code shadowgate_upstream_latency_seconds} count.
 */
class UpstreamTimeTest {
    /** Long enough that the answer's own time (microseconds here) cannot reach it. */
    private static final Duration HELD = Duration.ofMillis(400);

    @Test
    void theMirrorIsToldTheTimeFromTheWriteOutWhileTheMetricCountsTheWaitForTheConnection() throws Exception {
        HoldWrites handshake = new HoldWrites();
        List<Long> told = new ArrayList<>();
        MirrorSink mirror = (request, requestId, candidateServes) -> new Completion(told);
        try (EmbeddedProxy proxy = new EmbeddedProxy(null, AccessLog.NONE, mirror, () -> handshake)) {
            proxy.clientSends(post("/score", "{}"));
            assertThat(proxy.upstreamReceived(0)).as("held, as a TLS handshake holds it").isEmpty();

            Thread.sleep(HELD.toMillis()); // the connection's handshake takes this long
            handshake.release();
            assertThat(proxy.upstreamReceived(0)).startsWith("POST /score HTTP/1.1");
            proxy.upstreamSends(0, ok("{\"answer\":1}"));

            assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 OK").endsWith("{\"answer\":1}");
            assertThat(told).hasSize(1);
            assertThat(told.get(0)).as("the upstream's own time").isPositive().isLessThan(HELD.toNanos());
            Timer waited = proxy.registry().get(MeterNames.UPSTREAM_LATENCY).timer();
            assertThat(waited.count()).isEqualTo(1);
            assertThat(waited.totalTime(TimeUnit.NANOSECONDS)).as("what the client waited")
                    .isGreaterThanOrEqualTo(HELD.toNanos());
        }
    }

    /** Holds a connection's writes, as an unfinished TLS handshake does, until released. */
    private static final class HoldWrites extends ChannelOutboundHandlerAdapter {
        private final Queue<Object> held = new ArrayDeque<>();
        private final Queue<ChannelPromise> promises = new ArrayDeque<>();
        private ChannelHandlerContext ctx;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            held.add(msg);
            promises.add(promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            // nothing leaves before the release
        }

        void release() {
            while (!held.isEmpty()) {
                ctx.write(held.poll(), promises.poll());
            }
            ctx.flush();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            held.forEach(ReferenceCountUtil::release);
            held.clear();
        }
    }

    /** Records the latency each completed answer is reported with. */
    private record Completion(List<Long> told) implements PrimaryObserver {
        @Override
        public void onHead(HttpResponse head, long nanos) {}

        @Override
        public void onContent(ByteBuf content, long nanos) {}

        @Override
        public void onComplete(long latencyNanos) {
            told.add(latencyNanos);
        }

        @Override
        public void onFailed(String error) {}
    }
}
