package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The report /status shows: every gate in a fixed order, and the headline numbers. */
class GatesTest {

    @Test
    void reportsEveryGateInOrderWithTheHeadlineNumbers() {
        StageEvidence evidence = new StageEvidence(1000, 5, 15, 980, 970, StageEvidences.grid(980, 1), StageEvidences.grid(980, 1.1));

        GateReport report = Gates.evaluate(evidence, RolloutConfigs.defaults());

        assertThat(report.results()).extracting(GateResult::name)
                .containsExactly(Gates.MATCH_RATE, Gates.ERROR_RATE_INCREASE, Gates.LATENCY_INCREASE);
        assertThat(report.samples()).isEqualTo(980);
        assertThat(report.matchRate().getAsDouble()).isCloseTo(970.0 / 980, within(1e-12));
        assertThat(report.matchRateLower().getAsDouble())
                .isCloseTo(Wilson.interval(970, 980, 0.95).lower(), within(1e-12));
        assertThat(report.errorRateIncrease().getAsDouble()).isCloseTo(0.01, within(1e-12));
        assertThat(report.latencyIncrease().getAsDouble()).isCloseTo(0.1, within(0.011));
        assertThat(report.result(Gates.LATENCY_INCREASE)).isPresent();
    }

    @Test
    void numbersAreAbsentUntilThereIsEvidenceForThem() {
        GateReport report = Gates.evaluate(StageEvidence.empty(), RolloutConfigs.defaults());

        assertThat(report.samples()).isZero();
        assertThat(report.matchRate()).isEqualTo(OptionalDouble.empty());
        assertThat(report.matchRateLower()).isEqualTo(OptionalDouble.empty());
        assertThat(report.errorRateIncrease()).isEqualTo(OptionalDouble.empty());
        assertThat(report.latencyIncrease()).isEqualTo(OptionalDouble.empty());
        assertThat(report.results()).extracting(GateResult::verdict).containsOnly(GateVerdict.PENDING);
        assertThat(report.allPass()).isFalse();
        assertThat(report.firstFailure()).isEmpty();
    }

    @Test
    void theFirstFailureIsReported() {
        StageEvidence evidence = new StageEvidence(100, 0, 50, 50, 40, LatencyDistribution.empty(),
                LatencyDistribution.empty());

        GateReport report = Gates.evaluate(evidence, RolloutConfigs.defaults());

        assertThat(report.firstFailure()).get().extracting(GateResult::name).isEqualTo(Gates.MATCH_RATE);
        assertThat(report.result(Gates.ERROR_RATE_INCREASE)).get().extracting(GateResult::verdict)
                .isEqualTo(GateVerdict.FAIL);
    }
}
