package io.shadowgate.sample;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes one {@link EventStream} to a channel as a chunked {@code text/event-stream} response: the
 * head at once, then each token event as its own HTTP chunk, flushed, the next one scheduled on
 * the channel's event loop after the token delay (never slept on), then the closing events and the
 * last chunk. One instance per response; it only runs on the channel's event loop. Each chunk's
 * buffer is made just before its write and handed to the channel, which releases it; a client
 * that leaves stops the schedule with nothing held.
 */
final class EventStreamWriter {
    private final ChannelHandlerContext ctx;
    private final EventStream stream;
    private int next;

    private EventStreamWriter(ChannelHandlerContext ctx, EventStream stream) {
        this.ctx = ctx;
        this.stream = stream;
    }

    /** Starts writing {@code stream}; returns at once, the rest runs on {@code ctx}'s executor. */
    static void start(ChannelHandlerContext ctx, EventStream stream) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.writeAndFlush(head);
        new EventStreamWriter(ctx, stream).schedule(stream.firstTokenDelayNanos());
    }

    private void schedule(long delayNanos) {
        if (delayNanos == 0) {
            ctx.executor().execute(this::writeNext);
        } else {
            ctx.executor().schedule(this::writeNext, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void writeNext() {
        if (!ctx.channel().isActive()) {
            return; // the client left: nothing was allocated for the events not yet written
        }
        List<String> tokens = stream.tokenEvents();
        if (next < tokens.size()) {
            ctx.writeAndFlush(new DefaultHttpContent(event(tokens.get(next++))));
            if (next < tokens.size()) {
                schedule(stream.tokenDelayNanos());
                return;
            }
        }
        List<String> closing = stream.closingEvents();
        for (int i = 0; i < closing.size() - 1; i++) {
            ctx.write(new DefaultHttpContent(event(closing.get(i))));
        }
        ByteBuf last = closing.isEmpty() ? ctx.alloc().buffer(0) : event(closing.get(closing.size() - 1));
        ctx.writeAndFlush(new DefaultLastHttpContent(last));
    }

    private ByteBuf event(String data) {
        return ByteBufUtil.writeUtf8(ctx.alloc(), "data: " + data + "\n\n");
    }
}
