package io.shadowgate.compare;

/**
 * Why one path is treated as noise, for {@code /mismatches/summary}: measured by the noise
 * baseline, with the numbers that decided it, or listed in {@code compare.noisyPaths}.
 *
 * @param path a collapsed JSON Pointer (measured) or the pattern as configured
 * @param configured listed in {@code noisyPaths}; the numbers are then 0
 * @param comparisons stable-versus-stable comparisons so far
 * @param differing of those, how many differed at this path
 * @param lowerBound the lower confidence bound of {@code differing / comparisons}, above the floor
 */
public record NoisyPath(String path, boolean configured, long comparisons, long differing, double lowerBound) {
    public static NoisyPath configured(String pattern) {
        return new NoisyPath(pattern, true, 0, 0, 0);
    }

    /** The same reason under another name (a route's label before the path). */
    public NoisyPath withPath(String other) {
        return new NoisyPath(other, configured, comparisons, differing, lowerBound);
    }

    /** {@code differing / comparisons}; 0 for a configured path. */
    public double rate() {
        return comparisons == 0 ? 0 : (double) differing / comparisons;
    }
}
