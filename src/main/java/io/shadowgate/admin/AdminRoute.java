package io.shadowgate.admin;

/**
 * One admin endpoint. Routes are small classes registered in the {@link AdminServer}'s table;
 * {@link #handle} runs on the admin event loop, so it must not block.
 */
public interface AdminRoute {
    String method();

    String path();

    /** False only for probes and scrapes that orchestrators call without credentials. */
    default boolean requiresToken() {
        return true;
    }

    AdminResponse handle(AdminRequest request);
}
