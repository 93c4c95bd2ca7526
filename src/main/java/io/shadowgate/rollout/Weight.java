package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

/**
 * Where the routers stand against the durable state's weight: the second half of the rollout's
 * state ({@link Rollout}), next to the phase.
 */
public sealed interface Weight {
    Weight IN_PLACE = new InPlace();

    /** Every router took the state's weight. */
    record InPlace() implements Weight {}

    /**
     * The routers are applying {@code move}'s weight, asked for with {@link Effect.ApplyWeight}
     * number {@code apply}, from {@code fromPercent}. Commands wait (409) until they answer, except a
     * rollback, and a tick whose judgement says rollback: either supersedes the move.
     */
    record Applying(Move move, int fromPercent, long apply) implements Weight {
        public Applying {
            requireNonNull(move, "move");
        }
    }

    /**
     * A router refused {@code move}'s weight: the routers may stand anywhere between the state's
     * weight and the move's. The next tick tries the move again (unless the evidence now says
     * rollback); an operator's command replaces it, and applies its weight even when it is the state's.
     */
    record Refused(Move move) implements Weight {
        public Refused {
            requireNonNull(move, "move");
        }
    }
}
