package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

/**
 * The admin API listener, kept on its own port so it can stay on loopback while the proxy is public.
 *
 * @param host address to bind
 * @param port port to bind; 0 picks an ephemeral port
 * @param token bearer token required on admin requests; "" means none is required
 */
public record AdminConfig(String host, int port, String token) {
    public AdminConfig {
        requireNonNull(host, "host");
        requireNonNull(token, "token");
    }

    /** Whether admin requests must carry the token. */
    public boolean tokenRequired() {
        return !token.isEmpty();
    }

    /** Never prints the token itself: configurations end up in logs. */
    @Override
    public String toString() {
        return "AdminConfig[host=" + host + ", port=" + port
                + ", token=" + (tokenRequired() ? "<set>" : "<none>") + "]";
    }
}
