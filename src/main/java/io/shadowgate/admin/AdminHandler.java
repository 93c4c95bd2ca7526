package io.shadowgate.admin;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches admin requests through the route table: 404 for an unknown path, 405 with
 * {@code Allow} for a known path and another method, 401 when the route needs the token and the
 * request lacks it, 500 (JSON, logged) when a route throws. Sharable and stateless.
 */
@Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);

    private final Map<String, List<AdminRoute>> routesByPath;
    private final BearerToken token;

    AdminHandler(List<AdminRoute> routes, BearerToken token) {
        this.routesByPath = routes.stream().collect(Collectors.groupingBy(AdminRoute::path));
        this.token = token;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        AdminResponse answer;
        String allow = null;
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        if (request.decoderResult().isFailure()) {
            answer = AdminResponse.error(400, "bad_request", String.valueOf(request.decoderResult().cause()));
        } else {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            List<AdminRoute> candidates = routesByPath.getOrDefault(uri.path(), List.of());
            AdminRoute route = candidates.stream()
                    .filter(r -> r.method().equals(request.method().name()))
                    .findFirst().orElse(null);
            if (candidates.isEmpty()) {
                answer = AdminResponse.error(404, "not_found", "no admin route " + uri.path());
            } else if (route == null) {
                Set<String> methods = candidates.stream().map(AdminRoute::method)
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                allow = String.join(", ", methods);
                answer = AdminResponse.error(405, "method_not_allowed",
                        uri.path() + " accepts " + allow + ", not " + request.method());
            } else if (route.requiresToken() && !token.accepts(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                answer = AdminResponse.error(401, "unauthorized",
                        "this route needs the header Authorization: Bearer <admin.token>");
            } else {
                CompletableFuture<AdminResponse> later = invoke(route, new AdminRequest(request.method().name(),
                        uri.path(), uri.parameters(), ByteBufUtil.getBytes(request.content())));
                if (!later.isDone()) {
                    // Answers must keep request order: read nothing more until this one is written.
                    ctx.channel().config().setAutoRead(false);
                    later.whenComplete((done, failure) -> ctx.executor().execute(() -> {
                        write(ctx, outcome(route, later), null, keepAlive);
                        ctx.channel().config().setAutoRead(true);
                    }));
                    return;
                }
                answer = outcome(route, later);
            }
        }
        write(ctx, answer, allow, keepAlive);
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

    private static CompletableFuture<AdminResponse> invoke(AdminRoute route, AdminRequest request) {
        try {
            return route.respond(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The route's answer, or a JSON 500 when it failed: a broken route never breaks the admin port. */
    private static AdminResponse outcome(AdminRoute route, CompletableFuture<AdminResponse> answer) {
        try {
            return answer.join();
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            log.warn("admin route {} {} failed", route.method(), route.path(), cause);
            return AdminResponse.error(500, "internal_error", cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("admin connection failed: {}", cause.toString());
        ctx.close();
    }
}
