package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where one candidate mismatch differed, kept so that whoever judges it later can decide whether
 * it was only noise: the collapsed paths of its differences that the configured
 * {@code noisyPaths} do not already cover. {@link #UNKNOWN} when that cannot be said (noise
 * handling is off, or the comparison recorded only some of its differences): such a mismatch is
 * never noise.
 *
 * @param known whether {@code paths} names every place the answers differed
 * @param paths collapsed JSON Pointers; empty and known means every difference was on a configured noisy path
 */
public record MismatchPaths(boolean known, Set<String> paths) {
    public static final MismatchPaths UNKNOWN = new MismatchPaths(false, Set.of());

    public MismatchPaths {
        paths = Set.copyOf(requireNonNull(paths, "paths"));
        if (!known && !paths.isEmpty()) {
            throw new IllegalArgumentException("unknown mismatch paths with paths " + paths);
        }
    }

    public static MismatchPaths of(Collection<String> paths) {
        return new MismatchPaths(true, Set.copyOf(paths));
    }

    /**
     * The mismatch as a whole: {@link PathNoise#NOISY} when every path is noisy, else
     * {@link PathNoise#UNDECIDED} when none is quiet, else (and always for {@link #UNKNOWN})
     * {@link PathNoise#QUIET}: a real difference.
     */
    public PathNoise noise(Function<String, PathNoise> byPath) {
        if (!known) {
            return PathNoise.QUIET;
        }
        PathNoise all = PathNoise.NOISY;
        for (String path : paths) {
            PathNoise noise = byPath.apply(path);
            if (noise == PathNoise.QUIET) {
                return PathNoise.QUIET;
            }
            if (noise == PathNoise.UNDECIDED) {
                all = PathNoise.UNDECIDED;
            }
        }
        return all;
    }

    /** Whether every difference lies on a path the predicate calls noisy; never for {@link #UNKNOWN}. */
    public boolean allNoisy(Predicate<String> noisyPath) {
        if (!known) {
            return false;
        }
        for (String path : paths) {
            if (!noisyPath.test(path)) {
                return false;
            }
        }
        return true;
    }
}
