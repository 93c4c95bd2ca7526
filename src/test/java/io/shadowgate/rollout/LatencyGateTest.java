package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.config.RolloutConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** maxLatencyIncrease 0.20 at 95%, on lognormal latency grids (median 20 ms, sigma 0.4). */
class LatencyGateTest {
    private static final GateSettings DEFAULTS = GateSettings.of(RolloutConfigs.defaults());

    @ParameterizedTest(name = "{0} pairs, candidate x{1}: {2}")
    @CsvSource(textBlock = """
            99,   1.0, PENDING, 99 of the 100 paired latencies a p99 needs
            # a p99 but no upper bound for it yet (368 at 95%)
            300,  1.0, PENDING, increase +0.00%, too few pairs for a p99 upper bound after 300 pairs
            2000, 1.0, PASS,    upper bound +10.52% <= +20.00% after 2000 pairs (p99 candidate 50.46 ms, stable 50.46 ms, both timed by the proxy)
            2000, 1.05, PASS,   <= +20.00% after 2000 pairs
            2000, 1.1,  PENDING, <= +20.00% < upper bound
            2000, 1.5, FAIL,    > +20.00% after 2000 pairs
            400,  1.0, PENDING, +20.00% < upper bound
            # +30% against a +20% limit stays open on 2000 pairs; twenty thousand settle it
            2000,  1.3, PENDING, <= +20.00% < upper bound
            20000, 1.3, FAIL,    > +20.00% after 20000 pairs
            """)
    void verdicts(int pairs, double factor, GateVerdict verdict, String detail) {
        GateResult result = new LatencyGate().judge(StageEvidences.latencies(pairs, factor), DEFAULTS);
        assertThat(result.name()).isEqualTo("latencyIncrease");
        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.detail()).contains(detail);
    }

    @Test
    void aConclusiveIncreaseWaitsForTheFailureFloor() {
        RolloutConfig d = RolloutConfigs.defaults();
        GateSettings patient = GateSettings.of(RolloutConfigs.with(5000, 0.95, d.gates(), Duration.ofMinutes(10),
                Duration.ofHours(1), d.onInconclusive()));
        GateResult result = new LatencyGate().judge(StageEvidences.latencies(400, 3), patient);
        assertThat(result.verdict()).isEqualTo(GateVerdict.PENDING);
        assertThat(result.detail()).contains("too few to roll back (needs 500)");
        assertThat(new LatencyGate().judge(StageEvidences.latencies(500, 3), patient).verdict()).isEqualTo(GateVerdict.FAIL);
    }

    @Test
    void inShadowACandidateThatOnlyLooksSlowerThroughTheMirrorIsNeverRolledBack() {
        EvidenceWindow shadow = new EvidenceWindow();
        for (int i = 0; i < 5000; i++) { // the copy twice as slow: the mirror's own delay, or a slow candidate
            shadow.record(Outcomes.served(Outcomes.compared(true, 10_000_000 + i, 20_000_000 + i), false));
        }
        GateResult result = new LatencyGate().judge(shadow.snapshot(), DEFAULTS);

        assertThat(result.verdict()).as("passed on to the canary stage, which times both sides alike")
                .isEqualTo(GateVerdict.PASS);
        assertThat(result.detail()).startsWith("deferred to the first canary stage")
                .contains("the candidate's copy by the mirror").contains("compare.noisePercent");
    }

    @Test
    void theCrossReadingCanPassACandidateThatIsNotSlowerEvenThroughTheMirror() {
        EvidenceWindow shadow = new EvidenceWindow();
        for (int i = 0; i < 5000; i++) {
            shadow.record(Outcomes.served(Outcomes.compared(true, 10_000_000 + i, 10_000_000 + i), false));
        }
        GateResult result = new LatencyGate().judge(shadow.snapshot(), DEFAULTS);

        assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(result.detail()).contains("stable timed by the proxy, the candidate's copy by the mirror");
    }

    @Test
    void atACanaryTheAnswersEachSideGaveClientsDecideEvenWhenTheMirrorLags() {
        EvidenceWindow canary = new EvidenceWindow();
        for (int i = 0; i < 20_000; i++) {
            long jitter = i % 1000 * 1000L;
            // stable served 95%: its copy to the candidate took twice as long through the mirror
            canary.record(Outcomes.served(Outcomes.compared(true, 10_000_000 + jitter, 20_000_000 + jitter), false));
            if (i % 20 == 0) { // the candidate served 5%: as fast as stable when the proxy times it
                canary.record(Outcomes.served(Outcomes.compared(true, 20_000_000 + jitter, 10_000_000 + jitter), true));
            }
        }
        GateResult result = new LatencyGate().judge(canary.snapshot(), DEFAULTS);

        assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(result.detail()).contains("both timed by the proxy");
    }

    @Test
    void stableNoiseCopiesLetTheGateJudgeTheMirrorTimedSidesInShadow() {
        EvidenceWindow shadow = new EvidenceWindow();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            long jitter = (long) (random.nextDouble() * 2_000_000);
            // stable 10 ms by the proxy; copies by the mirror: candidate 30 ms, stable noise 12 ms
            shadow.record(Outcomes.served(Outcomes.compared(true, 10_000_000 + jitter, 30_000_000 + jitter), false));
            shadow.recordNoiseCopy(false, 30_000_000 + jitter, 12_000_000 + jitter);
        }
        GateResult result = new LatencyGate().judge(shadow.snapshot(), DEFAULTS);

        assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
        assertThat(result.detail()).contains("a stable copy sent together by the mirror");
    }

    @ParameterizedTest(name = "candidate x{0}, stable against itself x{1}: {2}")
    @CsvSource(textBlock = """
            # a quiet host: the verdicts of the table above, with the host's noise stated
            1.5,  1.0,  FAIL,    stable against itself +0.00% after 20000 pairs
            1.0,  1.0,  PASS,    stable against itself +0.00%
            # the stable differs from itself by 40%: a candidate 50% slower is within that, held
            1.5,  1.4,  PENDING, but not beyond the host's noise (stable against itself +40.
            2.0,  1.4,  FAIL,    lower bound
            # and an identical one is not passed either, while the host swings by 25%
            1.0,  1.25, PENDING, only below -3.85% is not slower on this host
            # the host's noise counts whichever way it goes
            1.5,  0.7,  PENDING, but not beyond the host's noise (stable against itself -29.9
            """)
    void neitherVerdictIsGivenWithinTheHostsNoise(double factor, double hostFactor, GateVerdict verdict, String detail) {
        GateResult result = new LatencyGate().judge(StageEvidences.latenciesOnAHost(20_000, factor, hostFactor), DEFAULTS);
        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.detail()).contains(detail);
    }

    @Test
    void theHostsNoiseIsMeasuredOnlyOnceThereAreEnoughStableCopies() {
        LatencyPairs few = new LatencyPairs(StageEvidences.grid(99, 1), StageEvidences.grid(99, 3));
        StageEvidence evidence = new StageEvidence(20_000, 0, 0, 0, 0, StageEvidences.grid(20_000, 1),
                StageEvidences.grid(20_000, 1.5), LatencyPath.PROXY, LatencyDistribution.empty(), LatencyDistribution.empty(),
                few);

        GateResult result = new LatencyGate().judge(evidence, DEFAULTS);

        assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
        assertThat(result.detail()).doesNotContain("stable against itself");
    }

    @Test
    void inACanaryWithNoiseCopiesNoPassWhileTheOtherTimingPutsTheCandidateAboveTheLimit() {
        LatencyPairs copies = new LatencyPairs(StageEvidences.grid(20_000, 1), StageEvidences.grid(20_000, 1.5));
        StageEvidence evidence = new StageEvidence(20_000, 0, 0, 0, 0, StageEvidences.grid(20_000, 1),
                StageEvidences.grid(20_000, 1), LatencyPath.PROXY, LatencyDistribution.empty(), LatencyDistribution.empty(),
                LatencyPairs.empty(), 0, 0, copies);

        GateResult result = new LatencyGate().judge(evidence, DEFAULTS);

        assertThat(result.verdict()).isEqualTo(GateVerdict.PENDING);
        assertThat(result.detail()).contains("but timed the other way the candidate is +50.")
                .contains("the candidate's and a stable copy sent together by the mirror");
        StageEvidence agreeing = new StageEvidence(20_000, 0, 0, 0, 0, StageEvidences.grid(20_000, 1),
                StageEvidences.grid(20_000, 1), LatencyPath.PROXY, LatencyDistribution.empty(), LatencyDistribution.empty(),
                LatencyPairs.empty(), 0, 0, new LatencyPairs(StageEvidences.grid(20_000, 1), StageEvidences.grid(20_000, 1)));
        assertThat(new LatencyGate().judge(agreeing, DEFAULTS).verdict()).isEqualTo(GateVerdict.PASS);
    }
}
