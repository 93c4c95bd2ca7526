package io.shadowgate.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads the document root into a {@link ShadowgateConfig}, one section reader per top-level key,
 * and checks what spans sections: {@code shadow} and {@code rollout} mean nothing without a
 * candidate. A new section is a new reader called from here.
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
        boolean candidate = root.value("candidate").isPresent() || fromEndpoint;
        if (!candidate) {
            requireCandidate(root);
        }
        return new ShadowgateConfig(
                ServerSection.read(root.section("server")),
                AdminSection.read(root.section("admin")),
                UpstreamSection.read(root.section("stable"), UpstreamSection.STABLE_TIMEOUT, fromEndpoint),
                candidate
                        ? Optional.of(UpstreamSection.read(root.section("candidate"), CANDIDATE_TIMEOUT, fromEndpoint))
                        : Optional.empty(),
                ShadowSection.read(root.section("shadow")),
                CompareSection.read(root.section("compare")),
                RolloutSection.read(root.section("rollout")),
                azureml,
                LoggingSection.read(root.section("logging")));
    }

    /**
     * Without a candidate the gateway is a plain proxy and would ignore these sections silently,
     * so a config that tunes mirroring or a rollout but forgot (or misspelled, or nulled) the
     * candidate would start and do none of it. The key is present even when its value is empty.
     */
    private static void requireCandidate(ConfigNode root) {
        if (root.keys().contains("shadow")) {
            root.reject("shadow", "requires candidate: (the deployment to mirror to)");
        }
        if (root.keys().contains("rollout")) {
            root.reject("rollout", "requires candidate: (the deployment to roll out)");
        }
    }
}
