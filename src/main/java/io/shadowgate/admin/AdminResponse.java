package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: status, content type and body bytes. */
public record AdminResponse(int status, String contentType, byte[] body) {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public AdminResponse {
        requireNonNull(contentType, "contentType");
        requireNonNull(body, "body");
    }

    /** A JSON answer; {@code value} is anything Jackson serializes (maps, records, lists). */
    public static AdminResponse json(int status, Object value) {
        try {
            return new AdminResponse(status, "application/json", JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serializable as JSON: " + value.getClass().getName(), e);
        }
    }

    /** The admin API's error shape: {@code {"error": code, "message": message}}. */
    public static AdminResponse error(int status, String code, String message) {
        return error(status, code, message, Map.of());
    }

    /** The error shape with more fields after code and message, for a refusal whose numbers matter. */
    public static AdminResponse error(int status, String code, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.putAll(details);
        return json(status, body);
    }

    public static AdminResponse text(int status, String contentType, String text) {
        return new AdminResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }
}
