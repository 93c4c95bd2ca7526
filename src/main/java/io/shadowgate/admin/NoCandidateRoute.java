package io.shadowgate.admin;

/**
 * Stands in for a route that needs a candidate when none is configured, so the operator learns
 * why there is nothing to see instead of meeting a bare 404. Stateless: one instance can answer
 * every row that needs a candidate.
 */
public final class NoCandidateRoute implements AdminRoute {
    @Override
    public AdminResponse handle(AdminRequest request) {
        return AdminResponse.error(409, "no_candidate",
                "no candidate is configured, so nothing is mirrored or compared: add a candidate section (url) to the config");
    }
}
