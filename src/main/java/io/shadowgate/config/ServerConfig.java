package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The proxy listener that clients send scoring requests to.
 *
 * @param host address to bind, e.g. {@code 0.0.0.0}
 * @param port port to bind; 0 picks an ephemeral port (tests)
 * @param maxRequestBytes largest request body accepted; below 2GiB as Netty aggregates into one buffer
 * @param maxHeaderBytes largest total size of request headers
 * @param idleTimeout client connections idle this long are closed; also how long one request may take to arrive
 * @param drainTimeout on shutdown, how long in-flight requests may still finish
 * @param ioThreads event loop threads; 0 means one per core
 */
public record ServerConfig(String host, int port, long maxRequestBytes, int maxHeaderBytes,
                           Duration idleTimeout, Duration drainTimeout, int ioThreads) {
    public ServerConfig {
        requireNonNull(host, "host");
        requireNonNull(idleTimeout, "idleTimeout");
        requireNonNull(drainTimeout, "drainTimeout");
    }
}
