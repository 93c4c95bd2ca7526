package io.shadowgate.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;

/**
 * Rewrites a client's request headers for the upstream: drops hop-by-hop headers and the
 * already answered {@code Expect}, adds the {@code X-Forwarded-*} set, points {@code Host} at the
 * upstream, stamps the request id and applies the upstream's configured headers last (so a
 * configured {@code Authorization} wins over a client's).
 */
final class ForwardedHeaders {
    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    private ForwardedHeaders() {}

    static void rewrite(HttpHeaders headers, UpstreamTarget target, Map<String, String> configured,
                        String clientAddress, String requestId) {
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
        headers.set(HttpHeaderNames.HOST, target.authority());
        headers.set(ErrorResponses.REQUEST_ID, requestId);
        for (Map.Entry<String, String> header : configured.entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
    }
}
