package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import io.shadowgate.config.CompareConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which collapsed paths are noise: those where stable differs from itself often enough, and those
 * listed in {@code compare.noisyPaths}. A path is measured noisy when the lower confidence bound
 * of its stable-versus-stable difference rate (comparisons of the noise baseline that differed
 * there, over all of them) exceeds {@code compare.noiseFloor}; a bound, not the rate, so that a few
 * unlucky comparisons do not hide a candidate's real differences. With {@code compare.noise: off}
 * nothing is noise.
 *
 * <p>Thread-safe. The comparison thread asks {@link #isNoisy} for every path of every mismatch,
 * so that is one read of an immutable set. Bounds are cached per path and recomputed only in
 * {@link #baseline}, only where the answer can change: the paths that just differed (their bound
 * may rise) and the paths noisy so far (theirs falls as comparisons without them accrue). Any
 * other path's bound only falls, and it was already at or below the floor.
 */
public final class NoisyPaths {
    /** Distinct paths measured; later new ones are never noisy, so free-form output cannot grow memory. */
    static final int MAX_TRACKED_PATHS = 1000;

    private final boolean enabled;
    private final double floor;
    private final RateLowerBound bound;
    private final List<PathPattern> configured;
    private final Map<String, PathRate> rates = new HashMap<>();
    private long comparisons;
    private volatile Set<String> noisy = Set.of();

    private NoisyPaths(boolean enabled, double floor, RateLowerBound bound, List<String> configured) {
        this.enabled = enabled;
        this.floor = floor;
        this.bound = requireNonNull(bound, "bound");
        this.configured = enabled ? PathPattern.compileAll(configured) : List.of();
    }

    /** The classification the configuration asks for, with {@code bound} as its statistics. */
    public static NoisyPaths of(CompareConfig config, RateLowerBound bound) {
        requireNonNull(config, "config");
        return new NoisyPaths(config.noise() == CompareConfig.Noise.AUTO, config.noiseFloor(), bound,
                config.noisyPaths());
    }

    /** Nothing is ever noise: every difference counts, as before noise handling existed. */
    public static NoisyPaths off() {
        return new NoisyPaths(false, 1, (successes, n) -> 0, List.of());
    }

    /** One stable-versus-stable comparison of the noise baseline. */
    public synchronized void baseline(Comparison comparison) {
        requireNonNull(comparison, "comparison");
        if (!enabled) {
            return;
        }
        comparisons++;
        Set<String> differing = new HashSet<>();
        for (Difference difference : comparison.differences()) {
            differing.add(difference.collapsedPath());
        }
        Set<String> next = new HashSet<>(noisy);
        for (String path : differing) {
            PathRate rate = rates.get(path);
            if (rate == null) {
                if (rates.size() >= MAX_TRACKED_PATHS) {
                    continue;
                }
                rate = new PathRate();
                rates.put(path, rate);
            }
            rate.differing++;
            classify(path, rate, next);
        }
        for (String path : noisy) {
            if (!differing.contains(path)) {
                classify(path, rates.get(path), next);
            }
        }
        if (!next.equals(noisy)) {
            noisy = Set.copyOf(next);
        }
    }

    private void classify(String path, PathRate rate, Set<String> noisyPaths) {
        rate.lowerBound = bound.lower(rate.differing, comparisons);
        if (rate.lowerBound > floor) {
            noisyPaths.add(path);
        } else {
            noisyPaths.remove(path);
        }
    }

    /** The floor a path's lower bound must exceed to be noisy. */
    public double floor() {
        return floor;
    }

    /** Whether the baseline shows this collapsed path to be noisy; the configured patterns are not asked. */
    public boolean isNoisy(String collapsedPath) {
        return noisy.contains(collapsedPath);
    }

    /**
     * Where a candidate's comparison differed, less what the configured patterns cover (they are
     * matched against the uncollapsed paths, so a pattern may name one index). Unknown when noise
     * is off or the comparison did not record all its differences.
     */
    public MismatchPaths mismatchPaths(Comparison comparison) {
        if (!enabled || comparison.truncated()) {
            return MismatchPaths.UNKNOWN;
        }
        Set<String> paths = new LinkedHashSet<>();
        for (Difference difference : comparison.differences()) {
            if (!configuredCovers(difference.path())) {
                paths.add(difference.collapsedPath());
            }
        }
        return MismatchPaths.of(paths);
    }

    /** Whether a comparison that found differences found them only on noisy paths, as of now. */
    public boolean onlyNoise(Comparison comparison) {
        return !comparison.matches() && mismatchPaths(comparison).allNoisy(this::isNoisy);
    }

    private boolean configuredCovers(String pointer) {
        if (configured.isEmpty()) {
            return false;
        }
        NodePath path = NodePath.of(pointer);
        for (PathPattern pattern : configured) {
            if (pattern.coversOrIsAbove(path)) {
                return true;
            }
        }
        return false;
    }

    /** The configured patterns, then the measured noisy paths, the most often differing first. */
    public synchronized List<NoisyPath> explain() {
        List<NoisyPath> explained = new ArrayList<>();
        configured.forEach(pattern -> explained.add(NoisyPath.configured(pattern.toString())));
        noisy.stream()
                .map(path -> new NoisyPath(path, false, comparisons, rates.get(path).differing,
                        rates.get(path).lowerBound))
                .sorted(Comparator.comparingLong(NoisyPath::differing).reversed().thenComparing(NoisyPath::path))
                .forEach(explained::add);
        return explained;
    }

    /** The baseline's count at one path, and its bound when last computed. Guarded by the owner's lock. */
    private static final class PathRate {
        long differing;
        double lowerBound;
    }
}
