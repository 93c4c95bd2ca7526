package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HashedEmbeddingTest {
    @Test
    void isAUnitVectorAndTheSameEveryTime() {
        double[] v = HashedEmbedding.embed("The Fox and the Grapes", 256);
        assertThat(v).hasSize(256);
        assertThat(dot(v, v)).isCloseTo(1.0, within(1e-12));
        assertThat(HashedEmbedding.embed("the fox AND the grapes!", 256)).containsExactly(v);
        assertThat(HashedEmbedding.embed("...", 64)).containsOnly(0.0);
    }

    @Test
    void similarTextsAreCloserThanUnrelatedOnes() {
        double[] a = HashedEmbedding.embed("The fox could not reach the grapes and called them sour", 256);
        double[] similar = HashedEmbedding.embed("The fox called the grapes sour because he could not reach them", 256);
        double[] unrelated = HashedEmbedding.embed("Kubernetes schedules pods onto nodes by resource requests", 256);
        assertThat(dot(a, similar)).isGreaterThan(0.8);
        assertThat(dot(a, unrelated)).isLessThan(0.3);
    }

    @Test
    void countsWordsForUsage() {
        assertThat(HashedEmbedding.tokens("Don't count the hens, Patty!")).isEqualTo(5);
        assertThat(HashedEmbedding.tokens("")).isZero();
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
