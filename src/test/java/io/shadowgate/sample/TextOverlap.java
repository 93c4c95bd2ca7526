package io.shadowgate.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ROUGE-L F1 between two texts, computed the textbook way (longest common subsequence of
 * lower-cased word tokens, harmonic mean of its share of each text), so the drift tests measure
 * with a yardstick independent of the gateway's comparators.
 */
final class TextOverlap {
    private TextOverlap() {}

    static double rougeL(String a, String b) {
        List<String> x = tokens(a);
        List<String> y = tokens(b);
        if (x.isEmpty() || y.isEmpty()) {
            return x.isEmpty() && y.isEmpty() ? 1 : 0;
        }
        int[][] lcs = new int[x.size() + 1][y.size() + 1];
        for (int i = 1; i <= x.size(); i++) {
            for (int j = 1; j <= y.size(); j++) {
                lcs[i][j] = x.get(i - 1).equals(y.get(j - 1)) ? lcs[i - 1][j - 1] + 1 : Math.max(lcs[i - 1][j], lcs[i][j - 1]);
            }
        }
        double common = lcs[x.size()][y.size()];
        if (common == 0) {
            return 0;
        }
        double precision = common / x.size();
        double recall = common / y.size();
        return 2 * precision * recall / (precision + recall);
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9']+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
