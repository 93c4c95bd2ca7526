package io.shadowgate.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes generated choices in OpenAI's shapes: a whole {@code chat.completion} or
 * {@code text_completion} object, or the chunks of a stream ({@code chat.completion.chunk}, whose
 * first delta per choice carries the role; {@code text_completion} chunks for plain completions),
 * each token's text prefixed with the space that joins it to the one before, so the deltas
 * concatenate to exactly the non-streamed text. Stateless.
 */
final class CompletionEncoder {
    private CompletionEncoder() {}

    /** What every object of one answer shares. */
    record Header(String id, long created, String model, String fingerprint) {}

    static Reply whole(CompletionRequest request, Header header, List<TextGenerator.Generation> choices) {
        return Reply.ok(json -> {
            json.writeStartObject();
            writeHeader(json, request.chat() ? "chat.completion" : "text_completion", header);
            json.writeArrayFieldStart("choices");
            for (int i = 0; i < choices.size(); i++) {
                TextGenerator.Generation g = choices.get(i);
                json.writeStartObject();
                json.writeNumberField("index", i);
                if (request.chat()) {
                    json.writeObjectFieldStart("message");
                    json.writeStringField("role", "assistant");
                    json.writeStringField("content", g.text());
                    json.writeEndObject();
                } else {
                    json.writeStringField("text", g.text());
                }
                json.writeNullField("logprobs");
                json.writeStringField("finish_reason", g.finishReason());
                json.writeEndObject();
            }
            json.writeEndArray();
            writeUsage(json, request, choices);
            json.writeEndObject();
        });
    }

    static EventStream stream(CompletionRequest request, Header header, List<TextGenerator.Generation> choices,
            long firstTokenDelayNanos, long tokenDelayNanos) {
        List<String> tokens = new ArrayList<>();
        int longest = choices.stream().mapToInt(g -> g.words().size()).max().orElse(0);
        // Choices interleave token by token, as a server batching them would send them.
        for (int k = 0; k < longest; k++) {
            for (int i = 0; i < choices.size(); i++) {
                List<String> words = choices.get(i).words();
                if (k < words.size()) {
                    tokens.add(chunk(request, header, i, k == 0, (k == 0 ? "" : " ") + words.get(k), null));
                }
            }
        }
        List<String> closing = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            closing.add(chunk(request, header, i, false, null, choices.get(i).finishReason()));
        }
        if (request.includeUsage()) {
            closing.add(text(json -> {
                json.writeStartObject();
                writeHeader(json, request.chat() ? "chat.completion.chunk" : "text_completion", header);
                json.writeArrayFieldStart("choices");
                json.writeEndArray();
                writeUsage(json, request, choices);
                json.writeEndObject();
            }));
        }
        closing.add("[DONE]");
        return new EventStream(tokens, closing, firstTokenDelayNanos, tokenDelayNanos);
    }

    /** One chunk for choice {@code index}: a token ({@code content} non-null) or its finish ({@code finish} non-null). */
    private static String chunk(CompletionRequest request, Header header, int index, boolean first, String content,
            String finish) {
        return text(json -> {
            json.writeStartObject();
            writeHeader(json, request.chat() ? "chat.completion.chunk" : "text_completion", header);
            json.writeArrayFieldStart("choices");
            json.writeStartObject();
            json.writeNumberField("index", index);
            if (request.chat()) {
                json.writeObjectFieldStart("delta");
                if (first) {
                    json.writeStringField("role", "assistant");
                }
                if (content != null) {
                    json.writeStringField("content", content);
                }
                json.writeEndObject();
            } else {
                json.writeStringField("text", content == null ? "" : content);
            }
            json.writeNullField("logprobs");
            if (finish == null) {
                json.writeNullField("finish_reason");
            } else {
                json.writeStringField("finish_reason", finish);
            }
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeHeader(JsonGenerator json, String object, Header header) throws IOException {
        json.writeStringField("id", header.id());
        json.writeStringField("object", object);
        json.writeNumberField("created", header.created());
        json.writeStringField("model", header.model());
        json.writeStringField("system_fingerprint", header.fingerprint());
    }

    private static void writeUsage(JsonGenerator json, CompletionRequest request, List<TextGenerator.Generation> choices)
            throws IOException {
        int completion = choices.stream().mapToInt(g -> g.words().size()).sum();
        json.writeObjectFieldStart("usage");
        json.writeNumberField("prompt_tokens", request.promptTokens());
        json.writeNumberField("completion_tokens", completion);
        json.writeNumberField("total_tokens", request.promptTokens() + completion);
        json.writeEndObject();
    }

    private static String text(Reply.JsonBody body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
            body.writeTo(json);
        } catch (IOException e) {
            // Writing to a StringWriter cannot fail with I/O; this is a bug if it happens.
            throw new UncheckedIOException("cannot encode a stream chunk", e);
        }
        return out.toString();
    }
}
