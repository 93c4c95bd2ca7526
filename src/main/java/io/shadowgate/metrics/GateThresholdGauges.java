package io.shadowgate.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shadowgate.config.RolloutConfig;

/**
 * Exports the rollout's gate thresholds as constant gauges. A dashboard draws the gate line from
 * the same number the controller judges by, and an alert compares the match rate with it, so
 * neither repeats the configuration (and goes stale when it changes).
 */
public final class GateThresholdGauges {
    static final String MIN_MATCH_RATE = "minMatchRate";
    static final String MAX_ERROR_RATE_INCREASE = "maxErrorRateIncrease";
    static final String MAX_LATENCY_INCREASE = "maxLatencyIncrease";
    static final String MAX_SIMILARITY_DROP = "maxSimilarityDrop";

    private GateThresholdGauges() {}

    public static void register(MeterRegistry registry, RolloutConfig.Gates gates) {
        requireNonNull(registry, "registry");
        requireNonNull(gates, "gates");
        gauge(registry, MIN_MATCH_RATE, gates.minMatchRate());
        gauge(registry, MAX_ERROR_RATE_INCREASE, gates.maxErrorRateIncrease());
        gauge(registry, MAX_LATENCY_INCREASE, gates.maxLatencyIncrease());
        gauge(registry, MAX_SIMILARITY_DROP, gates.maxSimilarityDrop());
    }

    private static void gauge(MeterRegistry registry, String gate, double threshold) {
        Gauge.builder(MeterNames.GATE_THRESHOLD, () -> threshold)
                .description("Configured rollout gate thresholds (rollout.gates)")
                .tag(MeterNames.TAG_GATE, gate)
                .register(registry);
    }
}
