package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds OpenAI stream chunks into the answer they make, per choice {@code index}: the text
 * ({@code delta.content} for chat, {@code text} for completions) concatenated, the first role, the
 * last non-null {@code finish_reason}, and tool calls by their {@code index}: id, type and
 * function name from the first delta that has them, arguments concatenated. One per stream.
 */
final class OpenAiStream {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final boolean chat;
    private final Map<Integer, Choice> choices = new TreeMap<>();

    OpenAiStream(boolean chat) {
        this.chat = chat;
    }

    private static final class Choice {
        String role;
        StringBuilder text;
        JsonNode finishReason;
        final Map<Integer, ToolCall> toolCalls = new TreeMap<>();
    }

    private static final class ToolCall {
        String id;
        String type;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    /** Adds one chunk; whether it carried a token (text that is not empty, or a tool call delta). */
    boolean add(JsonNode chunk) {
        JsonNode list = chunk.path("choices");
        if (!list.isArray()) {
            return false;
        }
        boolean token = false;
        for (int position = 0; position < list.size(); position++) {
            JsonNode delta = list.get(position);
            Choice choice = choices.computeIfAbsent(delta.path("index").asInt(position), index -> new Choice());
            JsonNode reason = delta.path("finish_reason");
            if (!reason.isMissingNode() && !reason.isNull()) {
                choice.finishReason = reason;
            }
            JsonNode content = chat ? delta.path("delta").path("content") : delta.path("text");
            if (content.isTextual()) {
                choice.text = choice.text == null ? new StringBuilder() : choice.text;
                choice.text.append(content.textValue());
                token |= !content.textValue().isEmpty();
            }
            if (chat) {
                JsonNode role = delta.path("delta").path("role");
                if (choice.role == null && role.isTextual()) {
                    choice.role = role.textValue();
                }
                token |= addToolCalls(choice, delta.path("delta").path("tool_calls"));
            }
        }
        return token;
    }

    private static boolean addToolCalls(Choice choice, JsonNode deltas) {
        if (!deltas.isArray() || deltas.isEmpty()) {
            return false;
        }
        for (int position = 0; position < deltas.size(); position++) {
            JsonNode delta = deltas.get(position);
            ToolCall call = choice.toolCalls.computeIfAbsent(delta.path("index").asInt(position), index -> new ToolCall());
            call.id = call.id == null && delta.path("id").isTextual() ? delta.get("id").textValue() : call.id;
            call.type = call.type == null && delta.path("type").isTextual() ? delta.get("type").textValue() : call.type;
            JsonNode function = delta.path("function");
            call.name = call.name == null && function.path("name").isTextual() ? function.get("name").textValue()
                    : call.name;
            if (function.path("arguments").isTextual()) {
                call.arguments.append(function.get("arguments").textValue());
            }
        }
        return true;
    }

    /**
     * The unstreamed answer: {@code {"choices":[{"index":0,"message":{"role":...,"content":...,
     * "tool_calls":[...]},"finish_reason":...}]}} for chat ({@code role} and {@code tool_calls}
     * only when the stream had them, {@code content} null when it had none), or
     * {@code {"choices":[{"index":0,"text":...,"finish_reason":...}]}} for completions.
     */
    ObjectNode answer() {
        ObjectNode answer = NODES.objectNode();
        ArrayNode list = answer.putArray("choices");
        for (Map.Entry<Integer, Choice> entry : choices.entrySet()) {
            Choice choice = entry.getValue();
            ObjectNode node = list.addObject().put("index", entry.getKey());
            if (chat) {
                ObjectNode message = node.putObject("message");
                if (choice.role != null) {
                    message.put("role", choice.role);
                }
                message.put("content", choice.text == null ? null : choice.text.toString());
                if (!choice.toolCalls.isEmpty()) {
                    ArrayNode calls = message.putArray("tool_calls");
                    for (ToolCall call : choice.toolCalls.values()) {
                        ObjectNode callNode = calls.addObject().put("id", call.id)
                                .put("type", call.type == null ? "function" : call.type);
                        callNode.putObject("function").put("name", call.name)
                                .put("arguments", call.arguments.toString());
                    }
                }
            } else {
                node.put("text", choice.text == null ? "" : choice.text.toString());
            }
            node.set("finish_reason", choice.finishReason == null ? NODES.nullNode() : choice.finishReason);
        }
        return answer;
    }
}
