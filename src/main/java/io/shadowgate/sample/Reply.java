package io.shadowgate.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;

/**
 * A response decided but not yet encoded: a status, a JSON body writer and, for 405, the
 * {@code Allow} header. Holding no buffer, it can wait out the simulated latency in a scheduled
 * task without anything to release if the server stops first.
 *
 * @param status HTTP status
 * @param body writes the JSON body
 * @param allow value of the {@code Allow} header, or null
 */
record Reply(HttpResponseStatus status, JsonBody body, String allow) implements Answer {

    /** Writes one JSON value. */
    @FunctionalInterface
    interface JsonBody {
        void writeTo(JsonGenerator json) throws IOException;
    }

    static Reply ok(JsonBody body) {
        return new Reply(HttpResponseStatus.OK, body, null);
    }

    /** {@code {"error": code, "message": message}} with {@code status}. */
    static Reply error(HttpResponseStatus status, String code, String message) {
        return new Reply(status, json -> {
            json.writeStartObject();
            json.writeStringField("error", code);
            json.writeStringField("message", message);
            json.writeEndObject();
        }, null);
    }

    static Reply badRequest(String message) {
        return error(HttpResponseStatus.BAD_REQUEST, "bad_request", message);
    }

    static Reply methodNotAllowed(String method, String path, String allow) {
        Reply r = error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                method + " " + path + ": expected " + allow);
        return new Reply(r.status(), r.body(), allow);
    }
}
