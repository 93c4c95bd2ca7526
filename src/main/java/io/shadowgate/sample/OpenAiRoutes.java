package io.shadowgate.sample;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The OpenAI-compatible routes of the sample server, backed by the {@link MarkovText} generator
 * and the {@link HashedEmbedding}:
 *
 * <pre>
 * POST /v1/chat/completions   chat.completion, or chat.completion.chunk events with "stream": true
 * POST /v1/completions        text_completion, streamed likewise
 * POST /v1/embeddings         {"object":"list","data":[{"object":"embedding","index":i,"embedding":[...]}],...}
 * </pre>
 *
 * Errors use OpenAI's shape, {@code {"error":{"message":...,"type":"invalid_request_error",...}}}.
 * Immutable and thread-safe: a request's randomness is its own {@link SplittableRandom}.
 */
final class OpenAiRoutes {
    static final String PREFIX = "/v1/";

    private final TextGenerator generator;
    private final ErrorInjector errors;
    private final String fingerprint;
    private final long firstTokenDelayNanos;
    private final long tokenDelayNanos;
    private final Reply injected;

    OpenAiRoutes(SampleModelOptions options, ErrorInjector errors) {
        this.generator = new TextGenerator(MarkovText.bundled(), options.llmDrift());
        this.errors = errors;
        this.fingerprint = "fp_sample_" + options.variant().id() + "_" + options.llmDrift().id();
        this.firstTokenDelayNanos = options.firstTokenDelay().toNanos();
        this.tokenDelayNanos = options.tokenDelay().toNanos();
        this.injected = error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "server_error",
                "error injected by the sample model (error-rate " + SampleModelOptions.formatShare(options.errorRate()) + ")");
    }

    Answer route(HttpMethod method, String path, ByteBuf body) {
        switch (path) {
            case "/v1/chat/completions":
                return post(method, path) ? complete(body, true) : notAllowed(method, path);
            case "/v1/completions":
                return post(method, path) ? complete(body, false) : notAllowed(method, path);
            case "/v1/embeddings":
                return post(method, path) ? embed(body) : notAllowed(method, path);
            default:
                return error(HttpResponseStatus.NOT_FOUND, "invalid_request_error",
                        "no route for " + method.name() + " " + path);
        }
    }

    private Answer complete(ByteBuf body, boolean chat) {
        if (errors.inject()) {
            return injected;
        }
        CompletionRequest request;
        try {
            request = CompletionRequestReader.read(ModelRoutes.parse(body), chat);
        } catch (BadRequestException e) {
            return badRequest(e.getMessage());
        }
        List<TextGenerator.Generation> choices = new ArrayList<>(request.n());
        for (int i = 0; i < request.n(); i++) {
            choices.add(generator.generate(request.prompt(), request.temperature(), request.maxTokens(),
                    request.minTokens(), random(request, i)));
        }
        CompletionEncoder.Header header = new CompletionEncoder.Header(
                (chat ? "chatcmpl-" : "cmpl-") + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1),
                System.currentTimeMillis() / 1000, request.model(), fingerprint);
        return request.stream()
                ? CompletionEncoder.stream(request, header, choices, firstTokenDelayNanos, tokenDelayNanos)
                : CompletionEncoder.whole(request, header, choices);
    }

    /**
     * Seeded: a function of the seed, the prompt and the choice, so the same request repeats and
     * its choices differ; unseeded: fresh for every choice of every request.
     */
    private static SplittableRandom random(CompletionRequest request, int choice) {
        if (request.seed() == null) {
            return new SplittableRandom(ThreadLocalRandom.current().nextLong());
        }
        long h = SplitMix.mix64(request.seed() ^ SplitMix.mix64(request.prompt().hashCode()));
        return new SplittableRandom(SplitMix.mix64(h + choice * 0x9e3779b97f4a7c15L));
    }

    private Answer embed(ByteBuf body) {
        if (errors.inject()) {
            return injected;
        }
        List<String> inputs = new ArrayList<>();
        String model;
        int dimensions;
        try {
            JsonNode root = ModelRoutes.parse(body);
            if (root == null || !root.isObject()) {
                throw new BadRequestException("request body: expected a JSON object with input, got "
                        + FeatureValues.describe(root));
            }
            JsonNode input = root.get("input");
            if (input != null && input.isTextual()) {
                inputs.add(input.asText());
            } else if (input != null && input.isArray() && !input.isEmpty()) {
                for (int i = 0; i < input.size(); i++) {
                    if (!input.get(i).isTextual()) {
                        throw new BadRequestException("input[" + i + "]: expected a string, got "
                                + FeatureValues.describe(input.get(i)));
                    }
                    inputs.add(input.get(i).asText());
                }
            } else {
                throw new BadRequestException("input: expected a string or a non-empty array of strings, got "
                        + FeatureValues.describe(input));
            }
            JsonNode m = root.get("model");
            if (m != null && !m.isNull() && !m.isTextual()) {
                throw new BadRequestException("model: expected a string, got " + FeatureValues.describe(m));
            }
            model = m == null || m.isNull() ? CompletionRequestReader.DEFAULT_MODEL : m.asText();
            dimensions = dimensions(root.get("dimensions"));
            JsonNode format = root.get("encoding_format");
            if (format != null && !format.isNull() && !"float".equals(format.asText())) {
                throw new BadRequestException("encoding_format: expected \"float\", got " + FeatureValues.describe(format));
            }
        } catch (BadRequestException e) {
            return badRequest(e.getMessage());
        }
        int tokens = inputs.stream().mapToInt(HashedEmbedding::tokens).sum();
        return Reply.ok(json -> {
            json.writeStartObject();
            json.writeStringField("object", "list");
            json.writeArrayFieldStart("data");
            for (int i = 0; i < inputs.size(); i++) {
                double[] v = HashedEmbedding.embed(inputs.get(i), dimensions);
                json.writeStartObject();
                json.writeStringField("object", "embedding");
                json.writeNumberField("index", i);
                json.writeFieldName("embedding");
                json.writeArray(v, 0, v.length);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("model", model);
            json.writeObjectFieldStart("usage");
            json.writeNumberField("prompt_tokens", tokens);
            json.writeNumberField("total_tokens", tokens);
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static int dimensions(JsonNode node) throws BadRequestException {
        if (node == null || node.isNull()) {
            return HashedEmbedding.DEFAULT_DIMENSIONS;
        }
        if (!node.isIntegralNumber() || node.longValue() < 1 || node.longValue() > HashedEmbedding.MAX_DIMENSIONS) {
            throw new BadRequestException("dimensions: expected an integer 1.." + HashedEmbedding.MAX_DIMENSIONS + ", got "
                    + (node.isIntegralNumber() ? node.asText() : FeatureValues.describe(node)));
        }
        return node.intValue();
    }

    private static boolean post(HttpMethod method, String path) {
        return HttpMethod.POST.equals(method);
    }

    private static Reply notAllowed(HttpMethod method, String path) {
        Reply r = error(HttpResponseStatus.METHOD_NOT_ALLOWED, "invalid_request_error",
                method.name() + " " + path + ": expected POST");
        return new Reply(r.status(), r.body(), "POST");
    }

    static Reply badRequest(String message) {
        return error(HttpResponseStatus.BAD_REQUEST, "invalid_request_error", message);
    }

    /** OpenAI's error object: {@code {"error":{"message":...,"type":...,"param":null,"code":null}}}. */
    static Reply error(HttpResponseStatus status, String type, String message) {
        return new Reply(status, json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("error");
            json.writeStringField("message", message);
            json.writeStringField("type", type);
            json.writeNullField("param");
            json.writeNullField("code");
            json.writeEndObject();
            json.writeEndObject();
        }, null);
    }
}
