package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.MatchRateWindow;
import io.shadowgate.compare.MismatchLog;
import io.shadowgate.compare.MismatchLog.PathKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /mismatches/summary}: the match rate over its window, difference counts per path and
 * kind since start (most frequent first), and the noise baseline: how often two stable answers to
 * the same request differed, and where. A path in {@code noisyPaths} differs without any candidate
 * involved, so its differences say little about the candidate.
 */
public final class MismatchSummaryRoute implements AdminRoute {
    private final MismatchLog log;
    private final MatchRateWindow window;

    public MismatchSummaryRoute(MismatchLog log, MatchRateWindow window) {
        this.log = requireNonNull(log, "log");
        this.window = requireNonNull(window, "window");
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return "/mismatches/summary";
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        MatchRateWindow.Counts counts = window.counts();
        Map<String, Object> matchRate = new LinkedHashMap<>();
        matchRate.put("windowSeconds", window.window().toSeconds());
        matchRate.put("comparisons", counts.comparisons());
        matchRate.put("matches", counts.matches());
        matchRate.put("rate", counts.comparisons() == 0 ? null : counts.rate());
        MismatchLog.NoiseTotals noiseTotals = log.noiseTotals();
        Map<String, Object> noise = new LinkedHashMap<>();
        noise.put("comparisons", noiseTotals.comparisons());
        noise.put("mismatches", noiseTotals.mismatches());
        noise.put("noisyPaths", counts(log.noisyPaths()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("matchRate", matchRate);
        body.put("differences", counts(log.differenceCounts()));
        body.put("noise", noise);
        return AdminResponse.json(200, body);
    }

    private static List<Map<String, Object>> counts(Map<PathKind, Long> counts) {
        return counts.entrySet().stream().map(entry -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("path", entry.getKey().path());
            json.put("kind", entry.getKey().kind().label());
            json.put("count", entry.getValue());
            return json;
        }).toList();
    }
}
