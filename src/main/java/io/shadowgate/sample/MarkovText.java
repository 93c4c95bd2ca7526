package io.shadowgate.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A word-level Markov chain of order three (backing off to two and one words of context), trained once on the bundled text {@code /sample/aesop.txt}
 * (Aesop's Fables in the English of George Fyler Townsend (1867) and Joseph Jacobs (1894), both
 * long in the public domain; see {@code /sample/aesop.README.md}). A word is a run of non-blank
 * characters and keeps its punctuation, so the chain learns where sentences end; the states are
 * keyed by the words' {@linkplain #normalize normal forms}, so a prompt's "wolf" finds the text's
 * "Wolf,". Order three on a small text mostly retells it, which makes the stable model's answers
 * close to each other at moderate temperatures, as a real model's are, so that drift stands out.
 * Training is one pass over ~6,500 words (a few milliseconds). Immutable after training and
 * thread-safe.
 */
final class MarkovText {
    static final String RESOURCE = "/sample/aesop.txt";

    // Loaded once: the text never changes at run time, and every server shares the chain.
    private static final MarkovText BUNDLED = train(readResource());

    /** The words seen after one state, with how often, in order of first appearance. */
    record Successors(String[] words, int[] counts) {}

    private final Map<String, Successors> afterThree;
    private final Map<String, Successors> afterTwo;
    private final Map<String, Successors> afterOne;
    private final String[] sentenceStarts;
    private final String[] vocabulary;

    private MarkovText(Map<String, Successors> afterThree, Map<String, Successors> afterTwo, Map<String, Successors> afterOne,
            String[] sentenceStarts, String[] vocabulary) {
        this.afterThree = afterThree;
        this.afterTwo = afterTwo;
        this.afterOne = afterOne;
        this.sentenceStarts = sentenceStarts;
        this.vocabulary = vocabulary;
    }

    static MarkovText bundled() {
        return BUNDLED;
    }

    /** Trains a chain on {@code text}; tests use it for a tiny, predictable corpus. */
    static MarkovText train(String text) {
        String[] words = words(text);
        if (words.length < 3) {
            throw new IllegalArgumentException("a Markov text needs at least 3 words, got " + words.length);
        }
        Map<String, Map<String, Integer>> three = new HashMap<>();
        Map<String, Map<String, Integer>> two = new HashMap<>();
        Map<String, Map<String, Integer>> one = new HashMap<>();
        List<String> starts = new ArrayList<>();
        LinkedHashMap<String, Boolean> vocabulary = new LinkedHashMap<>();
        starts.add(words[0]);
        String[] normal = new String[words.length];
        for (int i = 0; i < words.length; i++) {
            normal[i] = normalize(words[i]);
            if (!normal[i].isEmpty()) {
                vocabulary.putIfAbsent(normal[i], Boolean.TRUE);
            }
        }
        for (int i = 0; i + 1 < words.length; i++) {
            count(one, normal[i], words[i + 1]);
            if (endsSentence(words[i])) {
                starts.add(words[i + 1]);
            }
            if (i + 2 < words.length) {
                String pair = key(normal[i], normal[i + 1]);
                count(two, pair, words[i + 2]);
                if (i + 3 < words.length) {
                    count(three, key(pair, normal[i + 2]), words[i + 3]);
                }
            }
        }
        return new MarkovText(freeze(three), freeze(two), freeze(one), starts.toArray(new String[0]),
                vocabulary.keySet().toArray(new String[0]));
    }

    /** The words that followed {@code first, previous, last} in the text, or null if that triple never occurred. */
    Successors after(String first, String previous, String last) {
        return first == null || previous == null ? null : afterThree.get(key(key(first, previous), last));
    }

    /** The words that followed {@code previous, last} in the text, or null if that pair never occurred. */
    Successors after(String previous, String last) {
        return previous == null ? null : afterTwo.get(key(previous, last));
    }

    /** The words that followed {@code last}, or null if it never occurred (or only at the very end). */
    Successors after(String last) {
        return afterOne.get(last);
    }

    boolean knows(String normalWord) {
        return afterOne.containsKey(normalWord);
    }

    /** The first words of the text's sentences (with repeats, so common openings weigh more). */
    String sentenceStart(int index) {
        return sentenceStarts[Math.floorMod(index, sentenceStarts.length)];
    }

    int sentenceStarts() {
        return sentenceStarts.length;
    }

    /** A distinct word of the text in normal form; the index wraps. */
    String vocabularyWord(int index) {
        return vocabulary[Math.floorMod(index, vocabulary.length)];
    }

    int vocabularySize() {
        return vocabulary.length;
    }

    /** The text's words: runs of non-blank characters. */
    static String[] words(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(text.substring(start, i));
            }
        }
        return words.toArray(new String[0]);
    }

    /** Lower case, letters and digits only (inner apostrophes and hyphens kept): {@code "Wolf,"} -> {@code wolf}. */
    static String normalize(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && !Character.isLetterOrDigit(word.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(word.charAt(end - 1))) {
            end--;
        }
        return word.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /** True for a word that ends a sentence: {@code him.}, {@code again!"}, {@code said?} */
    static boolean endsSentence(String word) {
        int end = word.length();
        while (end > 0 && (word.charAt(end - 1) == '"' || word.charAt(end - 1) == '\'' || word.charAt(end - 1) == ')')) {
            end--;
        }
        if (end == 0) {
            return false;
        }
        char c = word.charAt(end - 1);
        return c == '.' || c == '!' || c == '?';
    }

    /** True for a word that ends a clause or a sentence: a comma, semicolon or colon counts too. */
    static boolean endsClause(String word) {
        if (endsSentence(word)) {
            return true;
        }
        char c = word.isEmpty() ? ' ' : word.charAt(word.length() - 1);
        return c == ',' || c == ';' || c == ':';
    }

    private static String key(String previous, String last) {
        return previous + ' ' + last;
    }

    private static void count(Map<String, Map<String, Integer>> table, String state, String next) {
        table.computeIfAbsent(state, s -> new LinkedHashMap<>()).merge(next, 1, Integer::sum);
    }

    private static Map<String, Successors> freeze(Map<String, Map<String, Integer>> table) {
        Map<String, Successors> out = new HashMap<>(table.size() * 2);
        table.forEach((state, next) -> {
            String[] words = new String[next.size()];
            int[] counts = new int[next.size()];
            int i = 0;
            for (Map.Entry<String, Integer> e : next.entrySet()) {
                words[i] = e.getKey();
                counts[i++] = e.getValue();
            }
            out.put(state, new Successors(words, counts));
        });
        return Map.copyOf(out);
    }

    private static String readResource() {
        try (InputStream in = MarkovText.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
