package io.shadowgate.gateway;

import static java.util.Objects.requireNonNull;

import io.shadowgate.proxy.PrimaryRouting;
import io.shadowgate.rollout.TrafficRouter;
import java.util.concurrent.CompletableFuture;

/**
 * Applies the rollout's weight in the gateway itself: the proxy's routing reads it on the next
 * request of every event loop. Lives in {@code app} because it joins two packages that must not
 * know each other, {@code rollout} and {@code proxy}.
 */
final class LocalTrafficRouter implements TrafficRouter {
    private final PrimaryRouting routing;

    LocalTrafficRouter(PrimaryRouting routing) {
        this.routing = requireNonNull(routing, "routing");
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public CompletableFuture<Void> apply(int candidatePercent) {
        routing.setCandidatePercent(candidatePercent);
        return CompletableFuture.completedFuture(null);
    }
}
