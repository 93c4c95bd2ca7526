package io.shadowgate.rollout;

import io.shadowgate.compare.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.compare.MismatchPaths;
import io.shadowgate.compare.PathNoise;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Mismatches on noisy paths only are matches for the gate, decided when the stage is judged, so a
 * path found noisy later clears the mismatches it caused earlier in the stage.
 */
class NoisyEvidenceTest {
    private static final long MS = 1_000_000;

    /** These paths noisy, every other quiet. */
    private static Function<String, PathNoise> noisy(Set<String> paths) {
        return path -> paths.contains(path) ? PathNoise.NOISY : PathNoise.QUIET;
    }

    private static Outcome mismatch(String... paths) {
        return Outcomes.mismatched(MismatchPaths.of(List.of(paths)), 10 * MS, 10 * MS);
    }

    @Test
    void aMismatchOnNoisyPathsOnlyCountsAsANoisyMatch() {
        EvidenceWindow window = new EvidenceWindow();
        window.recordTimedAlike(Outcomes.compared(true, 10 * MS, 10 * MS));
        window.recordTimedAlike(mismatch("/id"));
        window.recordTimedAlike(mismatch("/id", "/predictions/*"));
        window.recordTimedAlike(Outcomes.compared(false, 10 * MS, 10 * MS)); // paths unknown: never noise
        window.recordTimedAlike(mismatch()); // every difference on a configured noisy path

        StageEvidence evidence = window.snapshot(noisy(Set.of("/id")));

        assertThat(evidence.comparisons()).isEqualTo(5);
        assertThat(evidence.matches()).isEqualTo(3);
        assertThat(evidence.noisy()).isEqualTo(2);
    }

    @Test
    void withoutNoisyPathsNothingChanges() {
        EvidenceWindow window = new EvidenceWindow();
        window.recordTimedAlike(Outcomes.compared(true, 10 * MS, 10 * MS));
        window.recordTimedAlike(mismatch("/id"));

        StageEvidence evidence = window.snapshot();

        assertThat(evidence.matches()).isEqualTo(1);
        assertThat(evidence.noisy()).isZero();
    }

    @Test
    void theClassificationOfTheJudgementAppliesToTheWholeStage() {
        EvidenceWindow window = new EvidenceWindow();
        for (int i = 0; i < 30; i++) {
            window.recordTimedAlike(mismatch("/created"));
        }
        Set<String> noisy = new HashSet<>();

        assertThat(window.snapshot(noisy(noisy)).noisy()).isZero();
        noisy.add("/created");
        assertThat(window.snapshot(noisy(noisy)).noisy()).isEqualTo(30);
        assertThat(window.snapshot(noisy(noisy)).matches()).isEqualTo(30);

        window.reset();
        assertThat(window.snapshot(noisy(noisy)).noisy()).isZero();
    }

    @Test
    void mismatchesWithTooManyDistinctPathSetsCountAsMismatches() {
        EvidenceWindow window = new EvidenceWindow();
        for (int i = 0; i < EvidenceWindow.MAX_PATH_SETS + 10; i++) {
            window.recordTimedAlike(mismatch("/p" + i));
        }

        assertThat(window.snapshot(path -> PathNoise.NOISY).noisy()).isEqualTo(EvidenceWindow.MAX_PATH_SETS);
    }

    @Test
    void theGateSeesNoisyComparisonsAsMatchesAndTheStatusCountsThem() {
        GatedEvidence evidence = new GatedEvidence(noisy(Set.of("/id")));
        for (int i = 0; i < 400; i++) {
            evidence.accept(Outcomes.of(true, i % 2 == 0, true, false, false, 10 * MS, 10 * MS, false, 0,
                    i % 2 == 0 ? MismatchPaths.UNKNOWN : MismatchPaths.of(List.of("/id")), 0));
        }

        Judgement judgement = judgeBaked(evidence);

        assertThat(judgement.evidence()).containsEntry("samples", 400L).containsEntry("noisy", 200L)
                .containsEntry("matchRate", 1.0);
        assertThat(judgement.gates().get(0)).containsEntry("name", Gates.MATCH_RATE).containsEntry("verdict", "pass");
        assertThat(judgement.gates().get(0).get("detail").toString()).contains("200 noisy counted as matches");
    }

    @Test
    void mismatchesOnPathsNotYetToldFromNoiseNeitherPassNorFailTheMatchGate() {
        GatedEvidence evidence = new GatedEvidence(
                path -> path.equals("/created") ? PathNoise.UNDECIDED : PathNoise.QUIET);
        for (int i = 0; i < 400; i++) {
            evidence.accept(Outcomes.of(true, i % 2 == 0, true, false, false, 10 * MS, 10 * MS, false, 0,
                    i % 2 == 0 ? MismatchPaths.UNKNOWN : MismatchPaths.of(List.of("/created")), 0));
        }

        Judgement judgement = judgeBaked(evidence);

        assertThat(judgement.evidence()).containsEntry("undecided", 200L).containsEntry("noisy", 0L);
        assertThat(judgement.gates().get(0)).containsEntry("verdict", "pending");
        assertThat(judgement.verdict()).isNotEqualTo(StageVerdict.ROLLBACK);
    }

    @Test
    void twoRealMismatchesBesideUndecidedOnesCanStillFail() {
        EvidenceWindow window = new EvidenceWindow();
        for (int i = 0; i < 20; i++) {
            window.recordTimedAlike(i < 2 ? mismatch("/label") : mismatch("/created"));
        }
        StageEvidence evidence = window.snapshot(path -> path.equals("/created") ? PathNoise.UNDECIDED : PathNoise.QUIET);

        assertThat(evidence.undecided()).isEqualTo(18);
        // 2 real mismatches in 20: the upper bound with the 18 counted as matches is 0.969 < 0.99.
        assertThat(new MatchRateGate().judge(evidence, GateSettings.of(RolloutConfigs.defaults())).verdict())
                .isEqualTo(GateVerdict.FAIL);
    }

    @Test
    void withoutANoisePredicateTheSameOutcomesRollBack() {
        GatedEvidence evidence = new GatedEvidence();
        for (int i = 0; i < 400; i++) {
            evidence.accept(Outcomes.of(true, i % 2 == 0, true, false, false, 10 * MS, 10 * MS, false, 0,
                    i % 2 == 0 ? MismatchPaths.UNKNOWN : MismatchPaths.of(List.of("/id")), 0));
        }

        Judgement judgement = judgeBaked(evidence);

        assertThat(judgement.verdict()).isEqualTo(StageVerdict.ROLLBACK);
        assertThat(judgement.evidence()).containsEntry("noisy", 0L);
    }

    /** The judgement the rollout makes of the evidence after an 11-minute stage with a 10-minute bake. */
    private static Judgement judgeBaked(GatedEvidence evidence) {
        StageEvidence snapshot = evidence.snapshot();
        return Judgement.of(new StageJudge().judge(snapshot, Duration.ofMinutes(11), Duration.ofMinutes(10),
                RolloutConfigs.defaults()), snapshot);
    }
}
