package io.shadowgate.gateway;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.SslContext;
import io.shadowgate.azure.ArmAccess;
import io.shadowgate.config.AzureMlConfig;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Settings of a gateway that are not part of the user's config file.
 *
 * @param upstreamSsl   TLS context for https upstreams; null means the JDK's trust store with host
 *                      name verification (tests pass one that trusts their own certificate)
 * @param probeInterval how often a quiet upstream is probed; readiness needs an answer within
 *                      three intervals
 * @param azureAccess   how Resource Manager is reached for an {@code azureml} section: the
 *                      configured credential in production, a fake one in tests
 * @param environment   where secrets such as the endpoint key are read from
 */
public record GatewayOptions(SslContext upstreamSsl, Duration probeInterval,
                             Function<AzureMlConfig, ArmAccess> azureAccess, Map<String, String> environment) {
    public GatewayOptions {
        requireNonNull(probeInterval, "probeInterval");
        requireNonNull(azureAccess, "azureAccess");
        requireNonNull(environment, "environment");
    }

    public GatewayOptions(SslContext upstreamSsl, Duration probeInterval) {
        this(upstreamSsl, probeInterval, ArmAccess::forConfig, System.getenv());
    }

    public static GatewayOptions defaults() {
        return new GatewayOptions(null, Duration.ofSeconds(5));
    }

    /** These options reaching Azure through {@code access} and reading secrets from {@code environment}. */
    public GatewayOptions withAzure(ArmAccess access, Map<String, String> environment) {
        return new GatewayOptions(upstreamSsl, probeInterval, config -> access, environment);
    }
}
