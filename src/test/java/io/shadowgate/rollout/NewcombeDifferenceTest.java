package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Method 10 against the worked examples of Newcombe (1998), Table II, 95%, to the four places printed there. */
class NewcombeDifferenceTest {

    @ParameterizedTest(name = "{0}/{1} - {2}/{3}: [{4}, {5}]")
    @CsvSource(textBlock = """
            56, 70, 48, 80, 0.0524,  0.3339
            9,  10, 3,  10, 0.1705,  0.8090
            6,  7,  2,  7,  0.0582,  0.8062
            5,  56, 0,  29, -0.0381, 0.1926
            0,  10, 0,  20, -0.1611, 0.2775
            0,  10, 0,  10, -0.2775, 0.2775
            10, 10, 0,  20, 0.6791,  1.0000
            10, 10, 0,  10, 0.6075,  1.0000
            """)
    void newcombesWorkedExamples(long x1, long n1, long x2, long n2, double lower, double upper) {
        Interval interval = NewcombeDifference.interval(x1, n1, x2, n2, 0.95);
        assertThat(interval.lower()).isCloseTo(lower, within(5e-5));
        assertThat(interval.upper()).isCloseTo(upper, within(5e-5));
    }

    @Test
    void errorRatesOfTheGateSize() {
        // 0.5% errors on both sides over 1000 pairs: the increase is within +/-0.72%, under a 1% limit.
        Interval same = NewcombeDifference.interval(5, 1000, 5, 1000, 0.95);
        assertThat(same.lower()).isCloseTo(-0.007241, within(1e-6));
        assertThat(same.upper()).isCloseTo(0.007241, within(1e-6));
        // 4% against 0.5%: at least +2.26%.
        Interval worse = NewcombeDifference.interval(40, 1000, 5, 1000, 0.95);
        assertThat(worse.lower()).isCloseTo(0.022580, within(1e-6));
        assertThat(worse.upper()).isCloseTo(0.049299, within(1e-6));
    }

    @Test
    void isAntisymmetric() {
        Interval forward = NewcombeDifference.interval(12, 300, 4, 250, 0.95);
        Interval backward = NewcombeDifference.interval(4, 250, 12, 300, 0.95);
        assertThat(backward.lower()).isCloseTo(-forward.upper(), within(1e-12));
        assertThat(backward.upper()).isCloseTo(-forward.lower(), within(1e-12));
    }

    @Test
    void anEmptySideRulesNothingOut() {
        assertThat(NewcombeDifference.interval(0, 0, 3, 10, 0.95)).isEqualTo(new Interval(-1, 1));
    }
}
