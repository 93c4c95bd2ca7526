package io.shadowgate.config;

import java.util.List;
import java.util.Optional;

/**
 * Reads the document root into a {@link ShadowgateConfig}, one section reader per top-level key,
 * and checks what spans sections: {@code shadow} and {@code rollout} mean nothing without a
 * candidate, {@code rollout.candidate} must name one, and with an Azure ML endpoint only the
 * rollout's candidate may take the endpoint's scoring URI. A new section is a new reader called
 * from here.
 */
final class ShadowgateSection {
    private ShadowgateSection() {}

    static ShadowgateConfig read(ConfigNode root) {
        Optional<AzureMlConfig> azureml = AzureMlSection.read(root);
        // With an Azure ML endpoint both deployments are reachable through its scoring URI, so
        // neither url is required and the candidate exists even without its own section.
        boolean fromEndpoint = azureml.isPresent();
        if (!CandidatesSection.present(root) && !fromEndpoint) {
            requireCandidate(root);
        }
        ServerConfig server = ServerSection.read(root.section("server"));
        AdminConfig admin = AdminSection.read(root.section("admin"));
        UpstreamConfig stable = UpstreamSection.read(root.section("stable"), UpstreamSection.STABLE_TIMEOUT, fromEndpoint);
        ShadowConfig shadow = ShadowSection.read(root.section("shadow"));
        CandidatesSection.Read candidates = CandidatesSection.read(root, shadow, fromEndpoint);
        RolloutConfig rollout = RolloutSection.read(root.section("rollout"), candidates.names());
        CompareConfig compare = CompareSection.read(root.section("compare"));
        ShadowgateConfig config = new ShadowgateConfig(server, admin, stable, candidates.candidates(), shadow,
                compare, rollout, azureml, LoggingSection.read(root.section("logging")),
                RoutesSection.read(root, compare));
        candidates.requireUrlsBesides(config.rolloutCandidate().map(CandidateConfig::name).orElse(""));
        return config;
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
