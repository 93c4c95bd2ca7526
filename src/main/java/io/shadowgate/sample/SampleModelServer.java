package io.shadowgate.sample;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.shadowgate.net.Transports;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sample model server: a Netty HTTP/1.1 server on its own event loop group that scores
 * the Iris model and generates text behind OpenAI's routes (see {@link ModelRoutes} for the API). Start it with {@link #start}; close it to
 * stop listening and free its threads. Used by the {@code sample-model} command, by integration
 * tests and by the embedded demo.
 */
public final class SampleModelServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SampleModelServer.class);

    private final SampleModelOptions options;
    private final EventLoopGroup group;
    private final Channel channel;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SampleModelServer(SampleModelOptions options, EventLoopGroup group, Channel channel) {
        this.options = options;
        this.group = group;
        this.channel = channel;
        this.port = ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * Binds and returns once the server is listening.
     *
     * @throws IllegalStateException if the address cannot be bound (the message says why)
     */
    public static SampleModelServer start(SampleModelOptions options) {
        requireNonNull(options, "options");
        EventLoopGroup group = Transports.newGroup(options.threads(), "sample-model-" + options.variant().id());
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(Transports.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new SampleModelInitializer(new SampleModelHandler(options)))
                    .bind(options.host(), options.port())
                    .syncUninterruptibly()
                    .channel();
            SampleModelServer server = new SampleModelServer(options, group, channel);
            log.debug("sample-model {} listening on {}", options.variant(), server.baseUrl());
            return server;
        } catch (Exception e) { // bind failures arrive as checked exceptions thrown unchecked
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The bound port (the real one when the options asked for port 0). */
    public int port() {
        return port;
    }

    /** {@code http://host:port}, with IPv6 hosts in brackets. */
    public String baseUrl() {
        String host = options.host();
        return "http://" + (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    public SampleModelOptions options() {
        return options;
    }

    /** Blocks until the server has been closed (by {@link #close} from another thread). */
    public void awaitClose() throws InterruptedException {
        group.terminationFuture().await();
    }

    /** Stops listening, closes every connection and frees the event loop, without a quiet period. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            group.terminationFuture().awaitUninterruptibly();
            return;
        }
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
        log.debug("sample-model {} on port {} stopped", options.variant(), port);
    }
}
