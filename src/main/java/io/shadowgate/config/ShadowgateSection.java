package io.shadowgate.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads the document root into a {@link ShadowgateConfig}, one section reader per top-level key.
 * A new section is a new reader called from here.
 */
final class ShadowgateSection {
    /** The candidate only ever serves a copy of the traffic at first, so it gets less time than stable. */
    private static final Duration CANDIDATE_TIMEOUT = Duration.ofSeconds(10);

    private ShadowgateSection() {}

    static ShadowgateConfig read(ConfigNode root) {
        Optional<AzureMlConfig> azureml = AzureMlSection.read(root);
        // With an Azure ML endpoint both deployments are reachable through its scoring URI, so
        // neither url is required and the candidate exists even without its own section.
        boolean fromEndpoint = azureml.isPresent();
        return new ShadowgateConfig(
                ServerSection.read(root.section("server")),
                AdminSection.read(root.section("admin")),
                UpstreamSection.read(root.section("stable"), UpstreamSection.STABLE_TIMEOUT, fromEndpoint),
                root.value("candidate").isPresent() || fromEndpoint
                        ? Optional.of(UpstreamSection.read(root.section("candidate"), CANDIDATE_TIMEOUT, fromEndpoint))
                        : Optional.empty(),
                ShadowSection.read(root.section("shadow")),
                CompareSection.read(root.section("compare")),
                RolloutSection.read(root.section("rollout")),
                azureml,
                LoggingSection.read(root.section("logging")));
    }
}
