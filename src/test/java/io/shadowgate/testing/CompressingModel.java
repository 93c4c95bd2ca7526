package io.shadowgate.testing;

import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.compression.Brotli;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.shadowgate.net.Transports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A model server on 127.0.0.1 that compresses its answer as real ones do: with {@code coding}
 * (gzip, deflate, br or zstd) when the request's Accept-Encoding lists it, else plain. It records
 * every Accept-Encoding it was sent ({@code <none>} when absent). For bodies that should arrive as given
 * whatever was asked (a bomb, an unknown coding), {@link #fixed} answers with preset bytes and headers.
 */
public final class CompressingModel implements AutoCloseable {
    private final EventLoopGroup group = Transports.newGroup(1, "compressing-model");
    private final Channel listener;
    private final List<String> acceptEncodings = new CopyOnWriteArrayList<>();

    /** What to answer: the body as sent on the wire, and its headers (a null encoding is left out). */
    public record Answer(String contentType, String contentEncoding, byte[] wireBody) {}

    private interface Answering {
        Answer answer(String acceptEncoding);
    }

    private CompressingModel(Answering answering) throws InterruptedException {
        listener = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverChannel())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                new HttpObjectAggregator(1 << 20), new Handler(answering));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** Answers {@code body} compressed with {@code coding} when asked for it (null: never compresses). */
    public static CompressingModel compressing(String contentType, byte[] body, String coding) throws InterruptedException {
        byte[] encoded = coding == null ? body : encode(coding, body);
        return new CompressingModel(accept -> coding != null && accepts(accept, coding)
                ? new Answer(contentType, coding, encoded) : new Answer(contentType, null, body));
    }

    /** Always answers exactly {@code answer}, whatever the request asked for. */
    public static CompressingModel fixed(Answer answer) throws InterruptedException {
        return new CompressingModel(accept -> answer);
    }

    private static boolean accepts(String acceptEncoding, String coding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            if (part.split(";")[0].trim().equals(coding)) {
                return true;
            }
        }
        return false;
    }

    /** {@code body} in one content coding, with the codec libraries the gateway's decoders use (or the JDK's zlib). */
    public static byte[] encode(String coding, byte[] body) {
        try {
            return switch (coding) {
                case "gzip" -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                        gzip.write(body);
                    }
                    yield out.toByteArray();
                }
                case "deflate" -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
                        deflate.write(body);
                    }
                    yield out.toByteArray();
                }
                case "br" -> {
                    Brotli.ensureAvailability();
                    yield Encoder.compress(body, new Encoder.Parameters().setQuality(4));
                }
                case "zstd" -> Zstd.compress(body);
                default -> throw new IllegalArgumentException("coding: " + coding + " (expected: gzip, deflate, br, zstd)");
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Throwable e) {
            throw new IllegalStateException("encoding " + coding, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The Accept-Encoding of every request so far, in arrival order ({@code <none>} where there was none). */
    public List<String> acceptEncodings() {
        return List.copyOf(acceptEncodings);
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Answering answering;

        Handler(Answering answering) {
            this.answering = answering;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String accept = request.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
            acceptEncodings.add(accept == null ? "<none>" : accept);
            Answer answer = answering.answer(accept);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(answer.wireBody()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.wireBody().length);
            if (answer.contentEncoding() != null) {
                response.headers().set(HttpHeaderNames.CONTENT_ENCODING, answer.contentEncoding());
            }
            ctx.writeAndFlush(response);
        }
    }
}
