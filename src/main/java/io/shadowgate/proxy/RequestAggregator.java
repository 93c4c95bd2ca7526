package io.shadowgate.proxy;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import io.shadowgate.metrics.RejectionRecorder;
import io.shadowgate.metrics.RejectionRecorder.Reason;

/**
 * Netty's aggregator (which also answers {@code Expect: 100-continue}) with the gateway's JSON 413
 * instead of an empty one. Whole bodies are needed anyway: the mirror sends the same bytes to the
 * shadow, and a body over {@code maxRequestBytes} is refused before any upstream sees it.
 * One instance per channel.
 */
final class RequestAggregator extends HttpObjectAggregator {
    private final RejectionRecorder rejections;
    private final AccessLog accessLog;

    RequestAggregator(int maxRequestBytes, RejectionRecorder rejections, AccessLog accessLog) {
        super(maxRequestBytes, true);
        this.rejections = rejections;
        this.accessLog = accessLog;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof FullHttpResponse response
                && response.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
            ReferenceCountUtil.release(answer);
            rejections.rejected(Reason.BODY_TOO_LARGE);
            return tooLarge(pipeline.channel().alloc(), start, maxContentLength);
        }
        return answer;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        rejections.rejected(Reason.BODY_TOO_LARGE);
        FullHttpResponse response = tooLarge(ctx.alloc(), oversized, maxContentLength());
        // Part of the body may already be on the wire: unless the client waited for 100-continue
        // and wants to keep the connection, closing is the only way to resynchronise.
        boolean close = oversized instanceof FullHttpMessage
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
        if (close) {
            LingeringClose.refuse(ctx, response); // the rest of the body is likely on its way: no reset
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    private FullHttpResponse tooLarge(io.netty.buffer.ByteBufAllocator alloc, HttpMessage request, int max) {
        String requestId = RequestIds.accept(request.headers().get(ErrorResponses.REQUEST_ID));
        if (request instanceof HttpRequest head) {
            accessLog.log(head.method().name(), head.uri(), HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code(),
                    AccessLog.NO_UPSTREAM, 0, requestId);
        }
        return ErrorResponses.json(alloc, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                "request body exceeds server.maxRequestBytes (" + max + " bytes)", requestId);
    }
}
