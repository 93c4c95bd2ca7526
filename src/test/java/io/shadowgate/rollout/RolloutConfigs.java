package io.shadowgate.rollout;

import io.shadowgate.config.ConfigLoader;
import io.shadowgate.config.RolloutConfig;
import java.time.Duration;

/** Rollout configs for tests: the shipped defaults with the fields the judge reads replaced. */
final class RolloutConfigs {
    private RolloutConfigs() {}

    /** minSamples 200, confidence 0.95, gates 0.99 / 0.01 / 0.20, bake 10m, maxBake 1h, hold. */
    static RolloutConfig defaults() {
        return ConfigLoader.defaults().rollout();
    }

    static RolloutConfig with(int minSamples, double confidence, RolloutConfig.Gates gates, Duration bake,
                              Duration maxBake, RolloutConfig.OnInconclusive onInconclusive) {
        RolloutConfig d = defaults();
        return new RolloutConfig(d.auto(), d.stages(), bake, bake, maxBake, onInconclusive, minSamples, confidence,
                gates, d.sticky(), d.stateFile(), d.auditLog(), d.webhooks(), d.tick());
    }

    static RolloutConfig withMinSamples(int minSamples) {
        RolloutConfig d = defaults();
        return with(minSamples, d.confidence(), d.gates(), d.bake(), d.maxBake(), d.onInconclusive());
    }

    static RolloutConfig withOnInconclusive(RolloutConfig.OnInconclusive onInconclusive) {
        RolloutConfig d = defaults();
        return with(d.minSamples(), d.confidence(), d.gates(), d.bake(), d.maxBake(), onInconclusive);
    }
}
