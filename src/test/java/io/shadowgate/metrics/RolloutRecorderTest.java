package io.shadowgate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shadowgate.config.RolloutConfig;
import io.shadowgate.testing.Scrapes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rollout's gauges as Prometheus sees them, by their exported names. */
class RolloutRecorderTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RolloutRecorder recorder = new RolloutRecorder(registry, List.of("SHADOW", "CANARY", "PROMOTED"));

    @Test
    void showSetsPhaseStageAndWeight() {
        recorder.show("CANARY", 1, 25, "", Double.NaN);
        String scrape = registry.scrape();

        assertThat(Scrapes.value(scrape, "shadowgate_rollout_phase", Map.of("phase", "CANARY"))).isEqualTo(1);
        assertThat(Scrapes.value(scrape, "shadowgate_rollout_phase", Map.of("phase", "SHADOW"))).isEqualTo(0);
        assertThat(Scrapes.value(scrape, "shadowgate_rollout_stage", Map.of())).isEqualTo(1);
        assertThat(Scrapes.value(scrape, "shadowgate_canary_weight_percent", Map.of())).isEqualTo(25);
    }

    @Test
    void judgementSetsTheStageMatchRateAndOneDecision() {
        recorder.show("SHADOW", -1, 0, "inconclusive", 0.97);
        String scrape = registry.scrape();

        assertThat(Scrapes.value(scrape, "shadowgate_rollout_stage_match_rate", Map.of())).isEqualTo(0.97);
        assertThat(Scrapes.value(scrape, "shadowgate_rollout_decision", Map.of("decision", "inconclusive"))).isEqualTo(1);
        for (String other : List.of("advance", "rollback", "wait")) {
            assertThat(Scrapes.value(scrape, "shadowgate_rollout_decision", Map.of("decision", other))).isEqualTo(0);
        }
    }

    @Test
    void aNewStageForgetsTheLastJudgement() {
        recorder.show("SHADOW", -1, 0, "advance", 1.0);
        recorder.show("CANARY", 0, 5, "", Double.NaN);
        String scrape = registry.scrape();

        assertThat(scrape).contains("shadowgate_rollout_stage_match_rate NaN");
        assertThat(Scrapes.value(scrape, "shadowgate_rollout_decision", Map.of("decision", "advance"))).isEqualTo(0);
        assertThat(Scrapes.value(scrape, "shadowgate_rollout_stage", Map.of())).isEqualTo(0);
    }

    @Test
    void unknownDecisionIsRefused() {
        assertThatThrownBy(() -> recorder.show("SHADOW", -1, 0, "maybe", 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maybe");
    }

    @Test
    void gateThresholdsAreExportedPerGate() {
        GateThresholdGauges.register(registry, new RolloutConfig.Gates(0.99, 0.01, 0.2));
        String scrape = registry.scrape();

        assertThat(Scrapes.value(scrape, "shadowgate_rollout_gate_threshold", Map.of("gate", "minMatchRate")))
                .isEqualTo(0.99);
        assertThat(Scrapes.value(scrape, "shadowgate_rollout_gate_threshold", Map.of("gate", "maxErrorRateIncrease")))
                .isEqualTo(0.01);
        assertThat(Scrapes.value(scrape, "shadowgate_rollout_gate_threshold", Map.of("gate", "maxLatencyIncrease")))
                .isEqualTo(0.2);
        assertThat(Scrapes.value(scrape, "shadowgate_rollout_gate_threshold", Map.of("gate", "maxSimilarityDrop")))
                .isEqualTo(RolloutConfig.Gates.DEFAULT_MAX_SIMILARITY_DROP);
    }
}
