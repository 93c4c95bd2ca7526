package io.shadowgate.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.config.UpstreamConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Fills in stable and candidate upstreams left without a url: both become the endpoint's scoring
 * URI, each pinned to its deployment with the {@code azureml-model-deployment} header (which
 * bypasses the endpoint's own traffic rules, so the gateway decides the split). Key-auth
 * endpoints are called with the key from {@value #KEY_VARIABLE}; token-auth endpoints with a
 * token the caller keeps fresh (see {@link EndpointToken}).
 */
public final class EndpointTargets {
    /**
     * @param config the configuration with the endpoint's upstreams filled in
     * @param tokenAuth whether those upstreams still need an {@code Authorization} with an Entra
     *     token, which expires and so is not part of the configuration
     */
    public record Resolved(ShadowgateConfig config, boolean tokenAuth) {}

    /** Where the endpoint's key comes from: a secret belongs in the environment, not the config file. */
    public static final String KEY_VARIABLE = "AZUREML_ENDPOINT_KEY";
    static final String DEPLOYMENT_HEADER = "azureml-model-deployment";

    private EndpointTargets() {}

    /**
     * The configuration with every upstream that awaits the endpoint's scoring URI filled in; the
     * same configuration, without a call to Azure, when none does.
     *
     * @throws AzureMlException when the endpoint cannot be read, has no scoring URI yet, or its key is missing
     */
    public static Resolved resolve(ShadowgateConfig config, OnlineEndpoint endpoint,
                                   Map<String, String> environment) {
        boolean stableWaits = config.stable().awaitsEndpointUri();
        boolean candidateWaits = config.candidate().map(UpstreamConfig::awaitsEndpointUri).orElse(false);
        if (!stableWaits && !candidateWaits) {
            return new Resolved(config, false);
        }
        ObjectNode resource = endpoint.read();
        String name = endpoint.config().endpoint();
        String scoringUri = resource.path("properties").path("scoringUri").asText("");
        if (scoringUri.isEmpty()) {
            throw new AzureMlException("NoScoringUri", "endpoint " + name + " has no scoringUri yet (provisioning state "
                    + resource.path("properties").path("provisioningState").asText("unknown") + "); wait until it is"
                    + " created, or set stable.url and candidate.url");
        }
        // Clients call the gateway with the endpoint's own paths (/score), so the upstream is the origin only.
        URI origin = URI.create(scoringUri).resolve("/");
        String authMode = resource.path("properties").path("authMode").asText("Key");
        boolean tokenAuth = authMode.equalsIgnoreCase("AADToken");
        String authorization = tokenAuth ? null : keyAuthorization(authMode, name, environment);
        UpstreamConfig stable = stableWaits
                ? pinned(config.stable(), origin, endpoint.config().stableDeployment(), authorization)
                : config.stable();
        Optional<UpstreamConfig> candidate = config.candidate().map(upstream -> upstream.awaitsEndpointUri()
                ? pinned(upstream, origin, endpoint.config().candidateDeployment(), authorization) : upstream);
        return new Resolved(config.withUpstreams(stable, candidate), tokenAuth);
    }

    private static UpstreamConfig pinned(UpstreamConfig upstream, URI origin, String deployment, String authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DEPLOYMENT_HEADER, deployment);
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return upstream.at(origin, headers);
    }

    /** Key auth, and AML tokens, which the operator fetches and passes like a key. */
    private static String keyAuthorization(String authMode, String name, Map<String, String> environment) {
        String key = environment.get(KEY_VARIABLE);
        if (key == null || key.isBlank()) {
            throw new AzureMlException("EndpointKeyMissing", "endpoint " + name + " uses " + authMode + " auth: set "
                    + KEY_VARIABLE + " to its key (az ml online-endpoint get-credentials --name " + name
                    + " --resource-group ... --workspace-name ...), or set stable.url and candidate.url with"
                    + " their own headers");
        }
        return "Bearer " + key.strip();
    }
}
