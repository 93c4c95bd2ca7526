package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /status}: what the gateway is doing now (listeners, upstreams, and later the rollout)
 * as JSON. Needs the admin token when one is set: it names internal addresses.
 */
public final class StatusRoute implements AdminRoute {
    private final Supplier<Map<String, Object>> status;

    public StatusRoute(Supplier<Map<String, Object>> status) {
        this.status = requireNonNull(status, "status");
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        return AdminResponse.json(200, status.get());
    }
}
