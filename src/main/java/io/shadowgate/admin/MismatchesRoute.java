package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.BodyHeaders;
import io.shadowgate.compare.BytesDiff;
import io.shadowgate.compare.Difference;
import io.shadowgate.evidence.MismatchLog;
import io.shadowgate.compare.MismatchSample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /mismatches?limit=20}: the newest mismatch samples, newest first, each with both
 * statuses and latencies (and each answer's Content-Type and Content-Encoding), its differences
 * (path, kind, stable and candidate values), for bodies compared as bytes their lengths, SHA-256
 * digests and a hex preview of the first difference ({@code bytes}), notes on how the bodies were
 * compared, and the request body with {@code compare.redact} applied, cut to
 * {@code compare.sampleRequestBytes}. Needs the admin token: samples hold client data.
 */
public final class MismatchesRoute implements AdminRoute {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    private final MismatchLog log;

    public MismatchesRoute(MismatchLog log) {
        this.log = requireNonNull(log, "log");
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        int limit = request.param("limit").map(MismatchesRoute::limit).orElse(DEFAULT_LIMIT);
        if (limit < 1) {
            return AdminResponse.error(400, "bad_limit", "limit: \"" + request.param("limit").orElseThrow()
                    + "\" (expected: an integer 1.." + MAX_LIMIT + ")");
        }
        return AdminResponse.json(200, body(log.newest(limit)));
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

    private static Map<String, Object> body(List<MismatchSample> newest) {
        List<Map<String, Object>> samples = newest.stream().map(MismatchesRoute::sample).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", samples.size());
        body.put("mismatches", samples);
        return body;
    }

    private static Map<String, Object> sample(MismatchSample sample) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requestId", sample.requestId());
        json.put("time", sample.time().toString());
        json.put("method", sample.method());
        json.put("path", sample.path());
        json.put("stable", side(sample.stableStatus(), sample.stableLatencyMillis(), sample.stableBody()));
        json.put("candidate", side(sample.candidateStatus(), sample.candidateLatencyMillis(), sample.candidateBody()));
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
