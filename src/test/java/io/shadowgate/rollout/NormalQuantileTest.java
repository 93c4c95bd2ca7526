package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Acklam's approximation against reference values of the normal quantile (to 1e-8: its error is 1.15e-9 relative). */
class NormalQuantileTest {

    @ParameterizedTest(name = "inverseCdf({0}) = {1}")
    @CsvSource(textBlock = """
            0.5,           0
            0.8,           0.8416212335729143
            0.9,           1.2815515655446004
            0.95,          1.6448536269514722
            0.975,         1.959963984540054
            0.99,          2.3263478740408408
            0.995,         2.5758293035489004
            0.999,         3.090232306167813
            0.9999,        3.719016485455709
            0.025,         -1.9599639845400545
            # either side of the switch between the central and the tail formulas
            0.02425,       -1.972961051311885
            0.97575,       1.972961051311885
            1e-6,          -4.753424308822899
            0.9999999999,  6.361340889697422
            """)
    void knownQuantiles(double p, double expected) {
        assertThat(NormalQuantile.inverseCdf(p)).isCloseTo(expected, within(1e-8));
    }

    @Test
    void theZOfATwoSidedNinetyFivePercentIntervalIs1Point959964() {
        assertThat(NormalQuantile.twoSidedZ(0.95)).isCloseTo(1.959964, within(1e-6));
        assertThat(NormalQuantile.twoSidedZ(0.99)).isCloseTo(2.575829, within(1e-6));
        assertThat(NormalQuantile.twoSidedZ(0.9)).isCloseTo(1.644854, within(1e-6));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-6, 0.001, 0.02, 0.3, 0.49})
    void isSymmetricAboutOneHalf(double p) {
        assertThat(NormalQuantile.inverseCdf(p)).isCloseTo(-NormalQuantile.inverseCdf(1 - p), within(1e-8));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 1, -0.1, 1.1, Double.NaN})
    void rejectsProbabilitiesOutsideTheOpenUnitInterval(double p) {
        assertThatThrownBy(() -> NormalQuantile.inverseCdf(p)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 1, 95})
    void rejectsConfidencesOutsideTheOpenUnitInterval(double confidence) {
        assertThatThrownBy(() -> NormalQuantile.twoSidedZ(confidence))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: 0 < confidence < 1");
    }
}
