package io.shadowgate.sample;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A deterministic bag-of-words embedding (the "hashing trick"): each lower-cased word (a run of
 * letters, digits and inner apostrophes) is hashed with a fixed seed into one of {@code dimensions}
 * buckets with a sign, and the counts are L2-normalised. Texts sharing words get a high cosine,
 * texts sharing none a cosine near 0, and the same text always gets the same vector on every
 * machine and JVM (the hash is over UTF-8 bytes, never {@code String.hashCode} of a locale).
 * Stateless and thread-safe.
 */
final class HashedEmbedding {
    static final int DEFAULT_DIMENSIONS = 256;
    static final int MAX_DIMENSIONS = 4096;
    private static final long SEED = 0x5eed_5a3b_1e0d_e11aL;

    private HashedEmbedding() {}

    /** The unit vector of {@code text}, or all zeros when it has no words. */
    static double[] embed(String text, int dimensions) {
        double[] v = new double[dimensions];
        String lower = text.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < lower.length()) {
            if (!Character.isLetterOrDigit(lower.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < lower.length() && (Character.isLetterOrDigit(lower.charAt(i))
                    || lower.charAt(i) == '\'' && i + 1 < lower.length() && Character.isLetterOrDigit(lower.charAt(i + 1)))) {
                i++;
            }
            long h = hash(lower.substring(start, i));
            int bucket = (int) Math.floorMod(h, (long) dimensions);
            v[bucket] += (h & (1L << 63)) == 0 ? 1 : -1;
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        if (norm > 0) {
            double scale = 1 / Math.sqrt(norm);
            for (int k = 0; k < v.length; k++) {
                v[k] *= scale;
            }
        }
        return v;
    }

    /** Number of words {@link #embed} counts in {@code text}, for the usage block. */
    static int tokens(String text) {
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) {
                n++;
            }
            inWord = letter || inWord && text.charAt(i) == '\'';
        }
        return n;
    }

    private static long hash(String word) {
        long h = SEED;
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            h = SplitMix.mix64(h ^ (b & 0xff));
        }
        return SplitMix.mix64(h);
    }
}
