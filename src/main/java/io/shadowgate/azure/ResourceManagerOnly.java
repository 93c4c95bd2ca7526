package io.shadowgate.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.net.URL;
import reactor.core.publisher.Mono;

/**
 * Refuses to send anything to a host other than Resource Manager's. Every request of the
 * pipeline carries a bearer token for the management audience, and some URLs come from answers
 * (an operation's {@code Azure-AsyncOperation} or {@code Location}, a {@code nextLink}): those
 * must not take the token anywhere else.
 */
final class ResourceManagerOnly implements HttpPipelinePolicy {
    private final String host;
    private final int port;

    ResourceManagerOnly(URL resourceManager) {
        this.host = resourceManager.getHost();
        this.port = resourceManager.getPort() == -1 ? resourceManager.getDefaultPort() : resourceManager.getPort();
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        AzureMlException refused = refusal(context.getHttpRequest().getUrl());
        return refused == null ? next.process() : Mono.error(refused);
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        AzureMlException refused = refusal(context.getHttpRequest().getUrl());
        if (refused != null) {
            throw refused;
        }
        return next.processSync();
    }

    private AzureMlException refusal(URL url) {
        int urlPort = url.getPort() == -1 ? url.getDefaultPort() : url.getPort();
        if ("https".equalsIgnoreCase(url.getProtocol()) && url.getHost().equalsIgnoreCase(host) && urlPort == port) {
            return null;
        }
        return new AzureMlException("InvalidResponse", "Resource Manager pointed at " + url.getProtocol() + "://"
                + url.getHost() + ":" + urlPort + "; shadowgate sends its token to " + host + ":" + port + " only");
    }
}
