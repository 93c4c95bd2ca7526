package io.shadowgate.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * The sample server's route table: maps a method and path to an {@link Answer}. Knows nothing of
 * channels or timing, which the handler owns. Immutable and thread-safe (the error injector it
 * holds is), so one instance serves every event loop.
 *
 * <pre>
 * GET  /, /healthz                      {"status":"ok","variant":"v1"}
 * POST /score                           {"predictions":[[p_setosa,p_versicolor,p_virginica],...]}
 * GET  /v2, /v2/health/ready, /v2/health/live
 * GET  /v2/models/{name}, /v2/models/{name}/ready
 * POST /v2/models/{name}/infer          Open Inference Protocol V2 response, FP64 [n, 3]
 * POST /v1/chat/completions, /v1/completions, /v1/embeddings   OpenAI-compatible, see {@link OpenAiRoutes}
 * </pre>
 */
final class ModelRoutes {
    private static final String MODELS = "/v2/models/";
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; ");
    private static final Reply READY = flag("ready");
    private static final Reply LIVE = flag("live");

    private final IrisModel model;
    private final Drift drift;
    private final ErrorInjector errors;
    private final String version;
    private final Reply health;
    private final Reply serverMetadata;
    private final Reply injected;
    private final OpenAiRoutes openAi;

    ModelRoutes(SampleModelOptions options) {
        this.model = IrisModel.of(options.variant());
        this.drift = new Drift(options.drift());
        this.errors = new ErrorInjector(options.errorRate(), options.seed());
        this.openAi = new OpenAiRoutes(options, errors);
        this.version = options.variant().id();
        this.health = Reply.ok(json -> {
            json.writeStartObject();
            json.writeStringField("status", "ok");
            json.writeStringField("variant", version);
            json.writeEndObject();
        });
        this.serverMetadata = Reply.ok(json -> {
            json.writeStartObject();
            json.writeStringField("name", "shadowgate-sample-model");
            json.writeStringField("version", version);
            json.writeArrayFieldStart("extensions");
            json.writeEndArray();
            json.writeEndObject();
        });
        this.injected = Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "injected",
                "error injected by the sample model (error-rate " + SampleModelOptions.formatShare(options.errorRate()) + ")");
    }

    Answer route(HttpMethod method, String uri, ByteBuf body) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (path.startsWith(OpenAiRoutes.PREFIX)) {
            return openAi.route(method, path, body);
        }
        switch (path) {
            case "/score":
                return HttpMethod.POST.equals(method) ? score(body) : Reply.methodNotAllowed(method.name(), path, "POST");
            case "/":
            case "/healthz":
                return get(method, path, health);
            case "/v2":
                return get(method, path, serverMetadata);
            case "/v2/health/ready":
                return get(method, path, READY);
            case "/v2/health/live":
                return get(method, path, LIVE);
            default:
                return path.startsWith(MODELS) ? model(method, path, body) : notFound(method, path);
        }
    }

    /** {@code /v2/models/{name}[/ready|/infer]}. */
    private Reply model(HttpMethod method, String path, ByteBuf body) {
        String rest = path.substring(MODELS.length());
        int slash = rest.indexOf('/');
        String action = slash < 0 ? "" : rest.substring(slash + 1);
        String name;
        try {
            name = QueryStringDecoder.decodeComponent(slash < 0 ? rest : rest.substring(0, slash));
        } catch (IllegalArgumentException e) {
            return Reply.badRequest("model name in " + path + ": " + e.getMessage());
        }
        if (name.isEmpty()) {
            return notFound(method, path);
        }
        switch (action) {
            case "":
                return get(method, path, metadata(name));
            case "ready":
                return get(method, path, READY);
            case "infer":
                return HttpMethod.POST.equals(method) ? infer(name, body) : Reply.methodNotAllowed(method.name(), path, "POST");
            default:
                return notFound(method, path);
        }
    }

    private Reply score(ByteBuf body) {
        if (errors.inject()) {
            return injected;
        }
        double[][] probabilities;
        try {
            double[][] rows = ScoreRequestReader.read(parse(body));
            probabilities = predict(rows);
        } catch (BadRequestException e) {
            return Reply.badRequest(e.getMessage());
        }
        return Reply.ok(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("predictions");
            for (double[] p : probabilities) {
                json.writeArray(p, 0, p.length);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private Reply infer(String name, ByteBuf body) {
        if (errors.inject()) {
            return injected;
        }
        InferRequestReader.InferInput input;
        double[][] probabilities;
        try {
            input = InferRequestReader.read(parse(body));
            probabilities = predict(input.rows());
        } catch (BadRequestException e) {
            return Reply.badRequest(e.getMessage());
        }
        return Reply.ok(json -> {
            json.writeStartObject();
            json.writeStringField("model_name", name);
            json.writeStringField("model_version", version);
            if (input.id() != null) {
                json.writeStringField("id", input.id());
            }
            json.writeArrayFieldStart("outputs");
            json.writeStartObject();
            json.writeStringField("name", "probabilities");
            json.writeArrayFieldStart("shape");
            json.writeNumber(probabilities.length);
            json.writeNumber(IrisModel.CLASSES.size());
            json.writeEndArray();
            json.writeStringField("datatype", "FP64");
            json.writeArrayFieldStart("data");
            for (double[] p : probabilities) {
                for (double v : p) {
                    json.writeNumber(v);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private double[][] predict(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = drift.apply(rows[i], model.predictRow(rows[i]));
        }
        return out;
    }

    private Reply metadata(String name) {
        return Reply.ok(json -> {
            json.writeStartObject();
            json.writeStringField("name", name);
            json.writeArrayFieldStart("versions");
            json.writeString(version);
            json.writeEndArray();
            json.writeStringField("platform", "shadowgate-sample");
            json.writeArrayFieldStart("inputs");
            tensorMetadata(json, "input-0", "FP32", IrisModel.FEATURES.size());
            json.writeEndArray();
            json.writeArrayFieldStart("outputs");
            tensorMetadata(json, "probabilities", "FP64", IrisModel.CLASSES.size());
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void tensorMetadata(JsonGenerator json, String name,
            String datatype, int width) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("datatype", datatype);
        json.writeArrayFieldStart("shape");
        json.writeNumber(-1);
        json.writeNumber(width);
        json.writeEndArray();
        json.writeEndObject();
    }

    private static Reply flag(String field) {
        return Reply.ok(json -> {
            json.writeStartObject();
            json.writeBooleanField(field, true);
            json.writeEndObject();
        });
    }

    private static Reply get(HttpMethod method, String path, Reply reply) {
        return HttpMethod.GET.equals(method) ? reply : Reply.methodNotAllowed(method.name(), path, "GET");
    }

    private static Reply notFound(HttpMethod method, String path) {
        return Reply.error(HttpResponseStatus.NOT_FOUND, "not_found", "no route for " + method.name() + " " + path);
    }

    /** The body as a JSON tree, read straight from the buffer; null when the body is empty. */
    static JsonNode parse(ByteBuf body) throws BadRequestException {
        if (!body.isReadable()) {
            return null;
        }
        try (InputStream in = new ByteBufInputStream(body.duplicate())) {
            return Json.MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            // Jackson's own location text would only repeat "Source: REDACTED": keep line and column.
            String why = SOURCE.matcher(e.getOriginalMessage()).replaceAll("[");
            throw new BadRequestException("malformed JSON" + where + ": " + why);
        } catch (IOException e) {
            throw new BadRequestException("cannot read the request body: " + e.getMessage());
        }
    }
}
