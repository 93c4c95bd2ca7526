package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import io.shadowgate.evidence.MatchRateWindow;
import io.shadowgate.evidence.MismatchLog;
import io.shadowgate.evidence.MismatchLog.PathKind;
import io.shadowgate.compare.NoisyPath;
import io.shadowgate.evidence.NoisyPaths;
import io.shadowgate.evidence.RouteNoise;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /mismatches/summary}: the match rate over its window, difference counts per path and
 * kind since start (most frequent first), and the noise baseline: how often two stable answers to
 * the same request differed, and where. A path in {@code noisyPaths} differs without any candidate
 * involved, so its differences say little about the candidate. {@code treatedAsNoise} lists the
 * paths whose differences count as matches for the gate, and why: {@code measured}, with the
 * stable-versus-stable rate, its lower confidence bound and the comparisons behind it, or
 * {@code configured} in {@code compare.noisyPaths}.
 *
 * <p>With several candidates, {@code matchRate} and {@code differences} are the rollout's
 * candidate's and {@code candidates} has both for each candidate by name; {@code ?candidate=green}
 * answers for that one instead (an unknown name is a 404 listing the known ones). The noise
 * baseline is stable's own, the same for every candidate.
 */
public final class MismatchSummaryRoute implements AdminRoute {
    private final Map<String, Candidate> candidates;
    private final String rolloutCandidate;
    private final RouteNoise noise;

    /** What the summary reads of one candidate; its log also holds the noise baseline when it is the rollout's. */
    public record Candidate(MismatchLog log, MatchRateWindow window) {
        public Candidate {
            requireNonNull(log, "log");
            requireNonNull(window, "window");
        }
    }

    /** One candidate, named {@code candidate}, as with the {@code candidate:} shorthand. */
    public MismatchSummaryRoute(MismatchLog log, MatchRateWindow window, NoisyPaths noise) {
        this(Map.of("candidate", new Candidate(log, window)), "candidate", RouteNoise.of(noise));
    }

    /**
     * @param candidates each candidate by name, in configured order
     * @param rolloutCandidate the name of the one the rollout drives, whose mirror keeps the noise baseline
     */
    public MismatchSummaryRoute(Map<String, Candidate> candidates, String rolloutCandidate, RouteNoise noise) {
        this.candidates = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(candidates, "candidates")));
        this.rolloutCandidate = requireNonNull(rolloutCandidate, "rolloutCandidate");
        if (!this.candidates.containsKey(rolloutCandidate)) {
            throw new IllegalArgumentException("rolloutCandidate: " + rolloutCandidate + " is not among " + candidates.keySet());
        }
        this.noise = requireNonNull(noise, "noise");
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        Optional<String> asked = MismatchesRoute.candidate(request);
        if (asked.isPresent() && !candidates.containsKey(asked.get())) {
            return MismatchesRoute.unknownCandidate(asked.get(), candidates.keySet());
        }
        Optional<String> route = request.param("route").map(String::trim);
        if (route.isPresent() && !this.noise.routes().contains(route.get())) {
            return MismatchesRoute.unknownRoute(route.get(), this.noise.routes());
        }
        Candidate shown = candidates.get(asked.orElse(rolloutCandidate));
        MismatchLog log = candidates.get(rolloutCandidate).log(); // the noise baseline's
        MismatchLog.NoiseTotals noiseTotals = log.noiseTotals();
        Map<String, Object> noise = new LinkedHashMap<>();
        noise.put("comparisons", noiseTotals.comparisons());
        noise.put("mismatches", noiseTotals.mismatches());
        noise.put("noisyPaths", counts(log.noisyPaths()));
        noise.put("floor", this.noise.floor());
        noise.put("treatedAsNoise", this.noise.explain().stream().map(MismatchSummaryRoute::reason).toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("candidate", asked.orElse(rolloutCandidate));
        body.put("matchRate", matchRate(shown.window()));
        route.ifPresent(label -> body.put("route", label));
        body.put("differences", counts(differences(shown.log(), route)));
        body.put("noise", noise);
        if (asked.isEmpty()) {
            Map<String, Object> each = new LinkedHashMap<>();
            candidates.forEach((name, candidate) -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("rollout", name.equals(rolloutCandidate));
                json.put("matchRate", matchRate(candidate.window()));
                json.put("differences", counts(differences(candidate.log(), route)));
                each.put(name, json);
            });
            body.put("candidates", each);
        }
        return AdminResponse.json(200, body);
    }

    private static Map<PathKind, Long> differences(MismatchLog log, Optional<String> route) {
        return route.map(log::differenceCounts).orElseGet(log::differenceCounts);
    }

    private static Map<String, Object> matchRate(MatchRateWindow window) {
        MatchRateWindow.Counts counts = window.counts();
        Map<String, Object> matchRate = new LinkedHashMap<>();
        matchRate.put("windowSeconds", window.window().toSeconds());
        matchRate.put("comparisons", counts.comparisons());
        matchRate.put("matches", counts.matches());
        matchRate.put("rate", counts.comparisons() == 0 ? null : counts.rate());
        return matchRate;
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
