package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.compare.MismatchPaths;
import io.shadowgate.compare.PathNoise;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The stage's evidence as a value: it merges exactly and survives being written and read back. */
class EvidenceTest {
    private static final Function<String, PathNoise> SCORE_IS_NOISY =
            path -> path.equals("/predictions/*/score") ? PathNoise.NOISY : PathNoise.QUIET;

    /** One replica's share of a stage's traffic: every kind of outcome, timed every way. */
    private static void traffic(EvidenceWindow window, long seed, int requests) {
        Random random = new Random(seed);
        for (int i = 0; i < requests; i++) {
            long stable = 5_000_000 + random.nextInt(20_000_000);
            long candidate = 5_000_000 + random.nextInt(30_000_000);
            boolean candidateServed = random.nextInt(4) == 0;
            switch (random.nextInt(7)) {
                case 0 -> window.record(Outcomes.served(Outcomes.erred(random.nextBoolean(), true), candidateServed));
                case 1 -> window.record(Outcomes.served(Outcomes.mismatched(MismatchPaths.of(List.of("/predictions/*/score")),
                        stable, candidate), candidateServed));
                case 2 -> window.record(Outcomes.served(Outcomes.mismatched(MismatchPaths.of(List.of("/predictions/*/label")),
                        stable, candidate), candidateServed));
                case 3 -> window.record(Outcomes.served(Outcomes.answered(stable, candidate), candidateServed));
                // Scores in 64ths, so that their sums are exact in any order and merged evidence equals.
                case 4 -> window.record(Outcomes.scored(Outcomes.served(Outcomes.compared(true, stable, candidate),
                        candidateServed), new io.shadowgate.compare.Outcome.Match(),
                        new io.shadowgate.compare.Outcome.Similarity(random.nextInt(65) / 64.0,
                                random.nextBoolean() ? random.nextInt(65) / 64.0 : Double.NaN)));
                default -> window.record(Outcomes.served(Outcomes.compared(true, stable, candidate), candidateServed));
            }
            if (random.nextInt(3) == 0) {
                window.recordNoiseCopy(candidateServed, candidate, stable + random.nextInt(1_000_000));
            }
            if (random.nextInt(5) == 0) {
                window.recordStableAgainstItself(stable, stable + random.nextInt(2_000_000));
            }
        }
    }

    @Test
    void theEvidenceOfTwoReplicasMergesToWhatOneWindowOfAllTheirTrafficHolds() {
        EvidenceWindow first = new EvidenceWindow();
        EvidenceWindow second = new EvidenceWindow();
        EvidenceWindow both = new EvidenceWindow();
        traffic(first, 1, 700);
        traffic(second, 2, 500);
        traffic(both, 1, 700);
        traffic(both, 2, 500);

        Evidence merged = first.evidence().merge(second.evidence());

        assertThat(merged).isEqualTo(both.evidence());
        assertThat(merged.counts().paired()).isEqualTo(1200);
        assertThat(merged.counts().pairedScores()).isPositive().isLessThan(merged.counts().scored());
        assertThat(merged.judged(SCORE_IS_NOISY).similarity()).isEqualTo(both.snapshot().similarity());
        StageEvidence judged = merged.judged(SCORE_IS_NOISY);
        StageEvidence expected = both.snapshot(SCORE_IS_NOISY);
        assertThat(judged.comparisons()).isEqualTo(expected.comparisons());
        assertThat(judged.matches()).isEqualTo(expected.matches());
        assertThat(judged.noisy()).isPositive().isEqualTo(expected.noisy());
        assertThat(judged.latencyPath()).isEqualTo(expected.latencyPath());
        assertThat(judged.stableLatency().quantile(0.99)).isEqualTo(expected.stableLatency().quantile(0.99));
        assertThat(judged.candidateLatency().quantile(0.5)).isEqualTo(expected.candidateLatency().quantile(0.5));
        assertThat(judged.stableAgainstItself().count()).isEqualTo(expected.stableAgainstItself().count());
        // The gates give one verdict on either.
        assertThat(Gates.evaluate(judged, RolloutConfigs.defaults()).results())
                .isEqualTo(Gates.evaluate(expected, RolloutConfigs.defaults()).results());
    }

    @Test
    void mergingWithNothingChangesNothingAndOrderDoesNotMatter() {
        EvidenceWindow a = new EvidenceWindow();
        EvidenceWindow b = new EvidenceWindow();
        traffic(a, 3, 300);
        traffic(b, 4, 200);

        assertThat(a.evidence().merge(Evidence.empty())).isEqualTo(a.evidence());
        assertThat(Evidence.empty().merge(a.evidence())).isEqualTo(a.evidence());
        assertThat(a.evidence().merge(b.evidence())).isEqualTo(b.evidence().merge(a.evidence()));
    }

    @Test
    void writtenAndReadBackItIsTheSameEvidenceInAFewKilobytes() {
        EvidenceWindow window = new EvidenceWindow();
        traffic(window, 5, 5_000);
        Evidence evidence = window.evidence();

        byte[] bytes = evidence.encode();

        assertThat(Evidence.decode(bytes)).isEqualTo(evidence);
        assertThat(Evidence.decode(bytes).judged(SCORE_IS_NOISY).matches())
                .isEqualTo(evidence.judged(SCORE_IS_NOISY).matches());
        assertThat(bytes.length).as("bytes for 5,000 requests").isLessThan(8_192);
        assertThat(Evidence.decode(bytes).counts().scoreDifferenceSquares()).isPositive()
                .isEqualTo(evidence.counts().scoreDifferenceSquares());
        assertThat(Evidence.decode(bytes).judged(SCORE_IS_NOISY).similarity())
                .isEqualTo(evidence.judged(SCORE_IS_NOISY).similarity());
        assertThat(Evidence.decode(Evidence.empty().encode())).isEqualTo(Evidence.empty());
    }

    @Test
    void bytesThatAreNotEvidenceAreRefusedWithTheReason() {
        byte[] bytes = new EvidenceWindow().evidence().encode();
        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 9;

        assertThatThrownBy(() -> Evidence.decode(otherVersion)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("evidence format 9 (expected: 2)");
        byte[] firstFormat = bytes.clone();
        firstFormat[0] = 1; // before paired similarity scores: its counts are shorter
        assertThatThrownBy(() -> Evidence.decode(firstFormat)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("evidence format 1 (expected: 2)");
        assertThatThrownBy(() -> Evidence.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("evidence cut short");
        assertThatThrownBy(() -> Evidence.decode(Arrays.copyOf(bytes, bytes.length + 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 bytes after the evidence");
    }

    @Test
    void aResetWindowHoldsNoEvidenceAndTheValueTakenBeforeIsUntouched() {
        EvidenceWindow window = new EvidenceWindow();
        traffic(window, 6, 100);
        Evidence before = window.evidence();
        byte[] encoded = before.encode();

        window.reset();
        traffic(window, 7, 10);

        assertThat(before.encode()).isEqualTo(encoded);
        assertThat(window.evidence().counts().paired()).isEqualTo(10);
    }
}
