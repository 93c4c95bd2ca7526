package io.shadowgate.rollout;

/** A command that the rollout's current state does not allow, e.g. promote when already promoted. */
public final class RolloutConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RolloutConflictException(String message) {
        super(message);
    }
}
