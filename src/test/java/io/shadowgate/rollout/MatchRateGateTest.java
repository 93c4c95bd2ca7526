package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.config.RolloutConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** minMatchRate 0.99 at 95% unless said otherwise: PASS on the lower bound, FAIL on the upper. */
class MatchRateGateTest {
    private static final GateSettings DEFAULTS = GateSettings.of(RolloutConfigs.defaults());

    @ParameterizedTest(name = "{1} mismatches in {0}: {2}")
    @CsvSource(textBlock = """
            0,   0,  PENDING, no comparisons yet
            400, 0,  PASS,    lower bound 0.9905 >= 0.99 after 400 comparisons (0 mismatches)
            381, 0,  PASS,    lower bound 0.9900 >= 0.99 after 381 comparisons
            380, 0,  PENDING, lower bound 0.9900 < 0.99 <= upper bound 1.0000 after 380 comparisons
            200, 0,  PENDING, lower bound 0.9812 < 0.99
            20,  2,  FAIL,    upper bound 0.9721 < 0.99 after 20 comparisons (2 mismatches)
            20,  1,  PENDING, upper bound 0.9911
            100, 10, FAIL,    after 100 comparisons (10 mismatches)
            # conclusive by the interval, but under the floor of 20 comparisons: no rollback yet
            1,   1,  PENDING, upper bound 0.7935 < 0.99 after 1 comparison (1 mismatch), too few to roll back
            3,   3,  PENDING, too few to roll back (needs 20 comparisons and 2 mismatches)
            19,  19, PENDING, too few to roll back
            """)
    void verdicts(long comparisons, long mismatches, GateVerdict verdict, String detail) {
        GateResult result = new MatchRateGate().judge(StageEvidences.comparisons(comparisons, mismatches), DEFAULTS);
        assertThat(result.name()).isEqualTo("matchRate");
        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.detail()).contains(detail);
    }

    @Test
    void aSingleMismatchNeverFailsEvenWhenTheThresholdMakesItConclusive() {
        // At 0.999, 19 of 20 (upper bound 0.9911) is conclusive by the interval alone.
        GateSettings strict = settings(200, 0.999);
        assertThat(new MatchRateGate().judge(StageEvidences.comparisons(20, 1), strict).verdict()).isEqualTo(GateVerdict.PENDING);
        assertThat(new MatchRateGate().judge(StageEvidences.comparisons(20, 2), strict).verdict()).isEqualTo(GateVerdict.FAIL);
    }

    @Test
    void theFloorGrowsWithMinSamples() {
        GateSettings patient = settings(1000, 0.99);
        assertThat(patient.failureFloor()).isEqualTo(100);
        GateResult early = new MatchRateGate().judge(StageEvidences.comparisons(50, 10), patient);
        assertThat(early.verdict()).isEqualTo(GateVerdict.PENDING);
        assertThat(early.detail()).contains("too few to roll back (needs 100 comparisons and 2 mismatches)");
        assertThat(new MatchRateGate().judge(StageEvidences.comparisons(100, 20), patient).verdict()).isEqualTo(GateVerdict.FAIL);
    }

    @Test
    void failureFloorIsTwentyOrATenthOfMinSamples() {
        assertThat(Gates.failureFloor(1)).isEqualTo(20);
        assertThat(Gates.failureFloor(200)).isEqualTo(20);
        assertThat(Gates.failureFloor(201)).isEqualTo(21);
        assertThat(Gates.failureFloor(100_000_000)).isEqualTo(10_000_000);
    }

    private static GateSettings settings(int minSamples, double minMatchRate) {
        RolloutConfig d = RolloutConfigs.defaults();
        return GateSettings.of(RolloutConfigs.with(minSamples, 0.95,
                new RolloutConfig.Gates(minMatchRate, 0.01, 0.2), Duration.ofMinutes(10), Duration.ofHours(1),
                d.onInconclusive()));
    }
}
