package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import io.shadowgate.evidence.MatchRateWindow;
import io.shadowgate.evidence.MismatchLog;
import io.shadowgate.evidence.MismatchLog.PathKind;
import io.shadowgate.compare.NoisyPath;
import io.shadowgate.evidence.NoisyPaths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /mismatches/summary}: the match rate over its window, difference counts per path and
 * kind since start (most frequent first), and the noise baseline: how often two stable answers to
 * the same request differed, and where. A path in {@code noisyPaths} differs without any candidate
 * involved, so its differences say little about the candidate. {@code treatedAsNoise} lists the
 * paths whose differences count as matches for the gate, and why: {@code measured}, with the
 * stable-versus-stable rate, its lower confidence bound and the comparisons behind it, or
 * {@code configured} in {@code compare.noisyPaths}.
 */
public final class MismatchSummaryRoute implements AdminRoute {
    private final MismatchLog log;
    private final MatchRateWindow window;
    private final NoisyPaths noise;

    public MismatchSummaryRoute(MismatchLog log, MatchRateWindow window, NoisyPaths noise) {
        this.log = requireNonNull(log, "log");
        this.window = requireNonNull(window, "window");
        this.noise = requireNonNull(noise, "noise");
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
        noise.put("floor", this.noise.floor());
        noise.put("treatedAsNoise", this.noise.explain().stream().map(MismatchSummaryRoute::reason).toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("matchRate", matchRate);
        body.put("differences", counts(log.differenceCounts()));
        body.put("noise", noise);
        return AdminResponse.json(200, body);
    }

    private static Map<String, Object> reason(NoisyPath path) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", path.path());
        json.put("why", path.configured() ? "configured" : "measured");
        if (!path.configured()) {
            json.put("stableRate", path.rate());
            json.put("lowerBound", path.lowerBound());
            json.put("noiseComparisons", path.comparisons());
            json.put("differing", path.differing());
        }
        return json;
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
