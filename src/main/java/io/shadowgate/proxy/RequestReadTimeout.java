package io.shadowgate.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A request must arrive whole within a deadline counted from its first byte. The idle timer alone
 * cannot see a client that dribbles its headers a byte a second (slow-loris) or announces more body
 * than it sends: such a connection is never idle, yet never delivers a request, and would be held
 * for as long as the client likes. When the deadline passes, {@link #EXPIRED} is fired down the
 * pipeline for the proxy handler to answer 408 and close.
 *
 * <p>Two handlers share the deadline: {@link #firstByte()} sits before the HTTP codec and starts it
 * on the first bytes of a request; {@link #lastContent()} sits after the codec and stops it when
 * the request's last content has been decoded (also for a body the aggregator refuses as too large,
 * whose bytes are still read and dropped), and starts it again at once when the codec already holds
 * bytes of the next request (pipelined in the same read, so {@code firstByte} saw them while the
 * deadline still ran for the request before). One instance per channel; everything runs on its loop.
 */
final class RequestReadTimeout {
    /** The user event fired when a request did not arrive whole in time. */
    static final Object EXPIRED = new Object() {
        @Override
        public String toString() {
            return "RequestReadTimeout.EXPIRED";
        }
    };

    private final long timeoutNanos;
    private ScheduledFuture<?> deadline;
    private ChannelHandlerContext afterCodec;

    RequestReadTimeout(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    ChannelHandler firstByte() {
        return new FirstByte();
    }

    ChannelHandler lastContent() {
        return new LastContent();
    }

    private void start(ChannelHandlerContext ctx) {
        if (deadline == null) {
            deadline = ctx.executor().schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void stop() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void expire() {
        deadline = null;
        if (afterCodec != null && afterCodec.channel().isActive()) {
            afterCodec.fireUserEventTriggered(EXPIRED);
        }
    }

    private final class FirstByte extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                start(ctx);
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            stop();
            ctx.fireChannelInactive();
        }
    }

    private final class LastContent extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            afterCodec = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof LastHttpContent) {
                stop();
                // The next request's first bytes may have come in the read that ended this one, and
                // wait in the codec for the rest of its head: its deadline starts now, not on the
                // next read (which a stalling client need never send).
                if (CodecBacklog.undecodedBytes(ctx.pipeline()) > 0) {
                    start(ctx);
                }
            } else if (msg instanceof HttpRequest) {
                start(ctx); // a pipelined head decoded whole in that same read; no-op if running
            }
            ctx.fireChannelRead(msg);
        }

        /**
         * The idle timer may beat the deadline by a hair when a request stalls right after its first
         * bytes (both count the same timeout); a request in progress then still gets its 408.
         */
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent && deadline != null) {
                stop();
                ctx.fireUserEventTriggered(EXPIRED);
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
