package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.config.LatencyMeasure;
import io.shadowgate.config.RolloutConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * maxSimilarityDrop 0.05 at 95% (z 1.959964) unless said otherwise. The intervals are worked by
 * hand: {@code d̄ ± z·max(s/√n, √(p(1-p)/n))} with {@code p = 1/(n+1)}.
 */
class SimilarityGateTest {
    private static final GateSettings DEFAULTS = GateSettings.of(RolloutConfigs.defaults());

    @ParameterizedTest(name = "n {0}, mean {1}, sd {2}: {3}")
    @CsvSource(textBlock = """
            # se = 0.1/10 = 0.01 (the floor, 0.0099, is lower): -0.02 ± 0.0196
            100, -0.02, 0.10, PASS,    lower bound -0.0396 >= -0.0500 on the score difference after 100 paired scores (mean -0.0200; candidate mean 0.5300 over 100 scores, stable against itself 0.5500)
            # -0.10 ± 0.0196
            100, -0.10, 0.10, FAIL,    upper bound -0.0804 < -0.0500 on the score difference after 100 paired scores
            # at the margin: -0.05 ± 0.0196
            100, -0.05, 0.10, PENDING, lower bound -0.0696 < -0.0500 <= upper bound -0.0304 on the score difference
            # a better candidate passes too: +0.03 ± 0.0196
            100, 0.03,  0.10, PASS,    lower bound +0.0104 >= -0.0500
            # se = floor √((1/11)(10/11)/10) = 0.0909 > 0.1/√10: -0.3 ± 0.1782, conclusive but under the floor of 20
            10,  -0.30, 0.10, PENDING, upper bound -0.1218 < -0.0500 on the score difference after 10 paired scores (mean -0.3000; candidate mean 0.2500 over 10 scores, stable against itself 0.5500), too few to roll back (needs 20)
            # identical scores (a deterministic model): se = floor √((1/201)(200/201)/200) = 0.004975
            200, 0,     0,    PASS,    lower bound -0.0098 >= -0.0500
            # 30 pairs: floor √((1/31)(30/31)/30) = 0.032258, 0 ± 0.0632: not yet
            30,  0,     0,    PENDING, lower bound -0.0632 < -0.0500 <= upper bound +0.0632
            # one pair: floor √(0.5·0.5/1) = 0.5, not a width of 0
            1,   0,     0,    PENDING, lower bound -0.9800 < -0.0500 <= upper bound +0.9800
            """)
    void verdicts(long n, double mean, double deviation, GateVerdict verdict, String detail) {
        GateResult result = new SimilarityGate().judge(StageEvidences.differences(n, mean, deviation), DEFAULTS);
        assertThat(result.name()).isEqualTo("similarity");
        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.detail()).contains(detail);
    }

    @Test
    void aRouteWithoutScoresPassesAsNotApplicable() {
        GateResult result = new SimilarityGate().judge(StageEvidences.comparisons(400, 0), DEFAULTS);
        assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(result.detail()).isEqualTo("not applicable: no answers compared by similarity");
    }

    @Test
    void scoresWithoutStableAgainstItselfWaitForNoiseCopies() {
        StageEvidence unpaired = StageEvidences.scored(400, new SimilarityEvidence(400, 200, 0, 0, 0, 0));
        GateResult result = new SimilarityGate().judge(unpaired, DEFAULTS);
        assertThat(result.verdict()).isEqualTo(GateVerdict.PENDING);
        assertThat(result.detail()).startsWith("no stable-against-itself scores: set compare.noisePercent > 0")
                .contains("400 scores, candidate mean 0.5000");
    }

    @Test
    void oneOutlierAmongIdenticalScoresDoesNotFail() {
        // 29 differences of 0 and one of -1: mean -0.0333, s = √(1/30), se = s/√30 = 0.0333; upper +0.0320.
        StageEvidence outlier = StageEvidences.scored(30, new SimilarityEvidence(30, 29, 30, -1, 1, 30));
        GateResult result = new SimilarityGate().judge(outlier, DEFAULTS);
        assertThat(result.verdict()).isEqualTo(GateVerdict.PENDING);
        assertThat(result.detail()).contains("lower bound -0.0987 < -0.0500 <= upper bound +0.0320");
    }

    @Test
    void theStandardErrorIsTheDeviationOverRootNOrTheFloor() {
        assertThat(SimilarityGate.standardError(new SimilarityEvidence(100, 50, 100, -2, 1.03, 55)))
                .isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(SimilarityGate.standardError(new SimilarityEvidence(200, 200, 200, 0, 0, 200)))
                .isCloseTo(Math.sqrt((1.0 / 201) * (200.0 / 201) / 200), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void theMarginAndTheConfidenceComeFromTheConfig() {
        StageEvidence atFiveHundredths = StageEvidences.differences(100, -0.05, 0.10);
        GateResult wider = new SimilarityGate().judge(atFiveHundredths, settings(0.95, 0.10));
        assertThat(wider.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(wider.detail()).startsWith("lower bound -0.0696 >= -0.1000");
        // z 2.5758 at 99%: -0.10 ± 0.0258, upper -0.0742, still a failure; -0.07 ± 0.0258 no longer.
        assertThat(new SimilarityGate().judge(StageEvidences.differences(100, -0.10, 0.10), settings(0.99, 0.05))
                .verdict()).isEqualTo(GateVerdict.FAIL);
        GateResult strict = new SimilarityGate().judge(StageEvidences.differences(100, -0.07, 0.10), settings(0.99, 0.05));
        assertThat(strict.verdict()).isEqualTo(GateVerdict.PENDING);
        assertThat(strict.detail()).startsWith("lower bound -0.0958 < -0.0500 <= upper bound -0.0442");
    }

    @Test
    void impossibleScoresAreRejected() {
        assertThatThrownBy(() -> new SimilarityEvidence(5, 2, 6, 0, 0, 3)).hasMessageContaining("0 <= paired <= scored");
        assertThatThrownBy(() -> new SimilarityEvidence(5, -1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StageEvidences.scored(4, new SimilarityEvidence(5, 2, 0, 0, 0, 0)))
                .hasMessageContaining("scored 5 (expected: 0..comparisons 4)");
    }

    private static GateSettings settings(double confidence, double maxSimilarityDrop) {
        RolloutConfig d = RolloutConfigs.defaults();
        RolloutConfig.Gates gates = new RolloutConfig.Gates(d.gates().minMatchRate(), d.gates().maxErrorRateIncrease(),
                d.gates().maxLatencyIncrease(), LatencyMeasure.TOTAL, maxSimilarityDrop);
        return GateSettings.of(RolloutConfigs.with(d.minSamples(), confidence, gates, d.bake(), d.maxBake(),
                d.onInconclusive()));
    }
}
