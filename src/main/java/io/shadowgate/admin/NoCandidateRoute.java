package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

/**
 * Stands in for a route that needs a candidate when none is configured, so the operator learns
 * why there is nothing to see instead of meeting a bare 404.
 */
public final class NoCandidateRoute implements AdminRoute {
    private final String method;
    private final String path;

    public NoCandidateRoute(String method, String path) {
        this.method = requireNonNull(method, "method");
        this.path = requireNonNull(path, "path");
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        return AdminResponse.error(409, "no_candidate",
                "no candidate is configured, so nothing is mirrored or compared: add a candidate section (url) to the config");
    }
}
