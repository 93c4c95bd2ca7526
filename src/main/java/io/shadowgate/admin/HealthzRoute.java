package io.shadowgate.admin;

import java.util.Map;

/** {@code GET /healthz}: 200 while the process lives and its admin loop answers. */
public final class HealthzRoute implements AdminRoute {
    @Override
    public AdminResponse handle(AdminRequest request) {
        return AdminResponse.json(200, Map.of("status", "ok"));
    }
}
