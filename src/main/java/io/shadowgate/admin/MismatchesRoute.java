package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.BodyHeaders;
import io.shadowgate.compare.BytesDiff;
import io.shadowgate.compare.Difference;
import io.shadowgate.evidence.MismatchLog;
import io.shadowgate.compare.MismatchSample;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /mismatches?limit=20&candidate=green&route=chat}: the newest mismatch samples, newest
 * first, of one candidate or (without {@code candidate}) of all of them, of one route or all, each
 * naming its route, its similarity score when its route has one, its candidate
 * ({@code candidate.name}) and with both
 * statuses and latencies (and each answer's Content-Type and Content-Encoding), its differences
 * (path, kind, stable and candidate values), for bodies compared as bytes their lengths, SHA-256
 * digests and a hex preview of the first difference ({@code bytes}), notes on how the bodies were
 * compared, and the request body with {@code compare.redact} applied, cut to
 * {@code compare.sampleRequestBytes}. An unknown candidate is a 404 listing the known ones.
 * Needs the admin token: samples hold client data.
 */
public final class MismatchesRoute implements AdminRoute {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    private final Map<String, MismatchLog> logs;
    private final List<String> routes;

    /** One candidate's samples, named {@code candidate}, as with the {@code candidate:} shorthand. */
    public MismatchesRoute(MismatchLog log) {
        this(Map.of("candidate", requireNonNull(log, "log")));
    }

    /** Each candidate's samples by its name, in configured order; every request on the default route. */
    public MismatchesRoute(Map<String, MismatchLog> logs) {
        this(logs, List.of(MismatchSample.DEFAULT_ROUTE));
    }

    /** Each candidate's samples by its name, in configured order, and the labels {@code ?route=} may name. */
    public MismatchesRoute(Map<String, MismatchLog> logs, List<String> routes) {
        this.logs = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(logs, "logs")));
        this.routes = List.copyOf(routes);
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        int limit = request.param("limit").map(MismatchesRoute::limit).orElse(DEFAULT_LIMIT);
        if (limit < 1) {
            return AdminResponse.error(400, "bad_limit", "limit: \"" + request.param("limit").orElseThrow()
                    + "\" (expected: an integer 1.." + MAX_LIMIT + ")");
        }
        Optional<String> candidate = candidate(request);
        if (candidate.isPresent() && !logs.containsKey(candidate.get())) {
            return unknownCandidate(candidate.get(), logs.keySet());
        }
        Optional<String> route = request.param("route").map(String::trim);
        if (route.isPresent() && !routes.contains(route.get())) {
            return unknownRoute(route.get(), routes);
        }
        return AdminResponse.json(200, body(newest(candidate, route, limit)));
    }

    /** The limit asked for, or -1 when it is not an integer in 1..{@value #MAX_LIMIT}. */
    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text.trim());
            return limit >= 1 && limit <= MAX_LIMIT ? limit : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The newest samples of one candidate, or of all of them by time. */
    private List<Named> newest(Optional<String> candidate, Optional<String> route, int limit) {
        List<Named> newest = new ArrayList<>();
        for (Map.Entry<String, MismatchLog> log : logs.entrySet()) {
            if (candidate.isEmpty() || candidate.get().equals(log.getKey())) {
                // Filtered after the log's own limit: a route with few samples among many shows those it has.
                log.getValue().newest(MismatchLog.ALL).stream()
                        .filter(sample -> route.isEmpty() || route.get().equals(sample.route()))
                        .limit(limit)
                        .forEach(sample -> newest.add(new Named(log.getKey(), sample)));
            }
        }
        // Each log is newest first already; across candidates, by time (stable: ties keep configured order).
        newest.sort(Comparator.comparing((Named named) -> named.sample().time()).reversed());
        return newest.size() > limit ? newest.subList(0, limit) : newest;
    }

    private static Map<String, Object> body(List<Named> newest) {
        List<Map<String, Object>> samples = newest.stream()
                .map(named -> sample(named.candidate(), named.sample())).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", samples.size());
        body.put("mismatches", samples);
        return body;
    }

    private record Named(String candidate, MismatchSample sample) {}

    /** The {@code candidate} query parameter (its last value), if given. */
    static Optional<String> candidate(AdminRequest request) {
        return request.param("candidate").map(String::trim);
    }

    /** The 404 for a {@code candidate} parameter that names none, listing those that exist. */
    static AdminResponse unknownCandidate(String name, Collection<String> known) {
        return AdminResponse.error(404, "unknown_candidate",
                "candidate: \"" + name + "\" (expected: one of " + String.join(", ", known) + ")",
                Map.of("candidates", List.copyOf(known)));
    }

    /** The 404 for a {@code route} parameter that names none, listing the route labels. */
    static AdminResponse unknownRoute(String label, Collection<String> known) {
        return AdminResponse.error(404, "unknown_route",
                "route: \"" + label + "\" (expected: one of " + String.join(", ", known) + ")",
                Map.of("routes", List.copyOf(known)));
    }

    private static Map<String, Object> sample(String candidate, MismatchSample sample) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requestId", sample.requestId());
        json.put("route", sample.route());
        sample.score().ifPresent(score -> json.put("score", score));
        json.put("time", sample.time().toString());
        json.put("method", sample.method());
        json.put("path", sample.path());
        json.put("stable", side(sample.stableStatus(), sample.stableLatencyMillis(), sample.stableBody()));
        Map<String, Object> candidateSide = new LinkedHashMap<>();
        candidateSide.put("name", candidate);
        candidateSide.putAll(side(sample.candidateStatus(), sample.candidateLatencyMillis(), sample.candidateBody()));
        json.put("candidate", candidateSide);
        json.put("totalDifferences", sample.totalDifferences());
        json.put("differences", sample.differences().stream().map(MismatchesRoute::difference).toList());
        sample.bytes().ifPresent(bytes -> json.put("bytes", bytes(bytes)));
        if (!sample.notes().isEmpty()) {
            json.put("notes", sample.notes());
        }
        json.put("requestBody", sample.requestBody());
        return json;
    }

    /** Status and latency, and the body's headers when it sent them (absent ones are left out, not null). */
    private static Map<String, Object> side(int status, double latencyMillis, BodyHeaders body) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("latencyMs", latencyMillis);
        if (body.contentType() != null) {
            json.put("contentType", body.contentType());
        }
        if (body.contentEncoding() != null) {
            json.put("contentEncoding", body.contentEncoding());
        }
        return json;
    }

    /** Bodies compared as bytes: where they first differ, and each side's length, digest and hex there. */
    private static Map<String, Object> bytes(BytesDiff bytes) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("firstDifferenceAt", bytes.firstDifference());
        json.put("previewOffset", bytes.previewOffset());
        json.put("stable", bytesSide(bytes.stable()));
        json.put("candidate", bytesSide(bytes.candidate()));
        return json;
    }

    private static Map<String, Object> bytesSide(BytesDiff.Side side) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("length", side.length());
        json.put("sha256", side.sha256());
        json.put("hex", side.hex());
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
