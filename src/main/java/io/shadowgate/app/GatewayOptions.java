package io.shadowgate.app;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;

/**
 * Settings of a gateway that are not part of the user's config file.
 *
 * @param upstreamSsl   TLS context for https upstreams; null means the JDK's trust store with host
 *                      name verification (tests pass one that trusts their own certificate)
 * @param probeInterval how often a quiet upstream is probed; readiness needs an answer within
 *                      three intervals
 */
public record GatewayOptions(SslContext upstreamSsl, Duration probeInterval) {
    public GatewayOptions {
        requireNonNull(probeInterval, "probeInterval");
    }

    public static GatewayOptions defaults() {
        return new GatewayOptions(null, Duration.ofSeconds(5));
    }
}
