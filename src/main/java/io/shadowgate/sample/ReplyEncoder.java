package io.shadowgate.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Encodes a {@link Reply} into a full HTTP response, writing the JSON straight into a buffer from
 * the channel's (pooled) allocator so no intermediate byte array or String is made. The returned
 * response owns the buffer; writing it to the channel releases it.
 */
final class ReplyEncoder {
    private ReplyEncoder() {}

    static FullHttpResponse encode(ByteBufAllocator alloc, Reply reply) {
        ByteBuf content = alloc.buffer(256);
        try {
            try (JsonGenerator json = Json.FACTORY.createGenerator((OutputStream) new ByteBufOutputStream(content))) {
                reply.body().writeTo(json);
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(), content);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
            if (reply.allow() != null) {
                response.headers().set(HttpHeaderNames.ALLOW, reply.allow());
            }
            return response;
        } catch (IOException e) {
            content.release();
            // Writing to a heap or direct buffer cannot fail with I/O; this is a bug if it happens.
            throw new UncheckedIOException("cannot encode a reply", e);
        } catch (RuntimeException | Error e) {
            content.release();
            throw e;
        }
    }
}
