package io.shadowgate.rollout;

import java.util.concurrent.CompletableFuture;

/**
 * Applies the candidate's share of live traffic somewhere: in the gateway itself (the local
 * router), or in an Azure ML endpoint's traffic map. The controller calls every router for each
 * new weight and moves on only when all have applied it; a router that fails leaves the rollout
 * at its last applied weight, retried on the next tick. A rollback does not wait: it may ask for
 * 0% while a raise is still in flight, and asks for 0% once more after both answered.
 */
public interface TrafficRouter {
    /** A short name for logs and {@code /status}, e.g. {@code local} or {@code azureml}. */
    String name();

    /**
     * Starts applying {@code candidatePercent} (0..100). Must not block: a slow router returns an
     * incomplete future and completes it from its own thread.
     */
    CompletableFuture<Void> apply(int candidatePercent);
}
