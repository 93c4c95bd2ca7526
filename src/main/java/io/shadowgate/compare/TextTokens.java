package io.shadowgate.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts texts to a bound and splits them into tokens. A token is a maximal run of Unicode letters
 * and digits ({@link Character#isLetterOrDigit(int)}), lower-cased in the root locale; everything
 * else (spaces, punctuation, symbols, emoji) separates tokens and is dropped. So {@code "Don't
 * stop!"} is {@code [don, t, stop]}: crude for English contractions, but language-neutral, with
 * no dictionary and the same answer on every JVM.
 */
final class TextTokens {
    private TextTokens() {}

    /** The first {@code maxChars} code points of {@code text}; a surrogate pair is never split. */
    static String cut(String text, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars: " + maxChars + " (expected: >= 1)");
        }
        if (text.length() <= maxChars) {
            return text; // at most as many code points as chars
        }
        try {
            return text.substring(0, text.offsetByCodePoints(0, maxChars));
        } catch (IndexOutOfBoundsException fewerCodePoints) {
            return text;
        }
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (Character.isLetterOrDigit(codePoint)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                tokens.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            tokens.add(text.substring(start).toLowerCase(Locale.ROOT));
        }
        return tokens;
    }
}
