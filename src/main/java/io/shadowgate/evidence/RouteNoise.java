package io.shadowgate.evidence;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.Comparison;
import io.shadowgate.compare.MismatchPaths;
import io.shadowgate.compare.NoisyPath;
import io.shadowgate.compare.PathNoise;
import io.shadowgate.compare.RateLowerBound;
import io.shadowgate.config.RouteConfig;
import io.shadowgate.config.RouteTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The noise baseline of every route: one {@link NoisyPaths} per route label, each with its route's
 * settings ({@code noisyPaths} may differ by route), so that a field that varies in one model's
 * answers is never taken for noise in another's. The rollout sees a mismatch's paths as plain
 * strings; those of a configured route carry its label, {@code chat#/choices/*}{@code /message/content},
 * and the default route's are bare JSON Pointers, as they were before routes existed.
 * Thread-safe, as {@link NoisyPaths} is.
 */
public final class RouteNoise {
    /** Between a route's label and a path in the strings the rollout keeps; no label contains it. */
    public static final char SEPARATOR = '#';

    private final Map<String, NoisyPaths> byRoute = new LinkedHashMap<>();
    private final NoisyPaths fallback;

    private RouteNoise(RouteTable routes, RateLowerBound bound) {
        for (RouteConfig route : routes.routes()) {
            byRoute.putIfAbsent(route.label(), NoisyPaths.of(route.compare().json(), bound));
        }
        fallback = NoisyPaths.of(routes.fallback().compare().json(), bound);
        byRoute.put(RouteConfig.DEFAULT_LABEL, fallback);
    }

    /** A baseline for each route of the table, with {@code bound} as its statistics. */
    public static RouteNoise of(RouteTable routes, RateLowerBound bound) {
        return new RouteNoise(requireNonNull(routes, "routes"), requireNonNull(bound, "bound"));
    }

    /** Only the default route, with its baseline. */
    public static RouteNoise of(NoisyPaths only) {
        return new RouteNoise(requireNonNull(only, "only"));
    }

    private RouteNoise(NoisyPaths only) {
        fallback = only;
        byRoute.put(RouteConfig.DEFAULT_LABEL, only);
    }

    /** The baseline of the route labelled {@code route}; the default route's for a label it does not know. */
    public NoisyPaths of(String route) {
        return byRoute.getOrDefault(route, fallback);
    }

    /** The route labels, the default last. */
    public List<String> routes() {
        return List.copyOf(byRoute.keySet());
    }

    /** Where a candidate's comparison on this route differed, as the rollout keeps it (see the class comment). */
    public MismatchPaths mismatchPaths(String route, Comparison comparison) {
        MismatchPaths paths = of(route).mismatchPaths(comparison);
        if (!paths.known() || RouteConfig.DEFAULT_LABEL.equals(route)) {
            return paths;
        }
        List<String> qualified = new ArrayList<>(paths.paths().size());
        paths.paths().forEach(path -> qualified.add(route + SEPARATOR + path));
        return MismatchPaths.of(qualified);
    }

    /** What the baseline of the path's route says of it now; {@code path} as {@link #mismatchPaths} gives it. */
    public PathNoise classify(String path) {
        // Labels never contain the separator; a default-route pointer with one in a key names no route.
        int separator = path.indexOf(SEPARATOR);
        NoisyPaths route = separator < 0 ? null : byRoute.get(path.substring(0, separator));
        return route == null || route == fallback ? fallback.classify(path)
                : route.classify(path.substring(separator + 1));
    }

    /** The floor of the default route (every route has the top-level {@code compare.noiseFloor}). */
    public double floor() {
        return fallback.floor();
    }

    /** What each route treats as noise, its paths qualified as in {@link #mismatchPaths}. */
    public List<NoisyPath> explain() {
        List<NoisyPath> explained = new ArrayList<>();
        byRoute.forEach((route, noise) -> noise.explain().forEach(path -> explained.add(
                RouteConfig.DEFAULT_LABEL.equals(route) ? path : path.withPath(route + SEPARATOR + path.path()))));
        return explained;
    }
}
