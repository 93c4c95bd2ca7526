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
            2000, 1.0, PASS,    upper bound +10.52% <= +20.00% after 2000 pairs (p99 candidate 50.46 ms, stable 50.46 ms)
            2000, 1.05, PASS,   <= +20.00% after 2000 pairs
            2000, 1.1,  PENDING, <= +20.00% < upper bound
            2000, 1.5, FAIL,    > +20.00% after 2000 pairs
            400,  1.0, PENDING, +20.00% < upper bound
            # +30% against a +20% limit stays open on 2000 pairs; twenty thousand settle it
            2000,  1.3, PENDING, <= +20.00% < upper bound
            20000, 1.3, FAIL,    > +20.00% after 20000 pairs
            """)
    void verdicts(int pairs, double factor, GateVerdict verdict, String detail) {
        GateResult result = new LatencyGate().judge(Evidence.latencies(pairs, factor), DEFAULTS);
        assertThat(result.name()).isEqualTo("latencyIncrease");
        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.detail()).contains(detail);
    }

    @Test
    void aConclusiveIncreaseWaitsForTheFailureFloor() {
        RolloutConfig d = RolloutConfigs.defaults();
        GateSettings patient = GateSettings.of(RolloutConfigs.with(5000, 0.95, d.gates(), Duration.ofMinutes(10),
                Duration.ofHours(1), d.onInconclusive()));
        GateResult result = new LatencyGate().judge(Evidence.latencies(400, 3), patient);
        assertThat(result.verdict()).isEqualTo(GateVerdict.PENDING);
        assertThat(result.detail()).contains("too few to roll back (needs 500)");
        assertThat(new LatencyGate().judge(Evidence.latencies(500, 3), patient).verdict()).isEqualTo(GateVerdict.FAIL);
    }
}
