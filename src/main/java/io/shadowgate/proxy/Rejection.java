package io.shadowgate.proxy;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.shadowgate.metrics.RejectionRecorder.Reason;
import java.util.Optional;

/**
 * A client request the gateway answers itself, before any upstream sees it, and closes the
 * connection after: the answer's status, the {@code error} of its JSON body, the metric's reason
 * and a message for the client.
 */
record Rejection(HttpResponseStatus status, Reason reason, String error, String message) {

    /**
     * Why {@code request} cannot be forwarded, if it cannot: the codec could not parse it, its
     * HTTP version is not 1.x, or an HTTP/1.1 request does not carry exactly one {@code Host}
     * (RFC 9112 section 3.2 requires a 400 for both; a proxy that let a second one through would
     * leave the choice of host to whoever parses it next).
     */
    static Optional<Rejection> of(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            return Optional.of(decoderFailure(result.cause()));
        }
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1) {
            return Optional.of(new Rejection(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, Reason.HTTP_VERSION,
                    "http_version_not_supported", version.text() + " is not supported; use HTTP/1.1"));
        }
        int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
        if (hosts > 1 || hosts == 0 && version.minorVersion() >= 1) {
            return Optional.of(new Rejection(HttpResponseStatus.BAD_REQUEST, Reason.BAD_REQUEST, "bad_request",
                    "an HTTP/1.1 request needs exactly one Host header, this one has " + hosts));
        }
        return Optional.empty();
    }

    /** The request did not arrive whole within {@code millis} of its first byte. */
    static Rejection timeout(long millis) {
        return new Rejection(HttpResponseStatus.REQUEST_TIMEOUT, Reason.REQUEST_TIMEOUT, "request_timeout",
                "the request did not arrive whole within " + millis + " ms (server.idleTimeout)");
    }

    private static Rejection decoderFailure(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return new Rejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, Reason.HEADERS_TOO_LARGE,
                    "headers_too_large", messageOf(cause, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE));
        }
        if (cause instanceof TooLongHttpLineException) {
            return new Rejection(HttpResponseStatus.REQUEST_URI_TOO_LONG, Reason.URI_TOO_LONG, "uri_too_long",
                    messageOf(cause, HttpResponseStatus.REQUEST_URI_TOO_LONG));
        }
        return new Rejection(HttpResponseStatus.BAD_REQUEST, Reason.BAD_REQUEST, "bad_request",
                messageOf(cause, HttpResponseStatus.BAD_REQUEST));
    }

    private static String messageOf(Throwable cause, HttpResponseStatus status) {
        return cause == null || cause.getMessage() == null ? status.reasonPhrase() : cause.getMessage();
    }
}
