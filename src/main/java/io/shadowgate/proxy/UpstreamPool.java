package io.shadowgate.proxy;

import io.shadowgate.net.Transports;
import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keep-alive connections to one upstream, at most {@code maxConnections} in all. Each event loop
 * of the I/O group owns a fixed share of that limit in its {@link LoopPool}, so a connection is
 * always used on the loop that opened it (the client's loop), nothing is shared between threads,
 * and no connection is ever closed just to move its permit to another loop. Netty hands accepted
 * client connections to the loops in turn, which keeps the shares evenly used.
 */
public final class UpstreamPool implements AutoCloseable {
    private final UpstreamTarget target;
    private final Map<EventExecutor, LoopPool> loops;
    private volatile boolean closed;

    /**
     * @param group    the I/O group whose loops will acquire connections; needs no more loops
     *                 than {@code maxConnections}, so that every loop gets at least one
     * @param ssl      client TLS context for https upstreams (ignored for http)
     * @param resolver asynchronous DNS resolver shared by the process
     */
    public UpstreamPool(UpstreamTarget target, int maxConnections, Duration connectTimeout, SslContext ssl,
                        AddressResolverGroup<InetSocketAddress> resolver, EventLoopGroup group) {
        this(target, maxConnections, connectTimeout, ssl, resolver, group,
                new ReflectiveChannelFactory<>(Transports.socketChannel()));
    }

    /**
     * With connections of the kind {@code channels} makes: the seam that lets a handler test put
     * {@code EmbeddedChannel}s on both sides of an exchange, as a socket channel cannot be
     * registered with an {@code EmbeddedEventLoop}.
     */
    UpstreamPool(UpstreamTarget target, int maxConnections, Duration connectTimeout, SslContext ssl,
                 AddressResolverGroup<InetSocketAddress> resolver, EventLoopGroup group,
                 ChannelFactory<? extends Channel> channels) {
        this.target = requireNonNull(target, "target");
        if (target.secure() && ssl == null) {
            throw new IllegalArgumentException("an https upstream needs an SslContext");
        }
        List<EventLoop> eventLoops = new ArrayList<>();
        group.forEach(executor -> eventLoops.add((EventLoop) executor));
        if (maxConnections < eventLoops.size()) {
            throw new IllegalArgumentException("maxConnections " + maxConnections
                    + " is below the number of I/O threads (" + eventLoops.size() + ")");
        }
        Bootstrap template = new Bootstrap()
                .channelFactory(channels)
                .resolver(requireNonNull(resolver, "resolver"))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new UpstreamChannelInitializer(target, target.secure() ? ssl : null));
        Map<EventExecutor, LoopPool> byLoop = new HashMap<>();
        int share = maxConnections / eventLoops.size();
        int remainder = maxConnections % eventLoops.size();
        for (int i = 0; i < eventLoops.size(); i++) {
            EventLoop loop = eventLoops.get(i);
            int permits = share + (i < remainder ? 1 : 0);
            byLoop.put(loop, new LoopPool(this, loop, template.clone(loop), target.host(), target.port(), permits));
        }
        this.loops = Map.copyOf(byLoop);
    }

    public UpstreamTarget target() {
        return target;
    }

    /** Connections open now (idle, busy or connecting); never more than {@code maxConnections}. */
    public int openConnections() {
        int open = 0;
        for (LoopPool pool : loops.values()) {
            open += pool.open();
        }
        return open;
    }

    /**
     * A connection for use on {@code loop}; must be called from that loop. The future fails when
     * the connection cannot be made; the caller cancels it when it stops waiting.
     */
    public Future<Channel> acquire(EventLoop loop) {
        return loopPool(loop).acquire();
    }

    /**
     * Gives a connection back after an exchange. {@code reusable} is false when the exchange did not
     * end cleanly or the upstream asked to close; such connections are closed.
     */
    public void release(Channel channel, boolean reusable) {
        loopPool(channel.eventLoop()).release(channel, reusable && !closed);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        loops.values().forEach(LoopPool::closeIdle);
    }

    private LoopPool loopPool(EventLoop loop) {
        LoopPool pool = loops.get(loop);
        if (pool == null) {
            throw new IllegalStateException("event loop " + loop + " is not part of this pool's group");
        }
        return pool;
    }
}
