package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One step of {@link RolloutMachine}: the next state, the effects to perform in order, and, when
 * the command was refused, why (then the effects are empty and the next state differs at most by
 * the judgement made for the command).
 */
public record Step(Rollout next, List<Effect> effects, RolloutConflictException refusal) {
    public Step {
        requireNonNull(next, "next");
        effects = List.copyOf(effects);
    }
}
