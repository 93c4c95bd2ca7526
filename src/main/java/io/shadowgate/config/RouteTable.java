package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the route of a request: the first configured route that matches, else the default, which
 * compares as the top-level {@code compare} section says under the label
 * {@value RouteConfig#DEFAULT_LABEL}. Immutable; safe on every thread.
 */
public final class RouteTable {
    private final List<RouteConfig> routes;
    private final RouteConfig fallback;

    public RouteTable(List<RouteConfig> routes, CompareConfig compare) {
        this.routes = List.copyOf(routes);
        this.fallback = new RouteConfig(Optional.of(RouteConfig.DEFAULT_LABEL),
                new RouteMatch("/*", Optional.empty()), RouteCompareConfig.json(requireNonNull(compare, "compare")));
    }

    /** The route of a request; {@code path} may still carry its query, which is not matched. */
    public RouteConfig route(String method, String path) {
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        for (RouteConfig route : routes) {
            if (route.match().matches(method, bare)) {
                return route;
            }
        }
        return fallback;
    }

    /** Every label a request can get: the configured routes' and the default's, in order, without repeats. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (RouteConfig route : routes) {
            if (!labels.contains(route.label())) {
                labels.add(route.label());
            }
        }
        if (!labels.contains(fallback.label())) {
            labels.add(fallback.label());
        }
        return labels;
    }

    /** The configured routes, in order (without the default). */
    public List<RouteConfig> routes() {
        return routes;
    }

    /** The route of requests that match none. */
    public RouteConfig fallback() {
        return fallback;
    }
}
