package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wilson score intervals against reference values (two-sided, computed independently to 1e-6). */
class WilsonTest {

    @ParameterizedTest(name = "{0} of {1} at {2}: [{3}, {4}]")
    @CsvSource(textBlock = """
            0,   10,  0.95, 0,        0.277533
            5,   10,  0.95, 0.236593, 0.763407
            10,  10,  0.95, 0.722467, 1
            99,  100, 0.95, 0.945514, 0.998233
            99,  100, 0.99, 0.920199, 0.998825
            81,  263, 0.95, 0.255289, 0.366210
            15,  148, 0.95, 0.062386, 0.160487
            # the early-failure cases of the rules: 0 of 1 and 0 of 3 already sit below 0.99
            0,   1,   0.95, 0,        0.793451
            0,   3,   0.95, 0,        0.561497
            # one mismatch in 20 does not reach below 0.99, two do
            19,  20,  0.95, 0.763869, 0.991119
            18,  20,  0.95, 0.698966, 0.972134
            # a clean run needs 381 comparisons to show 0.99 at 95%
            380, 380, 0.95, 0.989992, 1
            381, 381, 0.95, 0.990018, 1
            """)
    void knownIntervals(long successes, long n, double confidence, double lower, double upper) {
        Interval interval = Wilson.interval(successes, n, confidence);
        assertThat(interval.lower()).isCloseTo(lower, within(1e-6));
        assertThat(interval.upper()).isCloseTo(upper, within(1e-6));
    }

    @Test
    void boundsAtNoneAndAllAreExactlyZeroAndOne() {
        assertThat(Wilson.interval(0, 1000, 0.95).lower()).isZero();
        assertThat(Wilson.interval(1000, 1000, 0.95).upper()).isEqualTo(1.0);
    }

    @Test
    void noEvidenceRulesNothingOut() {
        assertThat(Wilson.interval(0, 0, 0.95)).isEqualTo(new Interval(0, 1));
    }

    @Test
    void containsTheEstimateAndNarrowsWithMoreEvidence() {
        double previousWidth = 1;
        for (long n = 10; n <= 100_000; n *= 10) {
            Interval interval = Wilson.interval(n * 98 / 100, n, 0.95);
            assertThat(interval.contains(0.98)).isTrue();
            assertThat(interval.upper() - interval.lower()).isLessThan(previousWidth);
            previousWidth = interval.upper() - interval.lower();
        }
    }

    @Test
    void higherConfidenceWidens() {
        Interval ninety = Wilson.interval(95, 100, 0.90);
        Interval ninetyNine = Wilson.interval(95, 100, 0.99);
        assertThat(ninetyNine.lower()).isLessThan(ninety.lower());
        assertThat(ninetyNine.upper()).isGreaterThan(ninety.upper());
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> Wilson.interval(11, 10, 0.95)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wilson.interval(-1, 10, 0.95)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wilson.interval(1, 10, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
