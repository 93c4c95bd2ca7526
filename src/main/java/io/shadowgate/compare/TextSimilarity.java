package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import io.shadowgate.config.TextMetric;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Similarity of two texts in [0, 1], 1 for equal texts, by the metrics computed locally. Each text
 * is first cut to {@code maxChars} code points (never inside a surrogate pair), which bounds the
 * quadratic metrics; tokens are as {@link TextTokens} splits them (lower-cased runs of letters and
 * digits).
 * <ul>
 *   <li>{@link TextMetric#EDIT}: 1 - Levenshtein distance / the longer length, on code points;</li>
 *   <li>{@link TextMetric#TOKEN_F1}: F1 of the two token multisets, {@code 2 * overlap / (|a| + |b|)}
 *       where the overlap counts each token as often as the rarer side has it;</li>
 *   <li>{@link TextMetric#ROUGE_L}: F-measure (beta 1) of the longest common subsequence of the
 *       token sequences, {@code 2 * lcs / (|a| + |b|)}.</li>
 * </ul>
 * Two texts with nothing to measure (both empty, or both without a token) score 1; one such text
 * against one with content scores 0. Edit distance and LCS keep two rows, memory O(min(n, m)).
 * {@link TextMetric#EMBEDDING} needs a model and is scored through a {@link TextEmbedder}.
 */
public final class TextSimilarity {
    private TextSimilarity() {}

    /** @throws IllegalArgumentException for {@link TextMetric#EMBEDDING} or {@code maxChars < 1} */
    public static double score(TextMetric metric, String a, String b, int maxChars) {
        requireNonNull(metric, "metric");
        String left = TextTokens.cut(requireNonNull(a, "a"), maxChars);
        String right = TextTokens.cut(requireNonNull(b, "b"), maxChars);
        return switch (metric) {
            case EDIT -> edit(left, right);
            case TOKEN_F1 -> tokenF1(TextTokens.tokens(left), TextTokens.tokens(right));
            case ROUGE_L -> rougeL(TextTokens.tokens(left), TextTokens.tokens(right));
            case EMBEDDING -> throw new IllegalArgumentException("metric: embedding (expected: edit, token-f1 or "
                    + "rouge-l; embeddings are scored through a TextEmbedder)");
        };
    }

    /**
     * The cosine similarity of two vectors of one dimension, clamped to [0, 1]: opposite or
     * orthogonal vectors both score 0. Two zero vectors are equal (1); a zero vector against
     * another is 0.
     */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimensions " + a.length + " and " + b.length + " (expected: equal)");
        }
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        if (normA == 0 || normB == 0) {
            return normA == normB ? 1 : 0;
        }
        // One square root of the product: equal vectors then score exactly 1 (x / sqrt(x * x)).
        double cosine = dot / Math.sqrt(normA * normB);
        return Double.isNaN(cosine) ? 0 : Math.max(0, Math.min(1, cosine));
    }

    private static double edit(String a, String b) {
        int[] left = a.codePoints().toArray();
        int[] right = b.codePoints().toArray();
        if (left.length < right.length) {
            int[] swap = left;
            left = right;
            right = swap;
        }
        if (left.length == 0) {
            return 1;
        }
        // Rows run over the shorter text: memory O(min(n, m)).
        int[] previous = new int[right.length + 1];
        int[] current = new int[right.length + 1];
        for (int j = 0; j <= right.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= left.length; i++) {
            current[0] = i;
            for (int j = 1; j <= right.length; j++) {
                int substitute = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return 1 - (double) previous[right.length] / left.length;
    }

    private static double tokenF1(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty() ? 1 : 0;
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String token : a) {
            counts.merge(token, 1, Integer::sum);
        }
        int overlap = 0;
        for (String token : b) {
            Integer left = counts.get(token);
            if (left != null && left > 0) {
                overlap++;
                counts.put(token, left - 1);
            }
        }
        // precision overlap/|b|, recall overlap/|a|: their harmonic mean simplifies to this.
        return 2.0 * overlap / (a.size() + b.size());
    }

    private static double rougeL(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty() ? 1 : 0;
        }
        // Tokens as small ints: the quadratic loop compares ints, not strings.
        Map<String, Integer> ids = new HashMap<>();
        int[] left = ids(a, ids);
        int[] right = ids(b, ids);
        if (left.length < right.length) {
            int[] swap = left;
            left = right;
            right = swap;
        }
        int[] previous = new int[right.length + 1];
        int[] current = new int[right.length + 1];
        for (int i = 1; i <= left.length; i++) {
            for (int j = 1; j <= right.length; j++) {
                current[j] = left[i - 1] == right[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        int lcs = previous[right.length];
        // recall lcs/|a|, precision lcs/|b|, F with beta 1: 2PR/(P+R) = 2 lcs/(|a|+|b|).
        return 2.0 * lcs / (a.size() + b.size());
    }

    private static int[] ids(List<String> tokens, Map<String, Integer> ids) {
        int[] result = new int[tokens.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = ids.computeIfAbsent(tokens.get(i), token -> ids.size());
        }
        return result;
    }
}
