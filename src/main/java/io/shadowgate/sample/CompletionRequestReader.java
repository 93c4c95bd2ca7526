package io.shadowgate.sample;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads an OpenAI {@code /v1/chat/completions} or {@code /v1/completions} body into a
 * {@link CompletionRequest}. The prompt is the last {@code user} message's content (a string, or a
 * list of {@code {"type":"text","text":...}} parts), or the completion's {@code prompt} string.
 * Optional fields, with OpenAI's meaning of {@code null} as absent: {@code model},
 * {@code max_tokens} (or {@code max_completion_tokens}; default 64, 1..4096), vLLM's
 * {@code min_tokens} (default 8), {@code temperature} (default 1, 0..2), {@code seed}, {@code n}
 * (default 1, 1..16), {@code stream}, {@code stream_options.include_usage}. Any other field is
 * ignored, as the real API ignores what a model does not use. Stateless.
 */
final class CompletionRequestReader {
    static final String DEFAULT_MODEL = "shadowgate-sample-llm";
    static final int DEFAULT_MAX_TOKENS = 64;
    static final int MAX_TOKENS = 4096;
    static final int DEFAULT_MIN_TOKENS = 8;
    static final int MAX_CHOICES = 16;

    private CompletionRequestReader() {}

    static CompletionRequest read(JsonNode root, boolean chat) throws BadRequestException {
        if (root == null || root.isMissingNode()) {
            throw new BadRequestException("request body is empty: expected a JSON object with "
                    + (chat ? "messages" : "prompt"));
        }
        if (!root.isObject()) {
            throw new BadRequestException("request body: expected a JSON object, got " + FeatureValues.describe(root));
        }
        String prompt;
        int promptTokens;
        if (chat) {
            JsonNode messages = root.get("messages");
            if (messages == null || !messages.isArray() || messages.isEmpty()) {
                throw new BadRequestException("messages: expected a non-empty array of messages, got "
                        + FeatureValues.describe(messages));
            }
            prompt = null;
            promptTokens = 0;
            for (int i = 0; i < messages.size(); i++) {
                JsonNode message = messages.get(i);
                String path = "messages[" + i + "]";
                if (!message.isObject()) {
                    throw new BadRequestException(path + ": expected an object, got " + FeatureValues.describe(message));
                }
                String role = string(message.get("role"), path + ".role", null);
                if (role == null) {
                    throw new BadRequestException(path + ".role: expected a string, got nothing");
                }
                String content = content(message.get("content"), path + ".content");
                promptTokens += MarkovText.words(content).length;
                if (role.equals("user")) {
                    prompt = content;
                }
            }
            if (prompt == null) {
                throw new BadRequestException("messages: expected at least one message with role user");
            }
        } else {
            prompt = string(root.get("prompt"), "prompt", null);
            if (prompt == null) {
                throw new BadRequestException("prompt: expected a string, got nothing");
            }
            promptTokens = MarkovText.words(prompt).length;
        }
        int maxTokens = integer(root, chat && present(root.get("max_completion_tokens")) ? "max_completion_tokens" : "max_tokens",
                DEFAULT_MAX_TOKENS, 1, MAX_TOKENS);
        int minTokens = integer(root, "min_tokens", DEFAULT_MIN_TOKENS, 0, MAX_TOKENS);
        double temperature = number(root.get("temperature"), "temperature", 1.0, 0, 2);
        Long seed = present(root.get("seed")) ? (long) integer(root.get("seed"), "seed") : null;
        int n = integer(root, "n", 1, 1, MAX_CHOICES);
        boolean stream = bool(root.get("stream"), "stream");
        JsonNode options = root.get("stream_options");
        if (present(options) && !options.isObject()) {
            throw new BadRequestException("stream_options: expected an object, got " + FeatureValues.describe(options));
        }
        boolean includeUsage = present(options) && bool(options.get("include_usage"), "stream_options.include_usage");
        String model = string(root.get("model"), "model", DEFAULT_MODEL);
        return new CompletionRequest(chat, model, prompt, promptTokens, maxTokens, minTokens, temperature, seed, n,
                stream, includeUsage);
    }

    /** A message's text: a string, or the concatenated {@code text} of a list of content parts. */
    private static String content(JsonNode node, String path) throws BadRequestException {
        if (node != null && node.isArray()) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < node.size(); i++) {
                JsonNode part = node.get(i);
                if (!part.isObject() || !"text".equals(part.path("type").asText())) {
                    throw new BadRequestException(path + "[" + i + "]: expected a {\"type\":\"text\",\"text\":...} part");
                }
                text.append(text.length() == 0 ? "" : " ").append(string(part.get("text"), path + "[" + i + "].text", ""));
            }
            return text.toString();
        }
        return string(node, path, "");
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static String string(JsonNode node, String path, String absent) throws BadRequestException {
        if (!present(node)) {
            return absent;
        }
        if (!node.isTextual()) {
            throw new BadRequestException(path + ": expected a string, got " + FeatureValues.describe(node));
        }
        return node.asText();
    }

    private static boolean bool(JsonNode node, String path) throws BadRequestException {
        if (!present(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new BadRequestException(path + ": expected true or false, got " + FeatureValues.describe(node));
        }
        return node.booleanValue();
    }

    private static int integer(JsonNode root, String field, int absent, int min, int max) throws BadRequestException {
        JsonNode node = root.get(field);
        if (!present(node)) {
            return absent;
        }
        long value = integer(node, field);
        if (value < min || value > max) {
            throw new BadRequestException(field + ": " + value + " (expected " + min + ".." + max + ")");
        }
        return (int) value;
    }

    private static long integer(JsonNode node, String path) throws BadRequestException {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new BadRequestException(path + ": expected an integer, got " + FeatureValues.describe(node));
        }
        return node.longValue();
    }

    private static double number(JsonNode node, String path, double absent, double min, double max)
            throws BadRequestException {
        if (!present(node)) {
            return absent;
        }
        if (!node.isNumber()) {
            throw new BadRequestException(path + ": expected a number, got " + FeatureValues.describe(node));
        }
        double value = node.doubleValue();
        if (!(value >= min && value <= max)) {
            throw new BadRequestException(path + ": " + node.asText() + " (expected " + (int) min + ".." + (int) max + ")");
        }
        return value;
    }
}
