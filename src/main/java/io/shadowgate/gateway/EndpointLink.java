package io.shadowgate.gateway;

import io.shadowgate.azure.EndpointTargets;
import io.shadowgate.azure.EndpointToken;
import io.shadowgate.azure.OnlineEndpoint;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.config.UpstreamConfig;
import io.shadowgate.net.HeaderSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a gateway takes from its Azure ML endpoint before it starts: the upstreams' scoring URI,
 * the endpoint for the traffic router, and for token-auth endpoints a token kept fresh, which
 * reaches requests through the upstreams' {@link HeaderSource}s. Without an {@code azureml}
 * section it is empty and changes nothing.
 */
final class EndpointLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EndpointLink.class);
    private final ShadowgateConfig config;
    private final OnlineEndpoint endpoint; // null without azureml
    private final EndpointToken token; // null unless the endpoint uses token auth
    private final boolean stablePinned;
    private final boolean candidatePinned;

    private EndpointLink(ShadowgateConfig config, OnlineEndpoint endpoint, EndpointToken token, boolean stablePinned,
                         boolean candidatePinned) {
        this.config = config;
        this.endpoint = endpoint;
        this.token = token;
        this.stablePinned = stablePinned;
        this.candidatePinned = candidatePinned;
    }

    /**
     * Reads the endpoint when an upstream takes its scoring URI (blocking), and gets the first token
     * when it uses token auth.
     *
     * @throws io.shadowgate.azure.AzureMlException when the endpoint or a token cannot be had
     */
    static EndpointLink open(ShadowgateConfig config, GatewayOptions options) {
        if (config.azureml().isEmpty()) {
            return new EndpointLink(config, null, null, false, false);
        }
        var access = options.azureAccess().apply(config.azureml().get());
        OnlineEndpoint endpoint = new OnlineEndpoint(config.azureml().get(), access);
        EndpointTargets.Resolved resolved = EndpointTargets.resolve(config, endpoint, options.environment());
        EndpointToken token = resolved.tokenAuth() ? EndpointToken.start(access.credential()) : null;
        var azureml = config.azureml().get();
        log.info("azureml endpoint {} (workspace {}): stable {} at {}, candidate {} at {}, {} auth, traffic map {}",
                azureml.endpoint(), azureml.workspace(), azureml.stableDeployment(), resolved.config().stable().url(),
                azureml.candidateDeployment(), resolved.config().candidate().map(UpstreamConfig::url).orElse(null),
                token != null ? "token" : resolved.config() == config ? "configured" : "key", azureml.syncTraffic() ? "follows the rollout" : "left alone");
        return new EndpointLink(resolved.config(), endpoint, token, config.stable().awaitsEndpointUri(),
                config.candidate().map(UpstreamConfig::awaitsEndpointUri).orElse(false));
    }

    /** The configuration with the endpoint's upstreams filled in. */
    ShadowgateConfig config() {
        return config;
    }

    /** The endpoint, or null without an {@code azureml} section. */
    OnlineEndpoint endpoint() {
        return endpoint;
    }

    HeaderSource stableHeaders() {
        return headers(config.stable(), stablePinned);
    }

    HeaderSource candidateHeaders() {
        return config.candidate().map(candidate -> headers(candidate, candidatePinned)).orElse(HeaderSource.fixed(Map.of()));
    }

    /** The configured headers; for a token-auth endpoint's upstream, the current token after them. */
    private HeaderSource headers(UpstreamConfig upstream, boolean pinned) {
        boolean ownAuthorization = upstream.headers().keySet().stream().anyMatch("Authorization"::equalsIgnoreCase);
        if (token == null || !pinned || ownAuthorization) {
            return HeaderSource.fixed(upstream.headers());
        }
        return new TokenHeaders(upstream.headers(), token);
    }

    @Override
    public void close() {
        if (token != null) {
            token.close();
        }
    }

    /** Rebuilds its map only when the token changed: one volatile read per request otherwise. */
    private static final class TokenHeaders implements HeaderSource {
        private final Map<String, String> configured;
        private final EndpointToken token;
        private volatile Snapshot snapshot = new Snapshot(null, Map.of());

        TokenHeaders(Map<String, String> configured, EndpointToken token) {
            this.configured = configured;
            this.token = token;
        }

        @Override
        public Map<String, String> current() {
            String authorization = token.authorization();
            Snapshot seen = snapshot;
            if (!authorization.equals(seen.authorization())) {
                Map<String, String> headers = new LinkedHashMap<>(configured);
                headers.put("Authorization", authorization);
                seen = new Snapshot(authorization, Map.copyOf(headers));
                snapshot = seen;
            }
            return seen.headers();
        }

        private record Snapshot(String authorization, Map<String, String> headers) {}
    }
}
