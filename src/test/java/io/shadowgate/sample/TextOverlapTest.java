package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TextOverlapTest {
    @Test
    void matchesHandComputedValues() {
        // LCS of "the cat sat on the mat" and "the cat lay on a mat" is "the cat on mat": 4 of 6 each.
        assertThat(TextOverlap.rougeL("The cat sat on the mat.", "the cat lay on a mat")).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(TextOverlap.rougeL("a b c", "a b c")).isEqualTo(1.0);
        assertThat(TextOverlap.rougeL("a b c", "d e")).isZero();
        // LCS "a c" (2): precision 2/2, recall 2/4 -> F1 = 2/3.
        assertThat(TextOverlap.rougeL("a c", "a b c d")).isCloseTo(2.0 / 3, within(1e-12));
    }
}
