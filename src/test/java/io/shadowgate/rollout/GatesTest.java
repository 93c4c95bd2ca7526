package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shadowgate.config.LatencyMeasure;
import io.shadowgate.config.RolloutConfig;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The report /status shows: every gate in a fixed order, and the headline numbers. */
class GatesTest {

    @Test
    void reportsEveryGateInOrderWithTheHeadlineNumbers() {
        StageEvidence evidence = new StageEvidence(1000, 5, 15, 980, 970, StageEvidences.grid(980, 1), StageEvidences.grid(980, 1.1));

        GateReport report = Gates.evaluate(evidence, RolloutConfigs.defaults());

        assertThat(report.results()).extracting(GateResult::name)
                .containsExactly(Gates.MATCH_RATE, Gates.ERROR_RATE_INCREASE, Gates.LATENCY_INCREASE, Gates.SIMILARITY);
        assertThat(report.samples()).isEqualTo(980);
        assertThat(report.matchRate().getAsDouble()).isCloseTo(970.0 / 980, within(1e-12));
        assertThat(report.matchRateLower().getAsDouble())
                .isCloseTo(Wilson.interval(970, 980, 0.95).lower(), within(1e-12));
        assertThat(report.errorRateIncrease().getAsDouble()).isCloseTo(0.01, within(1e-12));
        assertThat(report.latencyIncrease().getAsDouble()).isCloseTo(0.1, within(0.011));
        assertThat(report.result(Gates.LATENCY_INCREASE)).isPresent();
        assertThat(report.candidateMeanScore()).isEmpty();
        assertThat(report.stableMeanScore()).isEmpty();
        assertThat(report.latencyMeasure()).isEqualTo("total");
    }

    @Test
    void aRouteComparedBySimilarityShowsBothMeanScoresAndTheLatencyMeasure() {
        RolloutConfig d = RolloutConfigs.defaults();
        RolloutConfig firstToken = RolloutConfigs.with(d.minSamples(), d.confidence(),
                new RolloutConfig.Gates(0.99, 0.01, 0.2, LatencyMeasure.FIRST_TOKEN, 0.05), d.bake(), d.maxBake(),
                d.onInconclusive());

        GateReport report = Gates.evaluate(StageEvidences.differences(400, -0.02, 0.2), firstToken);

        assertThat(report.candidateMeanScore().getAsDouble()).isCloseTo(0.53, within(1e-12));
        assertThat(report.stableMeanScore().getAsDouble()).isCloseTo(0.55, within(1e-12));
        assertThat(report.latencyMeasure()).isEqualTo("first-token");
        assertThat(report.result(Gates.LATENCY_INCREASE)).get().extracting(GateResult::detail).asString()
                .endsWith("; measure: p99 first-token latency");
        // -0.02 ± 1.96 * 0.2 / 20
        assertThat(report.result(Gates.SIMILARITY)).get().extracting(GateResult::detail).asString()
                .startsWith("lower bound -0.0396 >= -0.0500");
        Judgement judgement = new Judgement(StageVerdict.WAIT, "waiting", report, 0, 0);
        assertThat(judgement.evidence()).containsEntry("latencyMeasure", "first-token")
                .containsEntry("candidateMeanScore", report.candidateMeanScore().getAsDouble())
                .containsEntry("stableMeanScore", report.stableMeanScore().getAsDouble());
    }

    @Test
    void numbersAreAbsentUntilThereIsEvidenceForThem() {
        GateReport report = Gates.evaluate(StageEvidence.empty(), RolloutConfigs.defaults());

        assertThat(report.samples()).isZero();
        assertThat(report.matchRate()).isEqualTo(OptionalDouble.empty());
        assertThat(report.matchRateLower()).isEqualTo(OptionalDouble.empty());
        assertThat(report.errorRateIncrease()).isEqualTo(OptionalDouble.empty());
        assertThat(report.latencyIncrease()).isEqualTo(OptionalDouble.empty());
        assertThat(report.results()).extracting(GateResult::verdict)
                .containsExactly(GateVerdict.PENDING, GateVerdict.PENDING, GateVerdict.PENDING, GateVerdict.PASS);
        assertThat(report.result(Gates.SIMILARITY)).get().extracting(GateResult::detail)
                .isEqualTo("not applicable: no answers compared by similarity");
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
