package io.shadowgate.sample;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a {@link SampleModelServer} behaves; validated on construction. Error messages name the
 * command-line options ({@code error-rate 1.5: expected 0..1}) so the command can show them as they
 * are.
 *
 * @param host address to listen on
 * @param port TCP port, 0 for an ephemeral one
 * @param variant which coefficients to score with
 * @param latency delay added before every response (zero for none)
 * @param errorRate share of scoring requests answered with an injected 500, 0..1
 * @param drift share of rows whose predicted class is changed, 0..1
 * @param seed seed of the error-injection sequence
 * @param threads event loop threads; 0 means one per core
 * @param llmDrift how the text generator of the OpenAI routes drifts ({@code none} for the stable one)
 * @param tokenDelay wait between two events of a streamed completion
 * @param firstTokenDelay wait before the first event of a streamed completion (after the response head)
 */
public record SampleModelOptions(
        String host,
        int port,
        ModelVariant variant,
        Duration latency,
        double errorRate,
        double drift,
        long seed,
        int threads,
        LlmDrift llmDrift,
        Duration tokenDelay,
        Duration firstTokenDelay) {

    /** Default wait between two streamed tokens: slow enough to see a stream, fast enough for tests. */
    public static final Duration DEFAULT_TOKEN_DELAY = Duration.ofMillis(5);

    /** Upper bound for {@code latency} and the token delays: anything longer is a typo, not a simulation. */
    public static final Duration MAX_LATENCY = Duration.ofMinutes(10);

    private static final Pattern DURATION =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|µs|ms|s|m)?", Pattern.CASE_INSENSITIVE);

    public SampleModelOptions {
        requireNonNull(host, "host");
        requireNonNull(variant, "variant");
        requireNonNull(latency, "latency");
        requireNonNull(llmDrift, "llmDrift");
        requireNonNull(tokenDelay, "tokenDelay");
        requireNonNull(firstTokenDelay, "firstTokenDelay");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host '': expected a host name or address");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + ": expected 0..65535");
        }
        requireDelay("latency", latency);
        requireDelay("token-delay", tokenDelay);
        requireDelay("first-token-delay", firstTokenDelay);
        requireShare("error-rate", errorRate);
        requireShare("drift", drift);
        if (threads < 0 || threads > 1024) {
            throw new IllegalArgumentException("threads " + threads + ": expected 0..1024 (0 = one per core)");
        }
    }

    /** The Iris model's options, with the text generator's defaults: no drift, 5ms per token, no first-token delay. */
    public SampleModelOptions(String host, int port, ModelVariant variant, Duration latency, double errorRate,
            double drift, long seed, int threads) {
        this(host, port, variant, latency, errorRate, drift, seed, threads, LlmDrift.NONE, DEFAULT_TOKEN_DELAY,
                Duration.ZERO);
    }

    /** 127.0.0.1:9101, v1, no latency, no errors, no drift, seed 1, one thread, 5ms per streamed token. */
    public static SampleModelOptions defaults() {
        return new SampleModelOptions("127.0.0.1", 9101, ModelVariant.V1, Duration.ZERO, 0, 0, 1, 1);
    }

    public SampleModelOptions withHost(String host) {
        return new SampleModelOptions(host, port, variant, latency, errorRate, drift, seed, threads, llmDrift, tokenDelay,
                firstTokenDelay);
    }

    public SampleModelOptions withPort(int port) {
        return new SampleModelOptions(host, port, variant, latency, errorRate, drift, seed, threads, llmDrift, tokenDelay,
                firstTokenDelay);
    }

    public SampleModelOptions withVariant(ModelVariant variant) {
        return new SampleModelOptions(host, port, variant, latency, errorRate, drift, seed, threads, llmDrift, tokenDelay,
                firstTokenDelay);
    }

    public SampleModelOptions withLatency(Duration latency) {
        return new SampleModelOptions(host, port, variant, latency, errorRate, drift, seed, threads, llmDrift, tokenDelay,
                firstTokenDelay);
    }

    public SampleModelOptions withErrorRate(double errorRate) {
        return new SampleModelOptions(host, port, variant, latency, errorRate, drift, seed, threads, llmDrift, tokenDelay,
                firstTokenDelay);
    }

    public SampleModelOptions withDrift(double drift) {
        return new SampleModelOptions(host, port, variant, latency, errorRate, drift, seed, threads, llmDrift, tokenDelay,
                firstTokenDelay);
    }

    public SampleModelOptions withSeed(long seed) {
        return new SampleModelOptions(host, port, variant, latency, errorRate, drift, seed, threads, llmDrift, tokenDelay,
                firstTokenDelay);
    }

    public SampleModelOptions withThreads(int threads) {
        return new SampleModelOptions(host, port, variant, latency, errorRate, drift, seed, threads, llmDrift, tokenDelay,
                firstTokenDelay);
    }

    public SampleModelOptions withLlmDrift(LlmDrift llmDrift) {
        return new SampleModelOptions(host, port, variant, latency, errorRate, drift, seed, threads, llmDrift, tokenDelay,
                firstTokenDelay);
    }

    public SampleModelOptions withTokenDelay(Duration tokenDelay) {
        return new SampleModelOptions(host, port, variant, latency, errorRate, drift, seed, threads, llmDrift, tokenDelay,
                firstTokenDelay);
    }

    public SampleModelOptions withFirstTokenDelay(Duration firstTokenDelay) {
        return new SampleModelOptions(host, port, variant, latency, errorRate, drift, seed, threads, llmDrift, tokenDelay,
                firstTokenDelay);
    }

    /**
     * Parses a duration such as {@code 20ms}, {@code 1.5s}, {@code 250us}, {@code 2m} or ISO-8601
     * {@code PT0.02S}; a bare number means milliseconds.
     */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.regionMatches(true, 0, "PT", 0, 2)) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(text + ": expected a duration like 20ms or 1.5s");
            }
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException(text + ": expected a duration like 20ms or 1.5s");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
        long nanosPerUnit = switch (unit) {
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            default -> 60_000_000_000L;
        };
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.compareTo(BigDecimal.valueOf(MAX_LATENCY.toNanos())) > 0) {
            throw new IllegalArgumentException(text + ": expected at most 10m");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** {@code 20ms}, {@code 1500ms}, {@code 0.25ms}: milliseconds, without trailing zeros. */
    public static String formatDuration(Duration d) {
        BigDecimal ms = BigDecimal.valueOf(d.toNanos(), 6).stripTrailingZeros();
        return (ms.signum() == 0 ? "0" : ms.toPlainString()) + "ms";
    }

    /** {@code 0}, {@code 0.02}, {@code 1}: a share without trailing zeros. */
    public static String formatShare(double share) {
        BigDecimal d = BigDecimal.valueOf(share).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    private static void requireDelay(String name, Duration value) {
        if (value.isNegative() || value.compareTo(MAX_LATENCY) > 0) {
            throw new IllegalArgumentException(name + " " + formatDuration(value) + ": expected 0ms..10m");
        }
    }

    private static void requireShare(String name, double value) {
        // Written so that NaN fails too.
        if (!(value >= 0 && value <= 1)) {
            String shown = Double.isFinite(value) ? formatShare(value) : String.valueOf(value);
            throw new IllegalArgumentException(name + " " + shown + ": expected 0..1");
        }
    }
}
