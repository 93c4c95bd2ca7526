package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextGeneratorTest {
    private static final MarkovText TINY = MarkovText.train(
            "The fox ran to the wood. The fox ran to the river. The fox ran to the wood. A dog sat down.");
    private final TextGenerator stable = new TextGenerator(MarkovText.bundled(), LlmDrift.NONE);

    @Test
    void trainsOnTheBundledFables() {
        MarkovText text = MarkovText.bundled();
        assertThat(text.vocabularySize()).isGreaterThan(1000);
        assertThat(text.sentenceStarts()).isGreaterThan(300);
        assertThat(text.after("the", "wolf", "and").words()).contains("the");
        assertThat(text.knows("tortoise")).isTrue();
    }

    @Test
    void greedyContinuesThePromptWithTheMostFrequentWords() {
        TextGenerator g = new TextGenerator(TINY, LlmDrift.NONE);
        // "ran to the" was followed by "wood." twice and "river." once; greedy takes "wood." and stops there.
        TextGenerator.Generation out = g.generate("Where has the fox ran to the", 0, 10, 0, new SplittableRandom(1));
        assertThat(out.words()).containsExactly("wood.");
        assertThat(out.finishReason()).isEqualTo("stop");
    }

    @Test
    void samplingFollowsTheCountsAndTemperatureSharpensThem() {
        MarkovText.Successors s = TINY.after("to", "the");
        assertThat(s.words()).containsExactly("wood.", "river.");
        int woodAtOne = 0;
        int woodAtLow = 0;
        int woodAtHigh = 0;
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 3000; i++) {
            woodAtOne += TextGenerator.choose(s, 1.0, random).equals("wood.") ? 1 : 0;
            woodAtLow += TextGenerator.choose(s, 0.25, random).equals("wood.") ? 1 : 0;
            woodAtHigh += TextGenerator.choose(s, 2.0, random).equals("wood.") ? 1 : 0;
        }
        // p(wood) = 2/3 at 1, 16/17 at 0.25 (2^4 : 1), 0.586 at 2 (sqrt 2 : 1).
        assertThat(woodAtOne).isBetween(1850, 2150);
        assertThat(woodAtLow).isBetween(2750, 2950);
        assertThat(woodAtHigh).isBetween(1600, 1920);
    }

    @Test
    void sameRandomSameTextAndTemperatureZeroNeedsNoSeed() {
        String prompt = "Once there was a";
        assertThat(stable.generate(prompt, 0.8, 40, 8, new SplittableRandom(3)))
                .isEqualTo(stable.generate(prompt, 0.8, 40, 8, new SplittableRandom(3)));
        assertThat(stable.generate(prompt, 0, 40, 8, new SplittableRandom(3)))
                .isEqualTo(stable.generate(prompt, 0, 40, 8, new SplittableRandom(99)));
        Set<String> texts = new HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            texts.add(stable.generate(prompt, 1.0, 40, 8, new SplittableRandom(seed)).text());
        }
        assertThat(texts).hasSizeGreaterThan(3);
    }

    @Test
    void stopsAtASentenceEndAfterMinTokensOrAtMaxTokens() {
        for (int seed = 0; seed < 50; seed++) {
            TextGenerator.Generation g = stable.generate("The Lion and the Mouse", 1.0, 30, 8, new SplittableRandom(seed));
            assertThat(g.words()).hasSizeBetween(1, 30);
            if (g.finishReason().equals("stop")) {
                assertThat(g.words()).hasSizeGreaterThanOrEqualTo(8);
                assertThat(MarkovText.endsSentence(g.words().get(g.words().size() - 1))).isTrue();
            } else {
                assertThat(g.finishReason()).isEqualTo("length");
                assertThat(g.words()).hasSize(30);
            }
        }
        TextGenerator.Generation cut = stable.generate("The Lion and the Mouse", 0, 5, 5, new SplittableRandom(1));
        assertThat(cut.words()).hasSize(5);
        assertThat(cut.finishReason()).isEqualTo("length");
    }

    @Test
    void anUnknownPromptStartsASentenceOfTheText() {
        TextGenerator.Generation g = stable.generate("zzyzx qwerty", 0, 20, 8, new SplittableRandom(1));
        assertThat(g.words()).isNotEmpty();
        assertThat(Character.isUpperCase(g.words().get(0).replace("\"", "").charAt(0))).isTrue();
        assertThat(g).isEqualTo(stable.generate("zzyzx qwerty", 0, 20, 8, new SplittableRandom(2)));
    }

    @Test
    void vocabularyDriftLowersOverlapWithStableAndLengthDriftShortens() {
        TextGenerator vocabulary = new TextGenerator(MarkovText.bundled(), LlmDrift.VOCABULARY);
        TextGenerator length = new TextGenerator(MarkovText.bundled(), LlmDrift.LENGTH);
        SplittableRandom seeds = new SplittableRandom(42);
        double stableVsStable = 0;
        double stableVsVocabulary = 0;
        double stableWords = 0;
        double lengthWords = 0;
        int prompts = 100;
        for (int i = 0; i < prompts; i++) {
            String prompt = "Tell me a story about the " + MarkovText.bundled().vocabularyWord(i * 7 + 3);
            String a = stable.generate(prompt, 0.7, 64, 8, new SplittableRandom(seeds.nextLong())).text();
            String b = stable.generate(prompt, 0.7, 64, 8, new SplittableRandom(seeds.nextLong())).text();
            String v = vocabulary.generate(prompt, 0.7, 64, 8, new SplittableRandom(seeds.nextLong())).text();
            TextGenerator.Generation l = length.generate(prompt, 0.7, 64, 8, new SplittableRandom(seeds.nextLong()));
            stableVsStable += TextOverlap.rougeL(a, b);
            stableVsVocabulary += TextOverlap.rougeL(a, v);
            stableWords += TextOverlap.tokens(a).size();
            lengthWords += l.words().size();
            assertThat(l.words()).hasSizeLessThanOrEqualTo(16);
            assertThat(l.finishReason()).isEqualTo("stop");
        }
        assertThat(stableVsStable / prompts - stableVsVocabulary / prompts).isGreaterThan(0.2);
        assertThat(lengthWords / prompts).isLessThan(stableWords / prompts / 2);
    }
}
