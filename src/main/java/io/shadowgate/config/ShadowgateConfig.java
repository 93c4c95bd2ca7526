package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

/**
 * The whole gateway configuration, immutable and already validated; obtain one from
 * {@link ConfigLoader}. Its {@code toString()} is safe to log: tokens and header values are redacted.
 *
 * @param server the listener clients send scoring requests to
 * @param admin the listener for status and rollout commands
 * @param stable the stable model deployment
 */
public record ShadowgateConfig(ServerConfig server, AdminConfig admin, UpstreamConfig stable) {
    public ShadowgateConfig {
        requireNonNull(server, "server");
        requireNonNull(admin, "admin");
        requireNonNull(stable, "stable");
    }
}
