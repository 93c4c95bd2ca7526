package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An admin request as routes see it: no Netty types, so a route can be tested by calling it.
 *
 * @param query decoded query parameters, each name with all its values
 * @param body  the request body (empty when none)
 */
public record AdminRequest(String method, String path, Map<String, List<String>> query, byte[] body) {
    public AdminRequest {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        query = Map.copyOf(requireNonNull(query, "query"));
        requireNonNull(body, "body");
    }

    /** A query parameter's value; when it is repeated, the last one counts. */
    public Optional<String> param(String name) {
        List<String> values = query.getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }
}
