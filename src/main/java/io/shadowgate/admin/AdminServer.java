package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.shadowgate.config.AdminConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener, on its own port and its own event loop group so that a slow scrape or a
 * burst of admin calls never competes with the data path. Serves the {@link AdminRoutes} table it
 * is given.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    /** Admin bodies are small commands; anything bigger is a mistake or an attack. */
    private static final int MAX_BODY = 1024 * 1024;

    private final AdminConfig config;
    private final EventLoopGroup group;
    private final Class<? extends ServerChannel> channelClass;
    private final AdminHandler handler;
    private Channel listener;

    public AdminServer(AdminConfig config, EventLoopGroup group, Class<? extends ServerChannel> channelClass,
                       AdminRoutes routes) {
        this.config = requireNonNull(config, "config");
        this.group = requireNonNull(group, "group");
        this.channelClass = requireNonNull(channelClass, "channelClass");
        this.handler = new AdminHandler(requireNonNull(routes, "routes"), new BearerToken(config.token()));
    }

    public InetSocketAddress start() throws InterruptedException {
        listener = new ServerBootstrap()
                .group(group)
                .channel(channelClass)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY))
                                .addLast(handler);
                    }
                })
                .bind(config.host(), config.port()).sync().channel();
        InetSocketAddress address = (InetSocketAddress) listener.localAddress();
        log.info("admin listening on {}:{} (token {})", address.getHostString(), address.getPort(),
                config.tokenRequired() ? "required" : "not set");
        exposureWarning(config).ifPresent(log::warn);
        return address;
    }

    /** The warning due when the admin API is reachable from other hosts without a token. */
    static Optional<String> exposureWarning(AdminConfig config) {
        if (config.tokenRequired() || isLoopback(config.host())) {
            return Optional.empty();
        }
        return Optional.of("admin is bound to " + config.host() + " without admin.token: anyone who can reach it"
                + " can change the rollout; set SHADOWGATE_ADMIN_TOKEN or bind admin.host to 127.0.0.1");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }
}
