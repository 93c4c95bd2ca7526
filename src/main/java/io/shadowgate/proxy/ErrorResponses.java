package io.shadowgate.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gateway's own error answers: a JSON body {@code {"error","message","requestId"}} with the
 * matching status, so a client can tell a gateway failure from its model's answer.
 */
final class ErrorResponses {
    static final String REQUEST_ID = "X-Request-Id";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ErrorResponses() {}

    static FullHttpResponse json(ByteBufAllocator alloc, HttpResponseStatus status, String error, String message,
                                 String requestId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                alloc.buffer(bytes.length).writeBytes(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (requestId != null) {
            response.headers().set(REQUEST_ID, requestId);
        }
        return response;
    }
}
