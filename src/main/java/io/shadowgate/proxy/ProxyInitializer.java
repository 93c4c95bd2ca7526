package io.shadowgate.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.shadowgate.config.RouteTable;
import io.shadowgate.config.ServerConfig;
import io.shadowgate.metrics.RejectionRecorder;
import java.util.concurrent.TimeUnit;

/**
 * Pipeline of a client connection: idle timer, a deadline for each request to arrive whole (the
 * idle timeout again, counted from the request's first byte), HTTP/1.1 codec with the configured
 * header limit, keep-alive bookkeeping, body aggregation with the configured limit, then the proxy handler.
 * A request the gateway refuses itself puts a {@link LingeringClose} first, which ends the connection.
 * Sharable: it holds only immutable settings and thread-safe collaborators.
 */
final class ProxyInitializer extends ChannelInitializer<Channel> {
    /** A request line longer than this gets 414; model scoring URLs are short. */
    private static final int MAX_REQUEST_LINE = 8 * 1024;
    private static final int MAX_CHUNK = 64 * 1024;

    private final ServerConfig config;
    private final PrimaryRouting routing;
    private final RouteTable routes;
    private final MirrorSink mirror;
    private final RejectionRecorder rejections;
    private final ChannelGroup clients;
    private final AccessLog accessLog;

    ProxyInitializer(ServerConfig config, PrimaryRouting routing, RouteTable routes, MirrorSink mirror,
                     RejectionRecorder rejections, ChannelGroup clients, AccessLog accessLog) {
        this.config = config;
        this.routing = routing;
        this.routes = routes;
        this.mirror = mirror;
        this.rejections = rejections;
        this.clients = clients;
        this.accessLog = accessLog;
    }

    @Override
    protected void initChannel(Channel ch) {
        clients.add(ch);
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setMaxHeaderSize(config.maxHeaderBytes())
                .setMaxChunkSize(MAX_CHUNK);
        RequestReadTimeout readTimeout = new RequestReadTimeout(config.idleTimeout().toNanos());
        // The idle timer sees raw bytes, before the codec: a client dribbling a request is not
        // idle, and is the read deadline's to answer (408) rather than the idle timer's to cut.
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("firstByte", readTimeout.firstByte())
                .addLast("http", new HttpServerCodec(decoder))
                .addLast("lastContent", readTimeout.lastContent())
                .addLast("keepAlive", new HttpServerKeepAliveHandler())
                .addLast("aggregate", new RequestAggregator((int) config.maxRequestBytes(), rejections, accessLog))
                .addLast("proxy", new ProxyHandler(routing, routes, mirror, rejections, accessLog,
                        config.idleTimeout().toMillis()));
    }
}
