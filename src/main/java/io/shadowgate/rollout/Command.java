package io.shadowgate.rollout;

/**
 * What can happen to a rollout: the clock's tick, an operator's command, or the routers' answer
 * to a weight the machine asked for. The input of {@link RolloutMachine#step}; a closed set.
 */
public sealed interface Command {
    Command TICK = new Tick();
    Command ROLLBACK = new Rollback();
    Command PAUSE = new Pause();
    Command RESUME = new Resume();
    Command RESTART = new Restart();

    /** Judge the current stage's evidence and make at most one transition. */
    record Tick() implements Command {}

    /**
     * An operator's promotion: one stage on ({@code toPercent} null) or straight to the stage of
     * that weight; {@code force} goes past failing gates.
     */
    record Promote(Integer toPercent, boolean force) implements Command {}

    /** An operator's rollback: it interrupts a weight being applied, whatever that weight is. */
    record Rollback() implements Command {}

    record Pause() implements Command {}

    record Resume() implements Command {}

    /** Back to the shadow stage, e.g. for a new version of the candidate. */
    record Restart() implements Command {}

    /**
     * Every router answered the {@link Effect.ApplyWeight} numbered {@code apply}.
     *
     * @param error the first router's failure, named after it; null when every router took the weight
     */
    record Applied(long apply, String error) implements Command {
        public static Applied ok(long apply) {
            return new Applied(apply, null);
        }
    }

    /** Whether the step reads the stage's evidence: only a tick and a promotion judge it. */
    default boolean judges() {
        return this instanceof Tick || this instanceof Promote;
    }
}
