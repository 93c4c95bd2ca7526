package io.shadowgate.evidence;

import io.shadowgate.compare.Difference;
import io.shadowgate.compare.Comparison;
import io.shadowgate.compare.MismatchSample;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /mismatches} and {@code /mismatches/summary} read: the newest mismatch samples
 * (a fixed number, oldest dropped first), difference counts per collapsed path and kind, and the
 * paths that differ between two answers of the stable model itself (its noise). Counted paths are
 * capped so that free-form model output cannot grow memory without bound. Thread-safe.
 */
public final class MismatchLog {
    /** Distinct (path, kind) pairs counted; later new ones are counted under {@value #OTHER}. */
    static final int MAX_COUNTED_PATHS = 1000;
    static final String OTHER = "other";
    /** A limit of {@link #newest} that takes every sample kept. */
    public static final int ALL = Integer.MAX_VALUE;

    private final int keep;
    private final ArrayDeque<MismatchSample> samples;
    private final Map<String, Map<PathKind, Long>> differencesByRoute = new LinkedHashMap<>();
    private int countedPaths;
    private final Map<PathKind, Long> noise = new HashMap<>();
    private long noiseComparisons;
    private long noiseMismatches;

    public MismatchLog(int keep) {
        this.keep = keep;
        this.samples = new ArrayDeque<>(Math.min(keep, 1024));
    }

    /** Where and how two answers differed, with array indices collapsed to {@code *}. */
    public record PathKind(String path, Difference.Kind kind) {}

    /** Counts the differences of one candidate comparison and keeps its sample. */
    public synchronized void mismatch(MismatchSample sample, List<Difference> found) {
        Map<PathKind, Long> differences = differencesByRoute.computeIfAbsent(sample.route(), route -> new HashMap<>());
        for (Difference difference : found) {
            PathKind key = new PathKind(difference.collapsedPath(), difference.kind());
            if (!differences.containsKey(key) && countedPaths >= MAX_COUNTED_PATHS) {
                key = new PathKind(OTHER, difference.kind());
            }
            if (!differences.containsKey(key)) {
                countedPaths++;
            }
            differences.merge(key, 1L, Long::sum);
        }
        if (keep == 0) {
            return;
        }
        if (samples.size() == keep) {
            samples.removeFirst();
        }
        samples.addLast(sample);
    }

    /** One stable-versus-stable comparison of the noise baseline. */
    public synchronized void noise(Comparison comparison) {
        noiseComparisons++;
        if (!comparison.matches()) {
            noiseMismatches++;
            count(noise, comparison.differences());
        }
    }

    private static void count(Map<PathKind, Long> counts, List<Difference> found) {
        for (Difference difference : found) {
            PathKind key = new PathKind(difference.collapsedPath(), difference.kind());
            if (!counts.containsKey(key) && counts.size() >= MAX_COUNTED_PATHS) {
                key = new PathKind(OTHER, difference.kind());
            }
            counts.merge(key, 1L, Long::sum);
        }
    }

    /** The newest samples first, at most {@code limit}. */
    public synchronized List<MismatchSample> newest(int limit) {
        List<MismatchSample> newest = new ArrayList<>(Math.min(limit, samples.size()));
        Iterator<MismatchSample> it = samples.descendingIterator();
        while (it.hasNext() && newest.size() < limit) {
            newest.add(it.next());
        }
        return newest;
    }

    /** Difference counts by path and kind, of every route, most frequent first. */
    public synchronized Map<PathKind, Long> differenceCounts() {
        Map<PathKind, Long> all = new HashMap<>();
        differencesByRoute.values().forEach(counts -> counts.forEach((key, count) -> all.merge(key, count, Long::sum)));
        return sorted(all);
    }

    /** Difference counts by path and kind of one route (by its label), most frequent first. */
    public synchronized Map<PathKind, Long> differenceCounts(String route) {
        return sorted(differencesByRoute.getOrDefault(route, Map.of()));
    }

    /** Paths that differed between two stable answers, most frequent first. */
    public synchronized Map<PathKind, Long> noisyPaths() {
        return sorted(noise);
    }

    /** Noise-baseline comparisons and how many of them differed. */
    public synchronized NoiseTotals noiseTotals() {
        return new NoiseTotals(noiseComparisons, noiseMismatches);
    }

    public record NoiseTotals(long comparisons, long mismatches) {}

    private static Map<PathKind, Long> sorted(Map<PathKind, Long> counts) {
        Map<PathKind, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<PathKind, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(e -> e.getKey().path()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
