package io.shadowgate.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;

/**
 * Rewrites a client's request headers for an upstream in two steps. {@link #forward} does what
 * holds for every upstream (drops hop-by-hop headers and the already answered {@code Expect}, adds
 * the {@code X-Forwarded-*} set, stamps the request id); {@link #target} then points {@code Host}
 * at one upstream and applies its configured headers last, so a configured {@code Authorization}
 * wins over a client's. The mirror takes its copy between the two: one upstream's credentials
 * must never reach another.
 */
final class ForwardedHeaders {
    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    private ForwardedHeaders() {}

    static void forward(HttpHeaders headers, String clientAddress, String requestId) {
        HopByHop.strip(headers);
        headers.remove(HttpHeaderNames.EXPECT);
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);

        String priorFor = headers.get(X_FORWARDED_FOR);
        headers.set(X_FORWARDED_FOR, priorFor == null || priorFor.isBlank() ? clientAddress : priorFor + ", " + clientAddress);
        // An outer load balancer that terminated TLS knows the original scheme and host; keep its word.
        if (!headers.contains(X_FORWARDED_PROTO)) {
            headers.set(X_FORWARDED_PROTO, "http");
        }
        String host = headers.get(HttpHeaderNames.HOST);
        if (host != null && !headers.contains(X_FORWARDED_HOST)) {
            headers.set(X_FORWARDED_HOST, host);
        }
        headers.set(ErrorResponses.REQUEST_ID, requestId);
    }

    static void target(HttpHeaders headers, UpstreamTarget target, Map<String, String> configured) {
        headers.set(HttpHeaderNames.HOST, target.authority());
        for (Map.Entry<String, String> header : configured.entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
    }
}
