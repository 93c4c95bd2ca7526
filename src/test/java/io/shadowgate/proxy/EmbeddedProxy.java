package io.shadowgate.proxy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultNameResolver;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.shadowgate.config.RouteTable;
import io.shadowgate.config.ServerConfig;
import io.shadowgate.metrics.RejectionRecorder;
import io.shadowgate.metrics.UpstreamRecorder;
import io.shadowgate.net.HeaderSource;
import io.shadowgate.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A client connection through the real proxy pipeline ({@link ProxyInitializer}), with an
 * {@link EmbeddedChannel} on each side: the client's, and one per upstream connection the pool
 * opens. Everything runs on the test's thread and the embedded loop's frozen clock, so pipelining,
 * timeouts and failures mid-exchange happen exactly when a test makes them happen.
 *
 * <p>Upstream connections come from {@link UpstreamPool}'s channel-factory seam; the pool lives on
 * the client's embedded loop, as in the gateway a connection lives on its client's loop.
 * {@link #close()} releases whatever is still queued on either side.
 */
final class EmbeddedProxy implements AutoCloseable {
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Longer than the idle timeout, so that a test of the request deadline never meets a 504. */
    static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(60);
    /** Every request on the default route. */
    static final RouteTable NO_ROUTES = new RouteTable(List.of(), TestConfigs.compare(0, List.of()));

    private final List<EmbeddedChannel> upstreams = new ArrayList<>();
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EmbeddedChannel client;
    private final AccessLog accessLog;
    private final MirrorSink mirror;
    private final Supplier<ChannelHandler> upstreamFirst;
    private final Duration timeout;
    private final Duration firstByteTimeout;
    private final Duration upstreamIdleTimeout;
    private final RouteTable routes;
    private UpstreamPool pool;

    /** A client connection, with {@code first} as the pipeline's first handler (closest to the socket) when not null. */
    EmbeddedProxy(ChannelHandler first) {
        this(first, AccessLog.NONE);
    }

    /** As {@link #EmbeddedProxy(ChannelHandler)}, with {@code accessLog} told of every request. */
    EmbeddedProxy(ChannelHandler first, AccessLog accessLog) {
        this(first, accessLog, MirrorSink.NONE, () -> null);
    }

    /**
     * The most general form: {@code mirror} sees every request, and {@code upstreamFirst} gives
     * each upstream connection a first handler (closest to its socket), or null for none.
     */
    EmbeddedProxy(ChannelHandler first, AccessLog accessLog, MirrorSink mirror, Supplier<ChannelHandler> upstreamFirst) {
        this(first, accessLog, mirror, upstreamFirst, UPSTREAM_TIMEOUT, UPSTREAM_TIMEOUT, UPSTREAM_TIMEOUT, NO_ROUTES);
    }

    /** As the general form, with the stable upstream's total, first-byte and idle (between body pieces) timeouts. */
    EmbeddedProxy(AccessLog accessLog, MirrorSink mirror, Duration timeout, Duration firstByteTimeout,
                  Duration upstreamIdleTimeout) {
        this(null, accessLog, mirror, () -> null, timeout, firstByteTimeout, upstreamIdleTimeout, NO_ROUTES);
    }

    /** With {@code mirror} seeing every request, and {@code routes} naming each request's route on the timers. */
    EmbeddedProxy(MirrorSink mirror, RouteTable routes) {
        this(null, AccessLog.NONE, mirror, () -> null, UPSTREAM_TIMEOUT, UPSTREAM_TIMEOUT, UPSTREAM_TIMEOUT, routes);
    }

    private EmbeddedProxy(ChannelHandler first, AccessLog accessLog, MirrorSink mirror,
                          Supplier<ChannelHandler> upstreamFirst, Duration timeout, Duration firstByteTimeout,
                          Duration upstreamIdleTimeout, RouteTable routes) {
        this.routes = routes;
        this.timeout = timeout;
        this.firstByteTimeout = firstByteTimeout;
        this.upstreamIdleTimeout = upstreamIdleTimeout;
        this.accessLog = accessLog;
        this.mirror = mirror;
        this.upstreamFirst = upstreamFirst;
        client = new EmbeddedChannel(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (first != null) {
                    ch.pipeline().addLast(first);
                }
                ch.pipeline().addLast(proxyInitializer(ch));
            }
        });
        client.freezeTime(); // only advance() moves the loop's clock
    }

    EmbeddedProxy() {
        this(null);
    }

    private ProxyInitializer proxyInitializer(Channel ch) {
        UpstreamTarget target = new UpstreamTarget("stable", false, "127.0.0.1", 8080, "", "127.0.0.1:8080");
        pool = new UpstreamPool(target, 4, Duration.ofSeconds(2), null, new LoopResolver(),
                ch.eventLoop(), () -> {
                    // Unregistered: the pool's bootstrap registers it with the client's loop.
                    EmbeddedChannel upstream = new EmbeddedChannel(DefaultChannelId.newInstance(), false, false);
                    ChannelHandler handler = upstreamFirst.get();
                    if (handler != null) {
                        upstream.pipeline().addFirst(handler);
                    }
                    upstreams.add(upstream);
                    return upstream;
                });
        Upstream stable = new Upstream(target, pool, HeaderSource.fixed(Map.of()), timeout, firstByteTimeout,
                upstreamIdleTimeout,
                new UpstreamRecorder(registry, "stable", "primary", routes.labels()), new UpstreamHealth("stable"));
        ServerConfig server = new ServerConfig("127.0.0.1", 0, 1024 * 1024, 16 * 1024, IDLE_TIMEOUT,
                Duration.ofSeconds(5), 1);
        return new ProxyInitializer(server, new PrimaryRouting(stable, null, Optional.empty()), routes, mirror,
                new RejectionRecorder(registry), clients, accessLog);
    }

    EmbeddedChannel client() {
        return client;
    }

    /** The meters of the stable upstream's primary leg, among others. */
    SimpleMeterRegistry registry() {
        return registry;
    }

    UpstreamPool pool() {
        return pool;
    }

    /** The upstream connections opened so far, oldest first. */
    List<EmbeddedChannel> upstreams() {
        return upstreams;
    }

    EmbeddedChannel upstream(int index) {
        return upstreams.get(index);
    }

    /** Bytes from the client, as they would arrive on the socket. */
    void clientSends(String bytes) {
        client.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        client.runPendingTasks();
    }

    /** Bytes from upstream connection {@code index}. */
    void upstreamSends(int index, String bytes) {
        upstream(index).writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        client.runPendingTasks();
    }

    /** Moves the frozen clock on and runs what fell due (timers of the idle handler, deadlines, exchanges). */
    void advance(Duration by) {
        client.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
        client.runScheduledPendingTasks();
        client.runPendingTasks();
    }

    /** Everything written to the client so far, as text; the buffers are released. */
    String clientReceived() {
        return drain(client);
    }

    /** Everything the proxy wrote to upstream connection {@code index} so far, as text. */
    String upstreamReceived(int index) {
        return drain(upstream(index));
    }

    private static String drain(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            try {
                if (message instanceof ByteBuf bytes) {
                    text.append(bytes.toString(StandardCharsets.ISO_8859_1));
                } else {
                    throw new AssertionError("expected bytes on the wire, got " + message);
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        client.finishAndReleaseAll();
        upstreams.forEach(EmbeddedChannel::finishAndReleaseAll);
        pool.close();
        client.runPendingTasks();
    }

    /**
     * The JDK's resolver, made per call: the shared groups cache a resolver per loop until the loop
     * terminates, and an embedded loop has no termination future to wait for.
     */
    private static final class LoopResolver extends AddressResolverGroup<InetSocketAddress> {
        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new DefaultNameResolver(executor).asAddressResolver();
        }

        @Override
        public AddressResolver<InetSocketAddress> getResolver(EventExecutor executor) {
            return newResolver(executor);
        }
    }
}
