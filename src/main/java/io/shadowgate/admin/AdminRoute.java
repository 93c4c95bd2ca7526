package io.shadowgate.admin;

import java.util.concurrent.CompletableFuture;

/**
 * What one admin endpoint does. Where it answers (method and path) and who may call it are rows
 * of the {@link AdminRoutes} table, not properties of the route, so a route can stand behind
 * several rows and the whole API reads in one place. {@link #handle} runs on the admin event
 * loop, so it must not block. A route whose work happens elsewhere (a rollout command, which
 * writes files on the rollout's own thread) overrides {@link #respond} instead and completes the
 * answer when that work is done.
 */
public interface AdminRoute {
    /** The answer, computed at once on the admin event loop. */
    default AdminResponse handle(AdminRequest request) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " answers through respond()");
    }

    /** The answer, possibly later; by default {@link #handle}'s. */
    default CompletableFuture<AdminResponse> respond(AdminRequest request) {
        return CompletableFuture.completedFuture(handle(request));
    }
}
