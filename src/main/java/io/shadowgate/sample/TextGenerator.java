package io.shadowgate.sample;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates text from a {@link MarkovText}: continues the prompt's last known words, picking each
 * next word from the chain's counts at the request's temperature (0 picks the most frequent word,
 * so the text is fixed; higher values flatten the distribution), and stops at a sentence end once
 * {@code minTokens} words are out ({@code "stop"}) or at {@code maxTokens} ({@code "length"}).
 * Randomness comes only from the {@link SplittableRandom} the caller passes, so a seeded request
 * repeats exactly. Immutable and thread-safe.
 */
final class TextGenerator {
    private final MarkovText text;
    private final LlmDrift drift;

    /** One generated answer: its words (with their punctuation) and OpenAI's finish reason. */
    record Generation(List<String> words, String finishReason) {
        /** The words joined by single spaces. */
        String text() {
            return String.join(" ", words);
        }
    }

    TextGenerator(MarkovText text, LlmDrift drift) {
        this.text = requireNonNull(text, "text");
        this.drift = requireNonNull(drift, "drift");
    }

    Generation generate(String prompt, double temperature, int maxTokens, int minTokens, SplittableRandom random) {
        int limit = maxTokens;
        int min = Math.min(minTokens, maxTokens);
        if (drift == LlmDrift.LENGTH) {
            // The drifted model ends early of its own accord: that is a "stop", not a cut by max_tokens.
            limit = Math.max(1, (maxTokens + 3) / 4);
            min = 0;
        }
        List<String> out = new ArrayList<>();
        String first = null;
        String previous = null;
        String last = null;
        String[] context = MarkovText.words(prompt);
        for (int i = context.length - 1; i >= 0 && last == null; i--) {
            String word = MarkovText.normalize(context[i]);
            if (text.knows(word)) {
                last = word;
                String before = i > 0 ? MarkovText.normalize(context[i - 1]) : null;
                previous = text.after(before, word) != null ? before : null;
                String earlier = previous != null && i > 1 ? MarkovText.normalize(context[i - 2]) : null;
                first = text.after(earlier, previous, word) != null ? earlier : null;
            }
        }
        while (out.size() < limit) {
            String next;
            if (last == null) {
                // An unknown prompt: open with one of the text's sentence starts, fixed per prompt when greedy.
                int pick = temperature == 0 ? prompt.hashCode() : random.nextInt(text.sentenceStarts());
                next = text.sentenceStart(pick);
            } else {
                MarkovText.Successors successors = text.after(first, previous, last);
                if (successors == null) {
                    successors = text.after(previous, last);
                }
                if (successors == null) {
                    successors = text.after(last);
                }
                next = successors == null ? text.sentenceStart(random.nextInt(text.sentenceStarts()))
                        : choose(successors, temperature, random);
            }
            if (drift == LlmDrift.VOCABULARY && random.nextDouble() < LlmDrift.VOCABULARY_SHARE) {
                next = replaceWord(next, text.vocabularyWord(random.nextInt(text.vocabularySize())));
            }
            out.add(next);
            if (out.size() >= min && (MarkovText.endsSentence(next) || drift == LlmDrift.LENGTH && MarkovText.endsClause(next))) {
                return new Generation(out, "stop");
            }
            first = previous;
            previous = last;
            last = MarkovText.normalize(next);
        }
        return new Generation(out, drift == LlmDrift.LENGTH ? "stop" : "length");
    }

    /**
     * A successor drawn with probability proportional to {@code count^(1/temperature)}: at 1 the
     * text's own frequencies, below 1 sharper, above 1 flatter; at 0 the first most frequent one.
     */
    static String choose(MarkovText.Successors successors, double temperature, SplittableRandom random) {
        int[] counts = successors.counts();
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        if (temperature == 0 || counts.length == 1) {
            return successors.words()[best];
        }
        // Relative to the largest count so count^(1/t) cannot overflow at small temperatures.
        double[] weights = new double[counts.length];
        double total = 0;
        double top = Math.log(counts[best]);
        for (int i = 0; i < counts.length; i++) {
            weights[i] = Math.exp((Math.log(counts[i]) - top) / temperature);
            total += weights[i];
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return successors.words()[i];
            }
        }
        return successors.words()[weights.length - 1];
    }

    /** {@code replacement} wearing the original word's trailing punctuation, so sentences still end where they did. */
    private static String replaceWord(String original, String replacement) {
        int end = original.length();
        while (end > 0 && !Character.isLetterOrDigit(original.charAt(end - 1))) {
            end--;
        }
        return replacement + original.substring(end);
    }
}
