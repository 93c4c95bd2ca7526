package io.shadowgate.admin;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.shadowgate.admin.AdminRoutes.Access;
import io.shadowgate.admin.AdminRoutes.Entry;
import io.shadowgate.admin.AdminRoutes.Match;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches admin requests by looking them up in the {@link AdminRoutes} table: 404 for an
 * unknown path, 405 with {@code Allow} for a known path and another method, 401 when the row needs
 * the token and the request lacks it, 500 (JSON, logged) when a route throws. Sharable and
 * stateless.
 */
@Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);

    private final AdminRoutes routes;
    private final BearerToken token;

    AdminHandler(AdminRoutes routes, BearerToken token) {
        this.routes = routes;
        this.token = token;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        if (request.decoderResult().isFailure()) {
            write(ctx, AdminResponse.error(400, "bad_request", String.valueOf(request.decoderResult().cause())),
                    null, keepAlive);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Match match = routes.find(request.method(), uri.path());
        if (match instanceof Match.Found found) {
            run(ctx, found.entry(), request, uri, keepAlive);
        } else if (match instanceof Match.WrongMethod wrong) {
            String allow = wrong.allow().stream().map(HttpMethod::name).collect(Collectors.joining(", "));
            write(ctx, AdminResponse.error(405, "method_not_allowed",
                    uri.path() + " accepts " + allow + ", not " + request.method()), allow, keepAlive);
        } else {
            write(ctx, AdminResponse.error(404, "not_found", "no admin route " + uri.path()), null, keepAlive);
        }
    }

    /** Checks the row's access, then writes its route's answer, now or when it completes. */
    private void run(ChannelHandlerContext ctx, Entry entry, FullHttpRequest request, QueryStringDecoder uri,
                     boolean keepAlive) {
        if (entry.access() == Access.TOKEN && !token.accepts(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            write(ctx, AdminResponse.error(401, "unauthorized",
                    "this route needs the header Authorization: Bearer <admin.token>"), null, keepAlive);
            return;
        }
        CompletableFuture<AdminResponse> later = invoke(entry, new AdminRequest(request.method().name(),
                uri.path(), uri.parameters(), ByteBufUtil.getBytes(request.content())));
        if (later.isDone()) {
            write(ctx, outcome(entry, later), null, keepAlive);
            return;
        }
        // Answers must keep request order: read nothing more until this one is written.
        ctx.channel().config().setAutoRead(false);
        later.whenComplete((done, failure) -> ctx.executor().execute(() -> {
            write(ctx, outcome(entry, later), null, keepAlive);
            ctx.channel().config().setAutoRead(true);
        }));
    }

    private static void write(ChannelHandlerContext ctx, AdminResponse answer, String allow, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), ctx.alloc().buffer(answer.body().length).writeBytes(answer.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (allow != null) {
            response.headers().set(HttpHeaderNames.ALLOW, allow);
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static CompletableFuture<AdminResponse> invoke(Entry entry, AdminRequest request) {
        try {
            return entry.route().respond(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The route's answer, or a JSON 500 when it failed: a broken route never breaks the admin port. */
    private static AdminResponse outcome(Entry entry, CompletableFuture<AdminResponse> answer) {
        try {
            return answer.join();
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            log.warn("admin route {} {} failed", entry.method(), entry.path(), cause);
            return AdminResponse.error(500, "internal_error", cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("admin connection failed: {}", cause.toString());
        ctx.close();
    }
}
