package io.shadowgate.sample;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each aggregated request on its own event loop: routes it, then writes the reply either
 * at once or after the configured latency, scheduled on the channel's executor so a slow
 * simulated model never blocks a thread; an event stream is handed to an {@link EventStreamWriter}
 * at that moment. {@code @Sharable} and stateless: one instance serves
 * every channel. The request is released when this returns (the reply holds no reference to it).
 */
@Sharable
final class SampleModelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(SampleModelHandler.class);

    private final ModelRoutes routes;
    private final long latencyNanos;

    SampleModelHandler(SampleModelOptions options) {
        this.routes = new ModelRoutes(options);
        this.latencyNanos = options.latency().toNanos();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean malformed = request.decoderResult().isFailure();
        Answer answer = answer(request, malformed);
        if (latencyNanos == 0) {
            send(ctx, answer, malformed);
        } else {
            ctx.executor().schedule(() -> send(ctx, answer, malformed), latencyNanos, TimeUnit.NANOSECONDS);
        }
    }

    private Answer answer(FullHttpRequest request, boolean malformed) {
        if (malformed) {
            return Reply.badRequest("malformed HTTP request: " + request.decoderResult().cause().getMessage());
        }
        try {
            return routes.route(request.method(), request.uri(), request.content());
        } catch (RuntimeException e) {
            // A bug, not a bad request: say so to the client and keep the connection usable.
            log.warn("cannot answer {} {}", request.method(), request.uri(), e);
            return Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal", e.toString());
        }
    }

    private static void send(ChannelHandlerContext ctx, Answer answer, boolean close) {
        if (!ctx.channel().isActive()) {
            return; // the client left while we waited out the latency
        }
        if (answer instanceof EventStream stream) {
            EventStreamWriter.start(ctx, stream);
            return;
        }
        Reply reply = (Reply) answer;
        FullHttpResponse response = ReplyEncoder.encode(ctx.alloc(), reply);
        if (close) {
            // The decoder cannot find the next request's start after garbage: end the connection.
            HttpUtil.setKeepAlive(response, false);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Mostly peers resetting connections at the end of a load test: not worth more than debug.
        log.debug("closing {} after an error", ctx.channel(), cause);
        ctx.close();
    }
}
