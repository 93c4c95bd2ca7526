package io.shadowgate.admin;

import java.util.concurrent.CompletableFuture;

/**
 * One admin endpoint. Routes are small classes registered in the {@link AdminServer}'s table;
 * {@link #handle} runs on the admin event loop, so it must not block. A route whose work happens
 * elsewhere (a rollout command, which writes files on the rollout's own thread) overrides
 * {@link #respond} instead and completes the answer when that work is done.
 */
public interface AdminRoute {
    String method();

    String path();

    /** False only for probes and scrapes that orchestrators call without credentials. */
    default boolean requiresToken() {
        return true;
    }

    /** The answer, computed at once on the admin event loop. */
    default AdminResponse handle(AdminRequest request) {
        throw new UnsupportedOperationException(method() + " " + path() + " answers through respond()");
    }

    /** The answer, possibly later; by default {@link #handle}'s. */
    default CompletableFuture<AdminResponse> respond(AdminRequest request) {
        return CompletableFuture.completedFuture(handle(request));
    }
}
