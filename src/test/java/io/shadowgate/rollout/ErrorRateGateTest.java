package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** maxErrorRateIncrease 0.01 at 95%: PASS on the Newcombe upper bound, FAIL on the lower. */
class ErrorRateGateTest {
    private static final GateSettings DEFAULTS = GateSettings.of(RolloutConfigs.defaults());

    @ParameterizedTest(name = "{0} pairs, stable {1}, candidate {2} errors: {3}")
    @CsvSource(textBlock = """
            0,    0, 0,  PENDING, no mirrored requests yet
            1000, 5, 5,  PASS,    upper bound +0.72% <= +1.00% after 1000 requests (candidate 0.50%, stable 0.50% errors)
            381,  0, 0,  PASS,    upper bound +1.00% <= +1.00%
            380,  0, 0,  PENDING, lower bound -1.00% <= +1.00% < upper bound +1.00%
            1000, 5, 40, FAIL,    lower bound +2.26% > +1.00% after 1000 requests (candidate 4.00%, stable 0.50% errors)
            200,  1, 3,  PENDING, lower bound -1.48% <= +1.00% < upper bound +3.85%
            # every candidate request failed, but ten requests are under the floor of twenty
            10,   0, 10, PENDING, too few to roll back (needs 20)
            20,   0, 20, FAIL,    after 20 requests
            """)
    void verdicts(long pairs, long stableErrors, long candidateErrors, GateVerdict verdict, String detail) {
        GateResult result = new ErrorRateGate().judge(StageEvidences.errors(pairs, stableErrors, candidateErrors), DEFAULTS);
        assertThat(result.name()).isEqualTo("errorRateIncrease");
        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.detail()).contains(detail);
    }
}
