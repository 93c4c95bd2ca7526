package io.shadowgate.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a client connection after the gateway refused a request itself (400, 408, 413, 431 ...)
 * without losing the refusal, as nginx's {@code lingering_close} does. The gateway often refuses
 * while the client is still sending (a huge header, a big body); closing a socket with unread bytes
 * makes the kernel answer with RST, and a reset can discard the answer before the client reads it.
 * So: the answer goes out, the output is shut down (the client sees the end of the connection), and
 * what the client still sends is read and dropped until it closes, or until {@link #MAX_DISCARDED_BYTES}
 * or {@link #LINGER_MILLIS} pass, whichever comes first; then the connection is closed.
 *
 * <p>Sits first in the pipeline from the refusal on, so no byte reaches the HTTP decoder any more.
 * One instance per channel (not sharable); everything runs on the channel's loop, nothing blocks.
 */
final class LingeringClose extends ChannelInboundHandlerAdapter {
    /**
     * How long a refused client may keep sending. Long enough for a client on a normal link to get
     * its write out and read the answer; short enough that a refused connection is gone soon.
     */
    static final long LINGER_MILLIS = 2_000;
    /**
     * How much a refused client may still send. Covers the rest of a request a few times the
     * configured limits; a client sending more is abusing the courtesy, and gets the reset.
     */
    static final long MAX_DISCARDED_BYTES = 4L * 1024 * 1024;
    private static final String NAME = "lingeringClose";

    private ScheduledFuture<?> timer;
    private long discarded;

    private LingeringClose() {}

    /**
     * Sends {@code response}, the connection's last, and then lingers as described above. Called
     * from a handler of the client's pipeline, on its loop.
     */
    static void refuse(ChannelHandlerContext ctx, FullHttpResponse response) {
        HttpUtil.setKeepAlive(response, false);
        ChannelPipeline pipeline = ctx.pipeline();
        // It would close the connection itself on seeing "Connection: close" go out.
        if (pipeline.get(HttpServerKeepAliveHandler.class) != null) {
            pipeline.remove(HttpServerKeepAliveHandler.class);
        }
        if (pipeline.get(NAME) == null) {
            pipeline.addFirst(NAME, new LingeringClose());
        }
        Channel channel = ctx.channel();
        if (!(channel instanceof DuplexChannel duplex)) {
            // No socket, no RST to avoid, and no half-close to tell the client the answer is over.
            ctx.writeAndFlush(response).addListener(f -> channel.close());
            return;
        }
        ctx.writeAndFlush(response).addListener(written -> {
            if (written.isSuccess() && channel.isActive()) {
                duplex.shutdownOutput();
                channel.config().setAutoRead(true); // the proxy handler may have paused reading
            } else {
                channel.close();
            }
        });
    }

    /** True once the connection has been refused: what else happens on it no longer matters. */
    static boolean isLingering(Channel channel) {
        return channel.pipeline().get(NAME) != null;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Counted from the refusal, not from the answer's flush: a client that reads nothing could
        // otherwise hold the answer, and the connection, for ever.
        timer = ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            discarded += bytes.readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (discarded > MAX_DISCARDED_BYTES) {
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // nothing was passed on, so there is nothing to complete behind this handler
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // typically the client's reset: the end of lingering either way
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        timer.cancel(false);
        super.channelInactive(ctx); // the handlers behind still free what they hold
    }
}
