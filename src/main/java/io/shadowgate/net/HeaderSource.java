package io.shadowgate.net;

import java.util.Map;

/**
 * The headers added to every request to one upstream. Usually fixed (the configured headers);
 * live when a credential in them expires, such as an Azure AD token that another thread renews.
 * Read on the event loop for every request, so {@link #current()} must return a prepared map and
 * never block.
 */
@FunctionalInterface
public interface HeaderSource {
    /** The headers to set now, in order; never null. */
    Map<String, String> current();

    /** Always the same headers. */
    static HeaderSource fixed(Map<String, String> headers) {
        Map<String, String> copy = Map.copyOf(headers);
        return () -> copy;
    }
}
