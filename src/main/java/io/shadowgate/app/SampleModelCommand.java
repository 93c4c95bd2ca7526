package io.shadowgate.app;

import io.shadowgate.sample.DurationConverter;
import io.shadowgate.sample.LlmDrift;
import io.shadowgate.sample.ModelVariant;
import io.shadowgate.sample.SampleModelOptions;
import io.shadowgate.sample.SampleModelServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code shadowgate sample-model}: runs the sample model server (the Iris classifier and the
 * OpenAI-compatible Markov text generator) in the foreground until the
 * process is stopped (SIGTERM/SIGINT) or the calling thread is interrupted, for demos and load
 * tests. Prints one line with the bound address when it is listening.
 */
@Command(
        name = "sample-model",
        mixinStandardHelpOptions = true,
        description = {
            "Serves two small real models to stand in for model deployments:",
            "- logistic regression over the Iris dataset on POST /score (Azure ML / MLflow)",
            "  and POST /v2/models/{name}/infer (Open Inference Protocol V2);",
            "- an OpenAI-compatible text model on POST /v1/chat/completions and",
            "  POST /v1/completions: a word-level Markov chain trained at start-up on",
            "  Aesop's Fables (public domain), honouring temperature, seed, max_tokens, n",
            "  and \"stream\": true (server-sent events, one chunk per token), and",
            "  POST /v1/embeddings (hashed bag of words, 256 dimensions).",
            "Latency, injected errors, prediction drift, text drift and token delays are options."
        })
public final class SampleModelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "9101",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--variant", defaultValue = "v1", converter = VariantConverter.class, paramLabel = "v1|v2",
            description = "Model coefficients: v1, or v2 with each weight moved a few percent (default: ${DEFAULT-VALUE}).")
    ModelVariant variant;

    @Option(names = "--latency", defaultValue = "0ms", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Delay added before every response, e.g. 20ms or 1.5s (default: ${DEFAULT-VALUE}).")
    Duration latency;

    @Option(names = "--error-rate", defaultValue = "0", paramLabel = "SHARE",
            description = "Share of scoring requests answered with an injected 500, 0..1 (default: ${DEFAULT-VALUE}).")
    double errorRate;

    @Option(names = "--drift", defaultValue = "0", paramLabel = "SHARE",
            description = "Share of rows whose predicted class changes, chosen by a hash of the row, 0..1 "
                    + "(default: ${DEFAULT-VALUE}).")
    double drift;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of the error-injection sequence; text requests carry their own seed "
                    + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--llm-drift", defaultValue = "none", converter = LlmDriftConverter.class,
            paramLabel = "none|vocabulary|length",
            description = "Drift of the text model: vocabulary swaps about one in seven generated words for other "
                    + "words, length stops answers at the first clause and a quarter of max_tokens (default: ${DEFAULT-VALUE}).")
    LlmDrift llmDrift;

    @Option(names = "--token-delay", defaultValue = "5ms", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Wait between two events of a streamed completion (default: ${DEFAULT-VALUE}).")
    Duration tokenDelay;

    @Option(names = "--first-token-delay", defaultValue = "0ms", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Wait before the first event of a streamed completion, after the response head, "
                    + "to simulate a slow time to first token (default: ${DEFAULT-VALUE}).")
    Duration firstTokenDelay;

    @Option(names = "--threads", defaultValue = "1",
            description = "Event loop threads; 0 means one per core (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() {
        SampleModelOptions options;
        try {
            options = new SampleModelOptions(host, port, variant, latency, errorRate, drift, seed, threads, llmDrift,
                    tokenDelay, firstTokenDelay);
        } catch (IllegalArgumentException e) {
            // The options record names its fields as the flags are spelled, minus the dashes.
            throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
        SampleModelServer server;
        try {
            server = SampleModelServer.start(options);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("sample-model: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(server::close, "sample-model-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("sample-model %s listening on %s (latency %s, error-rate %s, drift %s)%n",
                options.variant(), server.baseUrl(), SampleModelOptions.formatDuration(options.latency()),
                SampleModelOptions.formatShare(options.errorRate()), SampleModelOptions.formatShare(options.drift()));
        if (options.llmDrift() != LlmDrift.NONE || !options.tokenDelay().equals(SampleModelOptions.DEFAULT_TOKEN_DELAY)
                || !options.firstTokenDelay().isZero()) {
            out.printf("text model: llm-drift %s, token-delay %s, first-token-delay %s%n", options.llmDrift(),
                    SampleModelOptions.formatDuration(options.tokenDelay()),
                    SampleModelOptions.formatDuration(options.firstTokenDelay()));
        }
        out.flush();
        try {
            server.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already running the hook: nothing left to undo.
            }
        }
        return 0;
    }

    /** {@code v1} or {@code v2}, any case. */
    static final class VariantConverter implements ITypeConverter<ModelVariant> {
        @Override
        public ModelVariant convert(String value) {
            try {
                return ModelVariant.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code none}, {@code vocabulary} or {@code length}, any case. */
    static final class LlmDriftConverter implements ITypeConverter<LlmDrift> {
        @Override
        public LlmDrift convert(String value) {
            try {
                return LlmDrift.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
