package io.shadowgate.evidence;

import io.shadowgate.compare.NoisyPath;
import io.shadowgate.compare.RateLowerBound;
import io.shadowgate.compare.Difference;
import io.shadowgate.compare.PathPattern;
import io.shadowgate.compare.NodePath;
import io.shadowgate.compare.Comparison;
import io.shadowgate.compare.MismatchPaths;
import io.shadowgate.compare.PathNoise;
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
 * listed in {@code compare.noisyPaths}. A path is measured {@link PathNoise#NOISY} when the lower
 * confidence bound of its stable-versus-stable difference rate (comparisons of the noise baseline
 * that differed there, over all of them) exceeds {@code compare.noiseFloor}; a bound, not the rate,
 * so that a few unlucky comparisons do not hide a candidate's real differences. It is
 * {@link PathNoise#QUIET} once the upper bound is at or below the floor, and
 * {@link PathNoise#UNDECIDED} in between, as is every path while the baseline has fewer than
 * {@value #WARM_UP} comparisons. Without a baseline every path is quiet; with
 * {@code compare.noise: off} nothing is noise.
 *
 * <p>Thread-safe. The comparison thread and the controller ask {@link #classify} for every path
 * of every mismatch, so that is a read of two immutable sets. Bounds are computed in
 * {@link #baseline} only where the answer can change: the paths that just differed (their bounds
 * rise), the noisy ones (their lower bound falls as comparisons without them accrue), and the
 * undecided ones, which turn quiet at a count of comparisons worked out once per difference. Any
 * other path's bounds only fall, and it was already quiet.
 */
public final class NoisyPaths {
    /** Distinct paths measured; later new ones are never noisy, so free-form output cannot grow memory. */
    static final int MAX_TRACKED_PATHS = 1000;
    /**
     * Baseline comparisons before a path the baseline has not seen differ counts as quiet: a field
     * that differs in one answer of seven or more shows up within 20 comparisons 95% of the time
     * (0.86^20 < 0.05), so a random id or timestamp cannot roll a candidate back in a young
     * gateway's first seconds, while a real difference waits only for 20 noise copies.
     */
    static final int WARM_UP = 20;
    /** When a path whose upper bound never reaches the floor (a floor of 0) turns quiet. */
    private static final long NEVER = Long.MAX_VALUE;

    private final boolean enabled;
    private final boolean measuring;
    private final double floor;
    private final RateLowerBound bound;
    private final List<PathPattern> configured;
    private final Map<String, PathRate> rates = new HashMap<>();
    private volatile long comparisons;
    private volatile Set<String> noisy = Set.of();
    private volatile Set<String> undecided = Set.of();

    private NoisyPaths(boolean enabled, boolean measuring, double floor, RateLowerBound bound, List<String> configured) {
        this.enabled = enabled;
        this.measuring = enabled && measuring;
        this.floor = floor;
        this.bound = requireNonNull(bound, "bound");
        this.configured = enabled ? PathPattern.compileAll(configured) : List.of();
    }

    /** The classification the configuration asks for, with {@code bound} as its statistics. */
    public static NoisyPaths of(CompareConfig config, RateLowerBound bound) {
        requireNonNull(config, "config");
        return new NoisyPaths(config.noise() == CompareConfig.Noise.AUTO, config.noisePercent() > 0,
                config.noiseFloor(), bound, config.noisyPaths());
    }

    /** Nothing is ever noise: every difference counts, as before noise handling existed. */
    public static NoisyPaths off() {
        return new NoisyPaths(false, false, 1, (successes, n) -> 0, List.of());
    }

    /** One stable-versus-stable comparison of the noise baseline. */
    public synchronized void baseline(Comparison comparison) {
        requireNonNull(comparison, "comparison");
        if (!enabled) {
            return;
        }
        long n = comparisons + 1;
        Set<String> differing = new HashSet<>();
        for (Difference difference : comparison.differences()) {
            if (canBeNoise(difference)) {
                differing.add(difference.collapsedPath());
            }
        }
        Set<String> nextNoisy = new HashSet<>(noisy);
        Set<String> nextUndecided = new HashSet<>(undecided);
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
            classify(path, rate, n, nextNoisy, nextUndecided);
        }
        for (String path : noisy) {
            if (!differing.contains(path)) {
                classify(path, rates.get(path), n, nextNoisy, nextUndecided);
            }
        }
        for (String path : undecided) {
            if (!differing.contains(path) && n >= rates.get(path).quietAt) {
                nextUndecided.remove(path);
            }
        }
        comparisons = n;
        if (!nextNoisy.equals(noisy)) {
            noisy = Set.copyOf(nextNoisy);
        }
        if (!nextUndecided.equals(undecided)) {
            undecided = Set.copyOf(nextUndecided);
        }
    }

    private void classify(String path, PathRate rate, long n, Set<String> noisyPaths, Set<String> undecidedPaths) {
        rate.lowerBound = bound.lower(rate.differing, n);
        noisyPaths.remove(path);
        undecidedPaths.remove(path);
        if (rate.lowerBound > floor) {
            noisyPaths.add(path);
            return;
        }
        rate.quietAt = quietAt(rate.differing, n);
        if (n < rate.quietAt) {
            undecidedPaths.add(path);
        }
    }

    /** The first count of comparisons, from {@code n} on, at which {@code differing} has its upper bound at the floor. */
    private long quietAt(long differing, long n) {
        if (bound.upper(differing, n) <= floor) {
            return n;
        }
        long low = n;
        long high = Math.max(2 * n, n + 1);
        while (bound.upper(differing, high) > floor) {
            if (high > Long.MAX_VALUE / 4) {
                return NEVER;
            }
            low = high;
            high *= 2;
        }
        while (high - low > 1) {
            long middle = low + (high - low) / 2;
            if (bound.upper(differing, middle) <= floor) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return high;
    }

    /** The floor a path's lower bound must exceed to be noisy. */
    public double floor() {
        return floor;
    }

    /** Whether the baseline shows this collapsed path to be noisy; the configured patterns are not asked. */
    public boolean isNoisy(String collapsedPath) {
        return noisy.contains(collapsedPath);
    }

    /** What the baseline says of this collapsed path now; the configured patterns are not asked. */
    public PathNoise classify(String collapsedPath) {
        if (noisy.contains(collapsedPath)) {
            return PathNoise.NOISY;
        }
        if (!measuring) {
            return PathNoise.QUIET;
        }
        return comparisons < WARM_UP || undecided.contains(collapsedPath) ? PathNoise.UNDECIDED : PathNoise.QUIET;
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
            if (!canBeNoise(difference)) {
                return MismatchPaths.UNKNOWN;
            }
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

    /**
     * A different status class, or whole answers that differ (text or bytes, compared at the root),
     * is never noise: a stable that answers 429 to some noise copies, or a model whose whole answer
     * varies, would otherwise let a candidate's 400s or garbage pass as noise. A generated text
     * scored below its threshold may be, wherever it is: a sampling model's text differs from
     * itself, and the similarity gate, not the match rate, judges how much the candidate's does.
     */
    private static boolean canBeNoise(Difference difference) {
        return difference.kind() == Difference.Kind.SIMILARITY
                || difference.kind() != Difference.Kind.STATUS && !difference.path().isEmpty();
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

    /**
     * The baseline's count at one path, its lower bound when last computed, and the comparisons at
     * which it turns quiet if it differs no more. Guarded by the owner's lock.
     */
    private static final class PathRate {
        long differing;
        double lowerBound;
        long quietAt;
    }
}
