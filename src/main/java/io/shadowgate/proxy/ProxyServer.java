package io.shadowgate.proxy;

import io.shadowgate.net.Transports;
import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.shadowgate.config.RouteTable;
import io.shadowgate.config.ServerConfig;
import io.shadowgate.metrics.RejectionRecorder;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-facing listener. Accepts connections on the shared I/O group (upstream connections
 * live on the same loops) and relays each request to the primary upstream. Shutdown is in two
 * steps: {@link #drain} stops accepting and lets requests in flight finish, {@link #close} cuts
 * whatever is left.
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);

    private final ServerConfig config;
    private final EventLoopGroup group;
    private final PrimaryRouting routing;
    private final RouteTable routes;
    private final MirrorSink mirror;
    private final RejectionRecorder rejections;
    private final AccessLog accessLog;
    private final ChannelGroup clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    private volatile Channel listener;

    /** @param routes names each request's route, the label of its latency and first-byte timers */
    public ProxyServer(ServerConfig config, EventLoopGroup group, PrimaryRouting routing, RouteTable routes,
                       MirrorSink mirror, RejectionRecorder rejections) {
        this(config, group, routing, routes, mirror, rejections, AccessLog.NONE);
    }

    /** With an access log: one entry per client request, however it ended. */
    public ProxyServer(ServerConfig config, EventLoopGroup group, PrimaryRouting routing, RouteTable routes,
                       MirrorSink mirror, RejectionRecorder rejections, AccessLog accessLog) {
        this.config = requireNonNull(config, "config");
        this.group = requireNonNull(group, "group");
        this.routing = requireNonNull(routing, "routing");
        this.routes = requireNonNull(routes, "routes");
        this.mirror = requireNonNull(mirror, "mirror");
        this.rejections = requireNonNull(rejections, "rejections");
        this.accessLog = requireNonNull(accessLog, "accessLog");
    }

    /** Binds the listener; returns once it accepts connections. */
    public InetSocketAddress start() throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ProxyInitializer(config, routing, routes, mirror, rejections, clients, accessLog));
        listener = bootstrap.bind(config.host(), config.port()).sync().channel();
        InetSocketAddress address = (InetSocketAddress) listener.localAddress();
        log.info("proxy listening on {}:{}, stable at {}{}", address.getHostString(), address.getPort(),
                routing.stable().target(), routing.candidate().map(c -> ", candidate at " + c.target()).orElse(""));
        return address;
    }

    /** The access log that writes to the {@code shadowgate.access} logger. */
    public static AccessLog loggerAccessLog() {
        return new LoggerAccessLog();
    }

    /** True while the listener accepts connections. */
    public boolean listening() {
        Channel channel = listener;
        return channel != null && channel.isActive();
    }

    /** Open client connections (idle or busy). */
    public int openConnections() {
        return clients.size();
    }

    /**
     * Stops accepting, closes idle connections, and waits up to {@code timeout} for requests in
     * flight to finish. Blocks the calling thread, which must not be an event loop.
     *
     * @return true when every connection finished in time
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        Channel channel = listener;
        if (channel != null) {
            channel.close().sync();
        }
        for (Channel client : clients) {
            client.eventLoop().execute(() -> {
                ProxyHandler handler = client.pipeline().get(ProxyHandler.class);
                if (handler != null) {
                    handler.drain();
                } else {
                    client.close();
                }
            });
        }
        // The listener is closed, so the group can only shrink; wait for it to empty.
        return clients.newCloseFuture().await(timeout.toMillis());
    }

    @Override
    public void close() {
        Channel channel = listener;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        clients.close().awaitUninterruptibly();
    }
}
