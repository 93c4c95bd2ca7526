package io.shadowgate.rollout.run;

import io.shadowgate.rollout.TrafficRouter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/**
 * The rollout's routers, applied one after the other and stopping at the first that fails. A
 * raise goes in list order and a cut (or the same weight again) in reverse: with the gateway's
 * own router last, a raise reaches the gateway only once the endpoint took it (a failure leaves
 * both at the old weight), while a cut, usually a rollback, takes effect in the gateway at once.
 */
final class RouterChain {
    private final List<TrafficRouter> routers;

    RouterChain(List<TrafficRouter> routers) {
        this.routers = List.copyOf(routers);
    }

    /** Moves every router from {@code fromPercent} to {@code percent}; fails with the first router's failure, named. */
    CompletableFuture<Void> apply(int percent, int fromPercent) {
        return apply(percent, fromPercent, () -> false);
    }

    /**
     * {@link #apply(int, int)} that stops before the next router once {@code abandoned} says so (a
     * rollback superseded this weight), failing with {@link Abandoned}.
     */
    CompletableFuture<Void> apply(int percent, int fromPercent, BooleanSupplier abandoned) {
        List<TrafficRouter> order = new ArrayList<>(routers);
        if (percent <= fromPercent) {
            Collections.reverse(order);
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (TrafficRouter router : order) {
            chain = chain.thenCompose(ignored -> abandoned.getAsBoolean()
                    ? CompletableFuture.failedFuture(new Abandoned(percent, router.name()))
                    : applyOne(router, percent));
        }
        return chain;
    }

    private static CompletableFuture<Void> applyOne(TrafficRouter router, int percent) {
        CompletableFuture<Void> one;
        try {
            one = router.apply(percent);
        } catch (RuntimeException e) {
            one = CompletableFuture.failedFuture(e);
        }
        return one.handle((ok, failure) -> {
            if (failure != null) {
                throw new RouterFailure(router.name() + ": " + describe(failure));
            }
            return null;
        });
    }

    /** The message of a failure, unwrapped from the futures that carried it. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** An apply stopped because a rollback superseded it. */
    static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned(int percent, String router) {
            super(percent + "% superseded by a rollback before " + router + " was told");
        }
    }

    /** A router's failure, named after the router. */
    static final class RouterFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RouterFailure(String message) {
            super(message);
        }
    }
}
