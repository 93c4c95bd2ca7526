package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The whole gateway configuration, immutable and already validated; obtain one from
 * {@link ConfigLoader}. Its {@code toString()} is safe to log: tokens and header values are redacted.
 *
 * @param server the listener clients send scoring requests to
 * @param admin the listener for status and rollout commands
 * @param stable the stable model deployment
 * @param candidate the candidate deployment; without one nothing is mirrored
 * @param shadow which requests are mirrored to the candidate
 * @param compare how the two answers are compared
 * @param rollout how the candidate moves through the canary stages
 * @param azureml the Azure ML online endpoint whose deployments are stable and candidate, if any
 * @param logging log format and the access log
 */
public record ShadowgateConfig(ServerConfig server, AdminConfig admin, UpstreamConfig stable,
                               Optional<UpstreamConfig> candidate, ShadowConfig shadow, CompareConfig compare,
                               RolloutConfig rollout, Optional<AzureMlConfig> azureml, LoggingConfig logging) {
    public ShadowgateConfig {
        requireNonNull(server, "server");
        requireNonNull(admin, "admin");
        requireNonNull(stable, "stable");
        requireNonNull(candidate, "candidate");
        requireNonNull(shadow, "shadow");
        requireNonNull(compare, "compare");
        requireNonNull(rollout, "rollout");
        requireNonNull(azureml, "azureml");
        requireNonNull(logging, "logging");
    }

    /** Without an Azure ML endpoint or a logging section: text logs, no access log. */
    public ShadowgateConfig(ServerConfig server, AdminConfig admin, UpstreamConfig stable,
                            Optional<UpstreamConfig> candidate, ShadowConfig shadow, CompareConfig compare,
                            RolloutConfig rollout) {
        this(server, admin, stable, candidate, shadow, compare, rollout, Optional.empty(), LoggingConfig.defaults());
    }

    /** A gateway without a candidate: shadow and compare at their defaults. */
    public ShadowgateConfig(ServerConfig server, AdminConfig admin, UpstreamConfig stable) {
        this(server, admin, stable, Optional.empty(), ConfigLoader.defaults().shadow(), ConfigLoader.defaults().compare(),
                ConfigLoader.defaults().rollout());
    }

    /** This configuration with a candidate to mirror to, and the given shadow and compare settings. */
    public ShadowgateConfig withCandidate(UpstreamConfig candidate, ShadowConfig shadow, CompareConfig compare) {
        return new ShadowgateConfig(server, admin, stable, Optional.of(candidate), shadow, compare, rollout, azureml,
                logging);
    }

    /** This configuration with other rollout settings. */
    public ShadowgateConfig withRollout(RolloutConfig rollout) {
        return new ShadowgateConfig(server, admin, stable, candidate, shadow, compare, rollout, azureml, logging);
    }

    /** This configuration with the upstreams replaced, e.g. once the endpoint's scoring URI is known. */
    public ShadowgateConfig withUpstreams(UpstreamConfig stable, Optional<UpstreamConfig> candidate) {
        return new ShadowgateConfig(server, admin, stable, candidate, shadow, compare, rollout, azureml, logging);
    }

    /** This configuration with other logging settings. */
    public ShadowgateConfig withLogging(LoggingConfig logging) {
        return new ShadowgateConfig(server, admin, stable, candidate, shadow, compare, rollout, azureml, logging);
    }
}
