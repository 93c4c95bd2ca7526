package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One entry of {@code routes:}: the requests it takes and how their answers are compared.
 *
 * @param name the route's label on metrics and its filter on {@code /mismatches}; empty: its pattern
 * @param match which requests
 * @param compare how their answers are compared
 */
public record RouteConfig(Optional<String> name, RouteMatch match, RouteCompareConfig compare) {
    /** The label of requests that match no configured route. */
    public static final String DEFAULT_LABEL = "default";

    public RouteConfig {
        requireNonNull(name, "name");
        requireNonNull(match, "match");
        requireNonNull(compare, "compare");
    }

    /** What metrics and {@code /mismatches} call it: its name, else its pattern (never a raw request path). */
    public String label() {
        return name.orElseGet(match::toString);
    }
}
