package io.shadowgate.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.shadowgate.config.RouteTable;
import io.shadowgate.metrics.RejectionRecorder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one client connection: takes aggregated requests in order and runs one {@link Exchange}
 * at a time, as HTTP/1.1 requires responses in request order. Pipelined requests queue here; past
 * a few, reading stops until the queue drains. One instance per client channel (not sharable).
 */
final class ProxyHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);
    /** Pipelined requests held before the connection stops being read. */
    private static final int MAX_QUEUED = 8;

    private final PrimaryRouting routing;
    private final RouteTable routes;
    private final MirrorSink mirror;
    private final RejectionRecorder rejections;
    private final AccessLog accessLog;
    private final long idleTimeoutMillis;
    private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private String clientAddress;
    private Exchange current;
    private boolean draining;

    ProxyHandler(PrimaryRouting routing, RouteTable routes, MirrorSink mirror, RejectionRecorder rejections,
                 AccessLog accessLog, long idleTimeoutMillis) {
        this.routing = routing;
        this.routes = routes;
        this.mirror = mirror;
        this.rejections = rejections;
        this.accessLog = accessLog;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        SocketAddress remote = ctx.channel().remoteAddress();
        clientAddress = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || LingeringClose.isLingering(ctx.channel())) {
            // after a refusal, requests the decoder still had in hand are dropped unanswered
            ReferenceCountUtil.release(msg);
            return;
        }
        queued.add(request);
        if (queued.size() >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        }
        if (current == null) {
            startNext();
        }
    }

    private void startNext() {
        FullHttpRequest request;
        while ((request = queued.poll()) != null) {
            if (!ctx.channel().config().isAutoRead() && queued.size() < MAX_QUEUED / 2) {
                ctx.channel().config().setAutoRead(true);
            }
            String requestId = RequestIds.accept(request.headers().get(ErrorResponses.REQUEST_ID));
            Optional<Rejection> rejection = Rejection.of(request);
            if (rejection.isPresent()) {
                reject(rejection.get(), request.method().name(), request.uri(), requestId);
                request.release();
                return; // reject() closes the connection and drops what was queued behind
            }
            ForwardedHeaders.forward(request.headers(), clientAddress, requestId);
            Upstream primary = routing.choose(request.headers());
            PrimaryObserver observer = mirror.mirror(request, requestId, routing.isCandidate(primary));
            ForwardedHeaders.target(request.headers(), primary.target(), primary.headers());
            String route = routes.route(request.method().name(), request.uri()).label();
            current = new Exchange(ctx, request, primary, requestId, route, observer, this::exchangeDone, accessLog);
            if (draining) {
                current.closeClientAfter();
            }
            current.start();
            return;
        }
        if (draining) {
            ctx.close();
        }
    }

    private void exchangeDone() {
        current = null;
        if (ctx.channel().isActive()) {
            startNext();
        }
    }

    /**
     * A request the gateway answers itself: answer and close (lingering, so the answer is not lost
     * to a reset), as the stream's framing may be lost and a client that sent one bad request is
     * not trusted with the next on the same connection.
     */
    private void reject(Rejection rejection, String method, String uri, String requestId) {
        rejections.rejected(rejection.reason());
        log.debug("[{}] rejected request from {}: {}", requestId, clientAddress, rejection.message());
        FullHttpResponse response = ErrorResponses.json(ctx.alloc(), rejection.status(), rejection.error(),
                rejection.message(), requestId);
        accessLog.log(method, uri, rejection.status().code(), AccessLog.NO_UPSTREAM, 0, requestId);
        LingeringClose.refuse(ctx, response);
        queued.forEach(ReferenceCountUtil::release);
        queued.clear();
    }

    /** Stops taking new requests: closes now when idle, else after the response in flight. */
    void drain() {
        draining = true;
        if (current == null) {
            ctx.close();
        } else {
            current.closeClientAfter();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (current != null) {
            current.clientWritable(ctx.channel().isWritable());
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == RequestReadTimeout.EXPIRED) {
            if (!LingeringClose.isLingering(ctx.channel())) { // refused already: no second answer
                requestTooSlow();
            }
            return;
        }
        if (evt instanceof IdleStateEvent && current == null) {
            ctx.close(); // idle keep-alive connection; an exchange in flight has its own timeout
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    /**
     * A request started but did not arrive whole in time. With nothing in flight the client
     * hears 408; otherwise the response in flight is its last, as a 408 may not overtake it.
     */
    private void requestTooSlow() {
        if (current == null && queued.isEmpty()) {
            // no request line arrived whole, so the access log has neither method nor path
            reject(Rejection.timeout(idleTimeoutMillis), "-", "-", RequestIds.accept(null));
        } else {
            drain();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (current != null) {
            current.abandon();
            current = null;
        }
        queued.forEach(ReferenceCountUtil::release);
        queued.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("client connection {} failed: {}", clientAddress, cause.toString());
        ctx.close();
    }
}
