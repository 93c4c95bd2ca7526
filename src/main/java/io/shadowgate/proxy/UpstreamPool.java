package io.shadowgate.proxy;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keep-alive connections to one upstream, bounded by {@code maxConnections} across all event
 * loops. Each event loop has its own {@link LoopPool}, so a connection is always used on the loop
 * that opened it (the client's loop) and idle lists need no locks; the only shared state is the
 * count of open connections. When every permit is taken, requests wait in their loop's queue; a
 * connection released on a loop with no waiters is closed when another loop has waiters, which
 * hands its permit over.
 */
public final class UpstreamPool implements AutoCloseable {
    private final UpstreamTarget target;
    private final int maxConnections;
    private final Bootstrap template;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentMap<EventLoop, LoopPool> loops = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param ssl      client TLS context for https upstreams (null for http)
     * @param resolver asynchronous DNS resolver shared by the process
     */
    public UpstreamPool(UpstreamTarget target, int maxConnections, Duration connectTimeout, SslContext ssl,
                        AddressResolverGroup<InetSocketAddress> resolver) {
        this.target = requireNonNull(target, "target");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: >= 1)");
        }
        if (target.secure() && ssl == null) {
            throw new IllegalArgumentException("an https upstream needs an SslContext");
        }
        this.maxConnections = maxConnections;
        this.template = new Bootstrap()
                .channel(Transports.socketChannel())
                .resolver(requireNonNull(resolver, "resolver"))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new UpstreamChannelInitializer(target, target.secure() ? ssl : null));
    }

    public UpstreamTarget target() {
        return target;
    }

    /** Connections open now (idle, busy or connecting); never more than {@code maxConnections}. */
    public int openConnections() {
        return open.get();
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

    @Override
    public void close() {
        closed = true;
        loops.values().forEach(LoopPool::closeIdle);
    }

    private LoopPool loopPool(EventLoop loop) {
        LoopPool pool = loops.get(loop);
        return pool != null ? pool : loops.computeIfAbsent(loop,
                l -> new LoopPool(this, l, template.clone(l), target.host(), target.port()));
    }

    boolean isClosed() {
        return closed;
    }

    /** Takes a connection permit when one is free. */
    boolean tryReserve() {
        while (true) {
            int now = open.get();
            if (now >= maxConnections) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** A connection closed: its permit goes to whichever loop is waiting for one. */
    void free() {
        open.decrementAndGet();
        for (LoopPool pool : loops.values()) {
            if (pool.hasWaiters()) {
                pool.wakeUp();
            }
        }
    }

    boolean othersWaiting(LoopPool self) {
        for (LoopPool pool : loops.values()) {
            if (pool != self && pool.hasWaiters()) {
                return true;
            }
        }
        return false;
    }
}
