package io.shadowgate.rollout;

import io.shadowgate.config.RolloutConfig;
import java.time.Instant;

/**
 * The states a move of the rollout leads to, from the current one: the next stage, the stage of a
 * given weight, or the rollback. Pure; a target that does not exist is a
 * {@link RolloutConflictException} with the reason.
 */
final class StageTargets {
    private StageTargets() {}

    /** The next stage; a stage of 100% is the promotion. */
    static RolloutState next(RolloutState state, RolloutConfig config, Instant now) {
        int stage = state.phase() == Phase.SHADOW ? 0 : state.stage() + 1;
        if (stage >= config.stages().size()) {
            throw new RolloutConflictException("no stage after " + state.stage());
        }
        return atStage(state, stage, config, now);
    }

    /** The stage of {@code percent}, which must come after the current one. */
    static RolloutState stageOf(RolloutState state, int percent, RolloutConfig config, Instant now) {
        int stage = config.stages().indexOf(percent);
        if (stage < 0) {
            throw new RolloutConflictException("to: " + percent + " is not a stage (expected one of "
                    + config.stages() + ")");
        }
        if (state.phase() == Phase.CANARY && stage <= state.stage()) {
            throw new RolloutConflictException("to: " + percent + "% is not after the current stage ("
                    + state.candidatePercent() + "%)");
        }
        return atStage(state, stage, config, now);
    }

    static RolloutState rolledBack(RolloutState state, Instant now) {
        return new RolloutState(state.candidate(), Phase.ROLLED_BACK, -1, 0, now, null);
    }

    private static RolloutState atStage(RolloutState state, int stage, RolloutConfig config, Instant now) {
        int percent = config.stages().get(stage);
        return new RolloutState(state.candidate(), percent == 100 ? Phase.PROMOTED : Phase.CANARY, stage, percent,
                now, null);
    }
}
