package io.shadowgate.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * Removes hop-by-hop headers (RFC 9110 section 7.6.1): they describe one connection, not the
 * message, so a proxy must not pass them on. Headers named in {@code Connection} go too.
 */
final class HopByHop {
    private static final List<CharSequence> ALWAYS = List.of(
            HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE, "proxy-connection");

    private HopByHop() {}

    /**
     * Strips hop-by-hop headers. {@code Transfer-Encoding} is left to the caller: on a request the
     * aggregator already replaced it by a Content-Length; on a relayed response it still describes
     * the framing the relay reproduces chunk by chunk.
     */
    static void strip(HttpHeaders headers) {
        for (String connection : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : connection.split(",")) {
                String name = token.trim();
                if (!name.isEmpty() && !HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name)) {
                    headers.remove(name);
                }
            }
        }
        headers.remove(HttpHeaderNames.CONNECTION);
        for (CharSequence name : ALWAYS) {
            headers.remove(name);
        }
    }
}
