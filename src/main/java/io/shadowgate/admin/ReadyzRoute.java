package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /readyz}: 200 when the proxy listens and the stable upstream answered recently, else
 * 503 with the reason, so a load balancer stops sending traffic a broken gateway cannot serve.
 */
public final class ReadyzRoute implements AdminRoute {
    private final ReadinessCheck check;

    public ReadyzRoute(ReadinessCheck check) {
        this.check = requireNonNull(check, "check");
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        Optional<String> reason = check.notReadyReason();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", reason.isEmpty() ? "ready" : "not_ready");
        reason.ifPresent(r -> body.put("reason", r));
        return AdminResponse.json(reason.isEmpty() ? 200 : 503, body);
    }
}
