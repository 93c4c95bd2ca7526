package io.shadowgate.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.shadowgate.net.Transports;
import java.nio.charset.StandardCharsets;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal keep-alive model server for tests that need to see connections, not just requests:
 * it counts accepted connections and the most open at once, and can delay its answers. Answers
 * every request with {@code {"predictions":[1]}}, or with the bodies of a given supplier.
 */
public final class StubModel implements AutoCloseable {
    private final EventLoopGroup group = Transports.newGroup(1, "stub-model");
    /** Closed explicitly on close(): shutting the loop down only deregisters them, leaving the sockets open. */
    private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final Channel listener;
    private final long delayMillis;
    private final Supplier<String> answers;

    public StubModel(long delayMillis) throws InterruptedException {
        this(delayMillis, () -> "{\"predictions\":[1]}");
    }

    /** Answers each request with the next body from {@code answers} (called on the stub's one thread). */
    public StubModel(long delayMillis, Supplier<String> answers) throws InterruptedException {
        this(0, delayMillis, 0, answers);
    }

    /**
     * On {@code port} (0: any free one), closing a keep-alive connection once it has been idle for
     * {@code keepAliveMillis} (0: never), as servers with a keep-alive timeout do.
     */
    public StubModel(int port, long delayMillis, long keepAliveMillis, Supplier<String> answers)
            throws InterruptedException {
        this.delayMillis = delayMillis;
        this.answers = answers;
        listener = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true) // a stub restarted on the same port binds at once
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.incrementAndGet();
                        children.add(ch);
                        maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                        ch.closeFuture().addListener(f -> open.decrementAndGet());
                        if (keepAliveMillis > 0) {
                            ch.pipeline().addLast(new IdleStateHandler(0, 0, keepAliveMillis, TimeUnit.MILLISECONDS) {
                                @Override
                                protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
                                    ctx.close();
                                }
                            });
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                new HttpObjectAggregator(1 << 20), new Answer());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    public int port() {
        return ((java.net.InetSocketAddress) listener.localAddress()).getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int acceptedConnections() {
        return accepted.get();
    }

    public int maxOpenConnections() {
        return maxOpen.get();
    }

    public int openConnections() {
        return open.get();
    }

    public int requests() {
        return requests.get();
    }

    /** Stops listening and cuts open connections; a second call does nothing. */
    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        listener.close().syncUninterruptibly();
        children.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            requests.incrementAndGet();
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(answers.get(), StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            if (delayMillis > 0) {
                ctx.executor().schedule(() -> ctx.writeAndFlush(response), delayMillis, TimeUnit.MILLISECONDS);
            } else {
                ctx.writeAndFlush(response);
            }
        }
    }
}
