package io.shadowgate.rollout;

import io.shadowgate.config.RolloutConfig;

/**
 * The part of the rollout config the gates read, with the derived failure floor.
 *
 * @param confidence of every interval
 * @param thresholds the three limits
 * @param failureFloor observations a gate needs before it may fail (see {@link Gates#failureFloor(int)})
 */
record GateSettings(double confidence, RolloutConfig.Gates thresholds, long failureFloor) {
    static GateSettings of(RolloutConfig config) {
        return new GateSettings(Confidence.check(config.confidence()), config.gates(),
                Gates.failureFloor(config.minSamples()));
    }
}
