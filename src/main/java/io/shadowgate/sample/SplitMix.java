package io.shadowgate.sample;

/** SplitMix64's finalizer: spreads any 64-bit input evenly, so hashes can drive decisions. */
final class SplitMix {
    private SplitMix() {}

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A uniform value in [0, 1) from the top 53 bits of a mixed hash. */
    static double unit(long mixed) {
        return (mixed >>> 11) * 0x1.0p-53;
    }
}
