package io.shadowgate.rollout;

import io.shadowgate.compare.Outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.compare.MismatchPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EvidenceWindowTest {

    @Test
    void countsEachKindOfOutcome() {
        EvidenceWindow window = new EvidenceWindow();
        window.recordTimedAlike(Outcomes.compared(true, 10_000_000, 12_000_000));
        window.recordTimedAlike(Outcomes.compared(false, 11_000_000, 13_000_000));
        window.recordTimedAlike(Outcomes.answered(9_000_000, 9_500_000));
        window.recordTimedAlike(Outcomes.erred(true, false));
        window.recordTimedAlike(Outcomes.erred(false, true));
        window.recordTimedAlike(Outcomes.erred(true, true));

        StageEvidence evidence = window.snapshot();

        assertThat(evidence.pairedRequests()).isEqualTo(6);
        assertThat(evidence.comparisons()).isEqualTo(2);
        assertThat(evidence.matches()).isEqualTo(1);
        assertThat(evidence.stableErrors()).isEqualTo(2);
        assertThat(evidence.candidateErrors()).isEqualTo(2);
        // Latencies only where both answered without error: the two compared and the one not compared.
        assertThat(evidence.pairedLatencies()).isEqualTo(3);
        assertThat(evidence.stableLatency().count()).isEqualTo(3);
        assertThat(evidence.candidateLatency().count()).isEqualTo(3);
    }

    @Test
    void inShadowTheTwoSidesAreTimedByDifferentClientsSoNoLatenciesAreCompared() {
        EvidenceWindow window = new EvidenceWindow();
        window.record(Outcomes.served(Outcomes.compared(true, 10_000_000, 12_000_000), false));
        window.record(Outcomes.served(Outcomes.answered(9_000_000, 9_500_000), false));

        StageEvidence evidence = window.snapshot();

        assertThat(evidence.latencyPath()).isEqualTo(LatencyPath.NONE);
        assertThat(evidence.pairedLatencies()).isZero();
        assertThat(evidence.comparisons()).isEqualTo(1);
    }

    @Test
    void inACanaryEachSideIsTakenFromTheAnswersItGaveClients() {
        EvidenceWindow window = new EvidenceWindow();
        for (int i = 0; i < 3; i++) { // stable served: stable by the proxy, the candidate's copy by the mirror
            window.record(Outcomes.served(Outcomes.compared(true, 10_000_000, 25_000_000), false));
        }
        for (int i = 0; i < 2; i++) { // the candidate served: the candidate by the proxy, stable's copy by the mirror
            window.record(Outcomes.served(Outcomes.compared(true, 26_000_000, 11_000_000), true));
        }

        StageEvidence evidence = window.snapshot();

        assertThat(evidence.latencyPath()).isEqualTo(LatencyPath.PROXY);
        assertThat(evidence.stableLatency().count()).isEqualTo(3);
        assertThat(evidence.candidateLatency().count()).isEqualTo(2);
        assertThat(evidence.candidateLatency().quantile(0.5)).isBetween(10_900_000L, 11_100_000L);
        assertThat(evidence.stableLatency().quantile(0.5)).isBetween(9_900_000L, 10_100_000L);
    }

    @Test
    void aNoiseCopyIsComparedWithTheCandidatesCopyOfTheSameRequest() {
        EvidenceWindow window = new EvidenceWindow();
        window.record(Outcomes.served(Outcomes.compared(true, 10_000_000, 25_000_000), false));
        window.recordNoiseCopy(false, 25_000_000, 24_000_000);
        window.record(Outcomes.served(Outcomes.compared(true, 10_000_000, 40_000_000), false)); // no noise copy: cross only

        StageEvidence evidence = window.snapshot();

        assertThat(evidence.latencyPath()).isEqualTo(LatencyPath.MIRROR);
        assertThat(evidence.stableLatency().count()).isEqualTo(1);
        assertThat(evidence.candidateLatency().count()).isEqualTo(1);
        assertThat(evidence.stableLatency().quantile(0.5)).isBetween(23_900_000L, 24_100_000L);
        assertThat(evidence.candidateLatency().quantile(0.5)).isBetween(24_900_000L, 25_100_000L);
        assertThat(evidence.candidateByMirror().count()).isEqualTo(2);
        assertThat(evidence.stableAgainstItself().count()).isZero();
    }

    @Test
    void whenTheCandidateServedTheTwoStableCopiesMeasureTheHostsNoise() {
        EvidenceWindow window = new EvidenceWindow();
        window.record(Outcomes.served(Outcomes.compared(true, 11_000_000, 26_000_000), true));
        window.recordNoiseCopy(true, 11_000_000, 12_000_000);

        StageEvidence evidence = window.snapshot();

        LatencyPairs copies = evidence.stableAgainstItself();
        assertThat(copies.first().quantile(0.5)).isBetween(10_900_000L, 11_100_000L);
        assertThat(copies.second().quantile(0.5)).isBetween(11_900_000L, 12_100_000L);
        assertThat(evidence.latencyPath()).as("the candidate's answer alone pairs with nothing").isEqualTo(LatencyPath.NONE);
    }

    @Test
    void twoStableNoiseCopiesOfOneRequestTimeStableAgainstItselfWhateverTheRequestEndedIn() {
        EvidenceWindow window = new EvidenceWindow();
        window.record(Outcomes.of(true, true, true, false, false, 10_000_000, 25_000_000, false,
                24_000_000, MismatchPaths.UNKNOWN, 26_000_000));
        window.record(Outcomes.of(false, false, false, false, false, 0, 0, false,
                30_000_000, MismatchPaths.UNKNOWN, 31_000_000)); // shed on the candidate's side

        LatencyPairs stable = window.snapshot().stableAgainstItself();

        assertThat(stable.count()).isEqualTo(2);
        assertThat(stable.first().quantile(0.5)).isBetween(23_900_000L, 24_100_000L);
        assertThat(stable.second().quantile(1)).isBetween(30_800_000L, 31_200_000L);
    }

    @Test
    void similarityScoresAreCountedOnComparedAnswersOnlyAndPairedWithStablesOwn() {
        EvidenceWindow window = new EvidenceWindow();
        window.record(Outcomes.scored(Outcomes.compared(true, 5, 6), new Outcome.Match(),
                new Outcome.Similarity(0.5, 0.75)));
        window.record(Outcomes.scored(Outcomes.compared(false, 5, 6),
                new Outcome.Mismatch(MismatchPaths.UNKNOWN, List.of()), new Outcome.Similarity(0.25, Double.NaN)));
        window.record(Outcomes.scored(Outcomes.compared(true, 5, 6), new Outcome.Match(),
                new Outcome.Similarity(1, 0.5)));
        // Not compared, or a side erred: its scores say nothing about the candidate's text.
        window.record(Outcomes.scored(Outcomes.answered(5, 6), new Outcome.NotCompared("too large"),
                new Outcome.Similarity(0, 0)));
        window.record(new Outcome(Outcomes.ROUTE, Outcomes.CANDIDATE, Outcome.Leg.answered(500, 5),
                Outcome.Leg.answered(200, 6), false, new Outcome.Match(), 0, 0, new Outcome.Similarity(0, 1)));
        // A route not compared by similarity.
        window.record(Outcomes.compared(true, 5, 6));

        SimilarityEvidence similarity = window.snapshot().similarity();

        // Differences -0.25 and +0.5: sum 0.25, squares 0.0625 + 0.25.
        assertThat(similarity).isEqualTo(new SimilarityEvidence(3, 1.75, 2, 0.25, 0.3125, 1.25));
        assertThat(similarity.meanScore()).isEqualTo(1.75 / 3);
        assertThat(similarity.stableMeanScore()).isEqualTo(0.625);
        assertThat(similarity.meanDifference()).isEqualTo(0.125);
        // Sample deviation of {-0.25, 0.5}: √(((-0.375)² + 0.375²) / 1) = 0.5303.
        assertThat(similarity.differenceDeviation()).isCloseTo(Math.sqrt(0.28125), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(window.snapshot().comparisons()).isEqualTo(4);

        window.reset();
        assertThat(window.snapshot().similarity()).isEqualTo(SimilarityEvidence.NONE);
        assertThat(SimilarityEvidence.NONE.meanScore()).isNaN();
        assertThat(SimilarityEvidence.NONE.differenceDeviation()).isNaN();
    }

    @Test
    void resetStartsTheNextStageFromNothing() {
        EvidenceWindow window = new EvidenceWindow();
        window.recordTimedAlike(Outcomes.compared(true, 1, 2));
        window.recordTimedAlike(Outcomes.erred(false, true));
        StageEvidence before = window.snapshot();

        window.reset();

        assertThat(window.snapshot()).usingRecursiveComparison().isEqualTo(StageEvidence.empty());
        assertThat(before.pairedRequests()).isEqualTo(2);
    }

    @Test
    void loseNothingWhenMirrorThreadsRecordWhileTheControllerSnapshots() throws InterruptedException {
        EvidenceWindow window = new EvidenceWindow();
        int threads = 4;
        int perThread = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> {
                await(start);
                for (int i = 0; i < perThread; i++) {
                    window.recordTimedAlike(i % 10 == 0 ? Outcomes.erred(false, true)
                            : Outcomes.compared(i % 2 == 0, 1_000_000 + i, 2_000_000 + i));
                }
            });
            writer.start();
            writers.add(writer);
        }
        start.countDown();
        while (writers.stream().anyMatch(Thread::isAlive)) {
            StageEvidence evidence = window.snapshot();
            assertThat(evidence.comparisons()).isLessThanOrEqualTo(evidence.pairedRequests());
            assertThat(evidence.pairedLatencies()).isEqualTo(evidence.comparisons());
        }
        for (Thread writer : writers) {
            writer.join();
        }
        StageEvidence evidence = window.snapshot();
        assertThat(evidence.pairedRequests()).isEqualTo((long) threads * perThread);
        assertThat(evidence.candidateErrors()).isEqualTo((long) threads * perThread / 10);
        assertThat(evidence.comparisons()).isEqualTo((long) threads * perThread * 9 / 10);
        assertThat(evidence.matches()).isEqualTo((long) threads * perThread * 4 / 10);
    }

    @Test
    void outcomesThatCannotHappenAreRejected() {
        assertThatThrownBy(() -> Outcomes.erred(false, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Outcome("/score", "candidate", Outcome.Leg.ended(Outcome.End.FAILED),
                Outcome.Leg.answered(200, 5), false, new Outcome.Match(), 0, 0))
                .hasMessage("match needs both answers, got FAILED and ANSWERED");
        assertThatThrownBy(() -> new Outcome.Leg(Outcome.End.TIMED_OUT, 504, 0))
                .hasMessageContaining("a status and a latency exactly when answered");
        assertThatThrownBy(() -> new Outcome.Similarity(1.5, Double.NaN)).hasMessage("scores 1.5, NaN (expected: 0..1 or NaN)");
        assertThatThrownBy(() -> Outcomes.compared(true, -1, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evidenceThatCannotHappenIsRejected() {
        LatencyDistribution none = LatencyDistribution.empty();
        assertThatThrownBy(() -> new StageEvidence(10, 0, 0, 5, 6, none, none))
                .hasMessageContaining("0 <= matches <= comparisons <= pairs");
        assertThatThrownBy(() -> new StageEvidence(10, 0, 0, 11, 6, none, none)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StageEvidence(10, 11, 0, 5, 5, none, none)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
