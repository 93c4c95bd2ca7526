package io.shadowgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.sample.LlmDrift;
import io.shadowgate.sample.ModelVariant;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each scenario's candidate differs from stable in its one fault, and its verdict is judged strictly. */
class DemoScenarioTest {
    @Test
    void everyCandidateIsTheStableModelWithOneFault() {
        assertThat(DemoScenario.GOOD.candidateOptions(9102)).isEqualTo(DemoScenario.GOOD.stableOptions(9102));
        assertThat(DemoScenario.LLM_GOOD.candidateOptions(9102)).isEqualTo(DemoScenario.LLM_GOOD.stableOptions(9102));
        assertThat(DemoScenario.LLM_DRIFT.candidateOptions(9102).llmDrift()).isEqualTo(LlmDrift.VOCABULARY);
        assertThat(DemoScenario.LLM_DRIFT.candidateOptions(9102).tokenDelay()).isEqualTo(Duration.ofMillis(2));
        assertThat(DemoScenario.DRIFT.candidateOptions(9102).drift()).isEqualTo(0.10);
        assertThat(DemoScenario.SLOW.candidateOptions(9102).latency()).isEqualTo(Duration.ofMillis(22).plusNanos(500_000));
        assertThat(DemoScenario.ERRORS.candidateOptions(9102).errorRate()).isEqualTo(0.05);
        for (DemoScenario scenario : DemoScenario.values()) {
            assertThat(scenario.candidateOptions(9102).variant()).isEqualTo(ModelVariant.V1);
        }
        assertThat(DemoScenario.GOOD.stableOptions(9101).latency()).isEqualTo(Duration.ofMillis(15));
        assertThat(DemoScenario.LLM_GOOD.stableOptions(9101).latency()).as("a text model is paced by its tokens").isZero();
    }

    @Test
    void aRollbackCountsOnlyWhenTheScenariosOwnGateFailed() {
        assertThat(DemoScenario.GOOD.expected("PROMOTED", "every gate passed on 2002 comparisons after 10s")).isTrue();
        assertThat(DemoScenario.GOOD.expected("ROLLED_BACK", "gate latencyIncrease FAIL: ...")).isFalse();
        assertThat(DemoScenario.DRIFT.expected("ROLLED_BACK", "gate matchRate FAIL: upper bound 0.94 < 0.99")).isTrue();
        assertThat(DemoScenario.DRIFT.expected("ROLLED_BACK", "gate latencyIncrease FAIL: ...")).isFalse();
        assertThat(DemoScenario.SLOW.expected("ROLLED_BACK", "inconclusive after maxBake 1m: ...")).isFalse();
        assertThat(DemoScenario.ERRORS.expected("ROLLED_BACK", "rolled back by an operator")).isFalse();
        assertThat(DemoScenario.ERRORS.expected("PROMOTED", "every gate passed")).isFalse();
        assertThat(DemoScenario.LLM_DRIFT.expected("ROLLED_BACK", "gate similarity FAIL: upper bound -0.21 < -0.05"))
                .isTrue();
        assertThat(DemoScenario.LLM_DRIFT.expected("ROLLED_BACK", "gate matchRate FAIL: ...")).isFalse();
        assertThat(DemoScenario.LLM_GOOD.expected("PROMOTED", "every gate passed")).isTrue();
    }

    @Test
    void scenariosAreNamedOnTheCommandLineWithHyphens() {
        assertThat(DemoScenario.named("llm-good")).isEqualTo(DemoScenario.LLM_GOOD);
        assertThat(DemoScenario.named(" LLM-Drift ")).isEqualTo(DemoScenario.LLM_DRIFT);
        assertThat(DemoScenario.named("drift")).isEqualTo(DemoScenario.DRIFT);
        assertThat(DemoScenario.LLM_DRIFT.optionValue()).isEqualTo("llm-drift");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DemoScenario.named("llm_good"))
                .hasMessageContaining("llm-good");
    }
}
