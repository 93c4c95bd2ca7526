package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.Difference;
import io.shadowgate.compare.MismatchLog;
import io.shadowgate.compare.MismatchSample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /mismatches?limit=20}: the newest mismatch samples, newest first, each with both
 * statuses and latencies, its differences (path, kind, stable and candidate values) and the request
 * body with {@code compare.redact} applied. Needs the admin token: samples hold client data.
 */
public final class MismatchesRoute implements AdminRoute {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    private final MismatchLog log;

    public MismatchesRoute(MismatchLog log) {
        this.log = requireNonNull(log, "log");
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return "/mismatches";
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        List<String> limits = request.query().getOrDefault("limit", List.of());
        int limit = DEFAULT_LIMIT;
        if (!limits.isEmpty()) {
            String text = limits.get(limits.size() - 1);
            try {
                limit = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                return AdminResponse.error(400, "bad_limit",
                        "limit: \"" + text + "\" (expected: an integer 1.." + MAX_LIMIT + ")");
            }
        }
        List<Map<String, Object>> samples = log.newest(limit).stream().map(MismatchesRoute::sample).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", samples.size());
        body.put("mismatches", samples);
        return AdminResponse.json(200, body);
    }

    private static Map<String, Object> sample(MismatchSample sample) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requestId", sample.requestId());
        json.put("time", sample.time().toString());
        json.put("method", sample.method());
        json.put("path", sample.path());
        json.put("stable", Map.of("status", sample.stableStatus(), "latencyMs", sample.stableLatencyMillis()));
        json.put("candidate", Map.of("status", sample.candidateStatus(), "latencyMs", sample.candidateLatencyMillis()));
        json.put("totalDifferences", sample.totalDifferences());
        json.put("differences", sample.differences().stream().map(MismatchesRoute::difference).toList());
        json.put("requestBody", sample.requestBody());
        return json;
    }

    private static Map<String, Object> difference(Difference difference) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", difference.path());
        json.put("kind", difference.kind().label());
        json.put("stable", difference.stable());
        json.put("candidate", difference.candidate());
        return json;
    }
}
