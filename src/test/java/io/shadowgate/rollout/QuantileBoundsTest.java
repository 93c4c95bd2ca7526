package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Order-statistic ranks against exact binomial reference values (0 / n+1: no bound). */
class QuantileBoundsTest {

    @ParameterizedTest(name = "q{1} of {0} at {2}: ranks {3}..{4}")
    @CsvSource(textBlock = """
            # the textbook median interval of 10: X(2)..X(9)
            10,    0.5,  0.95, 2,    9
            100,   0.5,  0.95, 40,   61
            100,   0.9,  0.95, 84,   96
            1000,  0.99, 0.95, 983,  997
            1000,  0.99, 0.99, 981,  998
            10000, 0.99, 0.95, 9880, 9920
            # a p99 upper bound needs 368 observations at 95%: 0.99^367 = 0.02501 > 0.025
            100,   0.99, 0.95, 97,   101
            367,   0.99, 0.95, 359,  368
            368,   0.99, 0.95, 360,  368
            50,    0.99, 0.95, 48,   51
            200,   0.99, 0.90, 195,  201
            3,     0.5,  0.95, 0,    4
            0,     0.99, 0.95, 0,    1
            """)
    void exactRanks(long n, double quantile, double confidence, long lowerRank, long upperRank) {
        QuantileBounds bounds = QuantileBounds.of(n, quantile, confidence);
        assertThat(bounds.lowerRank()).isEqualTo(lowerRank);
        assertThat(bounds.upperRank()).isEqualTo(upperRank);
        assertThat(bounds.hasLower()).isEqualTo(lowerRank >= 1);
        assertThat(bounds.hasUpper()).isEqualTo(upperRank <= n);
    }

    @Test
    void coverAtLeastTheirConfidenceWhateverTheDistribution() {
        // Uniform latencies: the true p99 is 0.99. 2000 seeded samples of 1000; each side may miss 2.5%.
        SplittableRandom random = new SplittableRandom(7);
        QuantileBounds bounds = QuantileBounds.of(1000, 0.99, 0.95);
        int above = 0;
        int below = 0;
        for (int trial = 0; trial < 2000; trial++) {
            double[] sample = random.doubles(1000).toArray();
            Arrays.sort(sample);
            above += sample[(int) bounds.lowerRank() - 1] > 0.99 ? 1 : 0;
            below += sample[(int) bounds.upperRank() - 1] < 0.99 ? 1 : 0;
        }
        assertThat(above).isLessThanOrEqualTo(70); // 2.5% of 2000 is 50; binomial noise is about 7
        assertThat(below).isLessThanOrEqualTo(70);
    }

    @Test
    void aMillionObservationsTakeOneStepPerHundred() {
        QuantileBounds bounds = QuantileBounds.of(1_000_000, 0.99, 0.95);
        assertThat(bounds.lowerRank()).isBetween(989_804L, 989_806L);
        assertThat(bounds.upperRank()).isBetween(990_195L, 990_197L);
    }

    @Test
    void rejectsQuantilesOutsideTheOpenUnitInterval() {
        assertThatThrownBy(() -> QuantileBounds.of(100, 1, 0.95)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuantileBounds.of(100, 0, 0.95)).isInstanceOf(IllegalArgumentException.class);
    }
}
