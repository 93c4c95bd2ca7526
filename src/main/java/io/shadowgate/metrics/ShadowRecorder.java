package io.shadowgate.metrics;

import io.shadowgate.compare.Outcome;
import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records what one candidate's mirror does: sampled requests and their outcomes, comparison
 * results, compared rows, the paths that differ and the paired latency ratio, every series with
 * the candidate's name in a {@value MeterNames#TAG_CANDIDATE} label; the requests, outcomes,
 * comparisons and latency ratio also by {@value MeterNames#TAG_ROUTE}, the route's configured label
 * (a fixed set, registered up front: never a raw request path). Fixed series are registered at
 * zero up front; mismatch paths are capped at {@value #MAX_PATHS} distinct labels per candidate
 * (the rest count as {@code other}) so a model with free-form output cannot blow up the
 * time-series database. Thread-safe.
 */
public final class ShadowRecorder {
    static final int MAX_PATHS = 50;
    static final String OTHER_PATH = "other";
    /** The label of requests that match no configured route (the config's {@code RouteConfig.DEFAULT_LABEL}). */
    public static final String DEFAULT_ROUTE = "default";
    /** The reasons of {@link MeterNames#UNDECODED_BODIES}, registered at zero. */
    public static final List<String> UNDECODED_REASONS = List.of("too_large", "unknown_coding", "corrupt");
    private static final double[] RATIO_BUCKETS = {0.25, 0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 2, 3, 5, 10};

    private final MeterRegistry registry;
    private final String candidate;
    private final Map<String, RouteMeters> routes = new HashMap<>();
    private final Counter rowsMatched;
    private final Counter rowsDiffering;
    private final Counter noiseMatches;
    private final Counter noiseMismatches;
    private final Map<String, Counter> undecoded = new ConcurrentHashMap<>();
    private final Map<String, Counter> paths = new ConcurrentHashMap<>();

    /** Records for the candidate named {@code candidate}, all under the default route. */
    public ShadowRecorder(MeterRegistry registry, String candidate) {
        this(registry, candidate, List.of(DEFAULT_ROUTE));
    }

    /** Records for the candidate named {@code candidate}, on these routes (their labels). */
    public ShadowRecorder(MeterRegistry registry, String candidate, List<String> routeLabels) {
        this.registry = requireNonNull(registry, "registry");
        this.candidate = requireNonNull(candidate, "candidate");
        for (String route : routeLabels) {
            routes.put(route, new RouteMeters(route));
        }
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("routeLabels: none (expected: at least the default route)");
        }
        rowsMatched = result(MeterNames.COMPARED_ROWS, "match", "Compared batch rows");
        rowsDiffering = result(MeterNames.COMPARED_ROWS, "mismatch", "Compared batch rows");
        noiseMatches = result(MeterNames.NOISE_COMPARISONS, "match", "Stable-versus-stable comparisons");
        noiseMismatches = result(MeterNames.NOISE_COMPARISONS, "mismatch", "Stable-versus-stable comparisons");
        for (String reason : UNDECODED_REASONS) {
            undecoded.put(reason, Counter.builder(MeterNames.UNDECODED_BODIES)
                    .description("Answer bodies whose Content-Encoding was not undone before comparing")
                    .tag(MeterNames.TAG_REASON, reason)
                    .tag(MeterNames.TAG_CANDIDATE, candidate)
                    .register(registry));
        }
    }

    /** The meters of one route: registered once, up front, so the request path only looks them up. */
    private final class RouteMeters {
        final Counter sampled;
        final EnumMap<ShadowOutcome, Counter> outcomes = new EnumMap<>(ShadowOutcome.class);
        final EnumMap<Outcome.Kind, Counter> comparisons = new EnumMap<>(Outcome.Kind.class);
        final DistributionSummary latencyRatio;

        RouteMeters(String route) {
            sampled = Counter.builder(MeterNames.SHADOW_SAMPLED)
                    .description("Requests chosen for mirroring to the candidate")
                    .tag(MeterNames.TAG_CANDIDATE, candidate)
                    .tag(MeterNames.TAG_ROUTE, route)
                    .register(registry);
            for (ShadowOutcome outcome : ShadowOutcome.values()) {
                outcomes.put(outcome, Counter.builder(MeterNames.SHADOW_REQUESTS)
                        .description("Mirrored requests by outcome; the outcomes sum to the sampled count")
                        .tag(MeterNames.TAG_OUTCOME, outcome.label())
                        .tag(MeterNames.TAG_CANDIDATE, candidate)
                        .tag(MeterNames.TAG_ROUTE, route)
                        .register(registry));
            }
            for (Outcome.Kind kind : List.of(Outcome.Kind.MATCH, Outcome.Kind.NOISY, Outcome.Kind.MISMATCH)) {
                comparisons.put(kind, Counter.builder(MeterNames.COMPARISONS)
                        .description("Comparisons of stable and candidate answers; noisy ones differ only on noisy paths")
                        .tag(MeterNames.TAG_RESULT, kind.label())
                        .tag(MeterNames.TAG_CANDIDATE, candidate)
                        .tag(MeterNames.TAG_ROUTE, route)
                        .register(registry));
            }
            latencyRatio = DistributionSummary.builder(MeterNames.LATENCY_RATIO)
                    .description("Candidate latency divided by stable latency, paired per compared request")
                    .serviceLevelObjectives(RATIO_BUCKETS)
                    .tag(MeterNames.TAG_CANDIDATE, candidate)
                    .tag(MeterNames.TAG_ROUTE, route)
                    .register(registry);
        }
    }

    private RouteMeters route(String route) {
        RouteMeters meters = routes.get(route);
        if (meters == null) {
            throw new IllegalArgumentException("route: " + route + " (expected: one of " + routes.keySet() + ")");
        }
        return meters;
    }

    private Counter result(String name, String result, String description) {
        return Counter.builder(name).description(description).tag(MeterNames.TAG_RESULT, result)
                .tag(MeterNames.TAG_CANDIDATE, candidate).register(registry);
    }

    /** A request of this route was chosen for mirroring; exactly one {@link #ended} follows. */
    public void sampled(String route) {
        route(route).sampled.increment();
    }

    public void ended(String route, ShadowOutcome outcome) {
        route(route).outcomes.get(outcome).increment();
    }

    /**
     * One comparison: its result, the batch rows that matched and differed (0 and 0 when the
     * answer is not a batch), and the collapsed paths of its differences (noisy ones too), each
     * counted once.
     */
    public void compared(String route, Outcome.Kind result, long matchingRows, long differingRows,
                         Collection<String> differingPaths, double candidateOverStableLatency) {
        RouteMeters meters = route(route);
        Counter comparisons = meters.comparisons.get(result);
        if (comparisons == null) {
            throw new IllegalArgumentException("a comparison's result cannot be " + result.label());
        }
        comparisons.increment();
        rowsMatched.increment(matchingRows);
        rowsDiffering.increment(differingRows);
        differingPaths.forEach(path -> pathCounter(path).increment());
        meters.latencyRatio.record(candidateOverStableLatency);
    }

    /** An answer body whose coding was not undone; {@code reason} is one of {@link #UNDECODED_REASONS}. */
    public void undecoded(String reason) {
        Counter counter = undecoded.get(reason);
        if (counter == null) {
            throw new IllegalArgumentException("reason: " + reason + " (expected: one of " + UNDECODED_REASONS + ")");
        }
        counter.increment();
    }

    /** One comparison of two stable answers to the same request. */
    public void noiseCompared(boolean match) {
        (match ? noiseMatches : noiseMismatches).increment();
    }

    private Counter pathCounter(String path) {
        Counter counter = paths.get(path);
        if (counter != null) {
            return counter;
        }
        String label = paths.size() < MAX_PATHS ? path : OTHER_PATH;
        return paths.computeIfAbsent(label, key -> Counter.builder(MeterNames.MISMATCH_PATHS)
                .description("Differences by JSON path (array indices as *), at most " + MAX_PATHS + " paths")
                .tag(MeterNames.TAG_PATH, key)
                .tag(MeterNames.TAG_CANDIDATE, candidate)
                .register(registry));
    }
}
