package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.config.RolloutConfig;
import io.shadowgate.config.RolloutConfig.OnInconclusive;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules of a stage: defaults are minSamples 200, bake 10m, maxBake 1h, hold. */
class StageJudgeTest {
    private static final Duration BAKE = Duration.ofMinutes(10);
    private static final Duration BAKED = Duration.ofMinutes(20);
    private static final Duration MAX_BAKE = Duration.ofHours(1);
    /** Gates that pass on any evidence they can judge at all, so only minSamples and the bake hold a stage back. */
    private static final RolloutConfig.Gates LENIENT = new RolloutConfig.Gates(0, 1, 100);

    private final StageJudge judge = new StageJudge();

    @Test
    void cleanEvidenceAdvancesOnceBakedWithEnoughSamples() {
        Decision decision = judge.judge(StageEvidences.clean(2000), BAKED, BAKE, RolloutConfigs.defaults());

        assertThat(decision.verdict()).isEqualTo(StageVerdict.ADVANCE);
        assertThat(decision.reason()).isEqualTo("every gate passed on 2000 comparisons after 20m");
        assertThat(decision.report().allPass()).isTrue();
    }

    @Test
    void neverPassesBelowMinSamplesWhateverTheEvidence() {
        RolloutConfig config = RolloutConfigs.with(1000, 0.95, LENIENT, BAKE, MAX_BAKE, OnInconclusive.HOLD);
        for (int n = 0; n < 1000; n++) {
            Decision decision = judge.judge(StageEvidences.clean(n), BAKED, BAKE, config);
            assertThat(decision.verdict()).as("%d comparisons", n).isEqualTo(StageVerdict.WAIT);
            assertThat(decision.reason()).contains(n + " of 1000 comparisons");
        }
        assertThat(judge.judge(StageEvidences.clean(1000), BAKED, BAKE, config).verdict()).isEqualTo(StageVerdict.ADVANCE);
    }

    @Test
    void theDefaultGatesAloneWouldPassBeforeMinSamplesButTheJudgeWaits() {
        // 1000 clean pairs pass every default gate; a minSamples of 1200 still holds the stage.
        RolloutConfig d = RolloutConfigs.defaults();
        RolloutConfig config = RolloutConfigs.with(1200, d.confidence(), d.gates(), BAKE, MAX_BAKE, OnInconclusive.HOLD);
        Decision decision = judge.judge(StageEvidences.clean(1000), BAKED, BAKE, config);

        assertThat(decision.report().allPass()).isTrue();
        assertThat(decision.verdict()).isEqualTo(StageVerdict.WAIT);
        assertThat(decision.reason()).isEqualTo("1000 of 1200 comparisons");
    }

    @Test
    void thinTrafficPastMaxBakeIsInconclusiveNotPromoted() {
        RolloutConfig config = RolloutConfigs.with(200, 0.95, LENIENT, BAKE, MAX_BAKE, OnInconclusive.HOLD);
        Decision decision = judge.judge(StageEvidences.clean(199), Duration.ofHours(5), BAKE, config);

        assertThat(decision.verdict()).isEqualTo(StageVerdict.INCONCLUSIVE);
        assertThat(decision.reason()).startsWith("inconclusive after maxBake 1h: 199 of 200 comparisons");
    }

    @Test
    void neverPassesBeforeTheBake() {
        Decision decision = judge.judge(StageEvidences.clean(5000), Duration.ofSeconds(599), BAKE, RolloutConfigs.defaults());

        assertThat(decision.verdict()).isEqualTo(StageVerdict.WAIT);
        assertThat(decision.reason()).isEqualTo("baking 9m59s of 10m");
        assertThat(judge.judge(StageEvidences.clean(5000), BAKE, BAKE, RolloutConfigs.defaults()).verdict())
                .isEqualTo(StageVerdict.ADVANCE);
    }

    @Test
    void theShadowBakeIsWhateverTheCallerPassesAsMinBake() {
        Duration shadowBake = Duration.ofMinutes(30);
        Decision decision = judge.judge(StageEvidences.clean(5000), BAKED, shadowBake, RolloutConfigs.defaults());

        assertThat(decision.verdict()).isEqualTo(StageVerdict.WAIT);
        assertThat(decision.reason()).isEqualTo("baking 20m of 30m");
    }

    @Test
    void rollsBackAtOnceOnAConclusiveFailureWhateverTheBake() {
        Decision decision = judge.judge(StageEvidences.mismatching(100, 10), Duration.ofSeconds(5), BAKE,
                RolloutConfigs.defaults());

        assertThat(decision.verdict()).isEqualTo(StageVerdict.ROLLBACK);
        assertThat(decision.reason()).isEqualTo(
                "gate matchRate FAIL: upper bound 0.9448 < 0.99 after 100 comparisons (10 mismatches)");
    }

    @Test
    void aFailureWinsOverEverythingElse() {
        StageEvidence errors = new StageEvidence(1000, 0, 100, 900, 900, StageEvidences.grid(900, 1), StageEvidences.grid(900, 1));

        Decision decision = judge.judge(errors, Duration.ofHours(2), BAKE, RolloutConfigs.defaults());

        assertThat(decision.verdict()).isEqualTo(StageVerdict.ROLLBACK);
        assertThat(decision.reason()).startsWith("gate errorRateIncrease FAIL: lower bound");
    }

    @Test
    void aSingleEarlyMismatchDoesNotRollBack() {
        Decision decision = judge.judge(StageEvidences.comparisons(1, 1), Duration.ofSeconds(5), BAKE,
                RolloutConfigs.defaults());

        assertThat(decision.verdict()).isEqualTo(StageVerdict.WAIT);
    }

    @ParameterizedTest
    @EnumSource(OnInconclusive.class)
    void pastMaxBakeOnInconclusiveDecides(OnInconclusive onInconclusive) {
        // 1 mismatch in 300: the match rate's interval [0.9814, 0.9994] straddles 0.99.
        StageEvidence straddling = StageEvidences.mismatching(300, 1);
        RolloutConfig config = RolloutConfigs.withOnInconclusive(onInconclusive);

        Decision before = judge.judge(straddling, MAX_BAKE.minusSeconds(1), BAKE, config);
        Decision after = judge.judge(straddling, MAX_BAKE, BAKE, config);

        assertThat(before.verdict()).isEqualTo(StageVerdict.WAIT);
        if (onInconclusive == OnInconclusive.HOLD) {
            assertThat(after.verdict()).isEqualTo(StageVerdict.INCONCLUSIVE);
            assertThat(after.reason()).endsWith("(onInconclusive: hold)");
        } else {
            assertThat(after.verdict()).isEqualTo(StageVerdict.ROLLBACK);
            assertThat(after.reason()).endsWith("(onInconclusive: rollback)");
        }
        assertThat(after.reason()).startsWith("inconclusive after maxBake 1h: matchRate PENDING: lower bound 0.9814");
    }

    @Test
    void evidenceThatPassesAtMaxBakeStillAdvances() {
        Decision decision = judge.judge(StageEvidences.clean(2000), Duration.ofHours(3), BAKE,
                RolloutConfigs.withOnInconclusive(OnInconclusive.ROLLBACK));

        assertThat(decision.verdict()).isEqualTo(StageVerdict.ADVANCE);
    }

    @Test
    void waitingSaysEverythingThatIsMissing() {
        Decision decision = judge.judge(StageEvidences.clean(150), Duration.ofSeconds(90), BAKE, RolloutConfigs.defaults());

        assertThat(decision.verdict()).isEqualTo(StageVerdict.WAIT);
        assertThat(decision.reason()).startsWith("baking 1m30s of 10m; 150 of 200 comparisons; matchRate PENDING: ")
                .contains("; errorRateIncrease PENDING: ").contains("; latencyIncrease PENDING: ");
    }
}
