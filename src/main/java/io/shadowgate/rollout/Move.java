package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A transition on its way: the state it leads to, who asked, and why. The routers apply its
 * weight first; the rollout takes {@link #target} only once every router did.
 *
 * @param judgement the judgement it rests on (its evidence goes into the audit entry); null when none
 * @param forcedPast the failing gates an operator's forced promotion went past; empty otherwise
 * @param reapply the current state's weight applied again (at start, after an interrupted apply):
 *     nothing changes, nothing is recorded when it is done
 */
public record Move(RolloutState target, String actor, String reason, Judgement judgement,
                   List<Map<String, Object>> forcedPast, boolean reapply) {
    public Move {
        requireNonNull(target, "target");
        requireNonNull(actor, "actor");
        requireNonNull(reason, "reason");
        forcedPast = List.copyOf(forcedPast);
    }

    public Move(RolloutState target, String actor, String reason, Judgement judgement) {
        this(target, actor, reason, judgement, List.of(), false);
    }

    /** {@code state}'s own weight again, so the routers agree with it whatever they did before. */
    static Move reapply(RolloutState state, String reason) {
        return new Move(state, RolloutMachine.AUTO, reason, null, List.of(), true);
    }
}
