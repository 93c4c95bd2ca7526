package io.shadowgate.rollout;

/**
 * A command that the rollout's current state does not allow, e.g. promote when already promoted.
 * {@link FailingGatesException} is the one kind that carries more than a message.
 */
public sealed class RolloutConflictException extends RuntimeException permits FailingGatesException {
    private static final long serialVersionUID = 1L;

    public RolloutConflictException(String message) {
        super(message);
    }
}
