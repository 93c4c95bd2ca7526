package io.shadowgate.config;

import java.time.Duration;

/**
 * Reads the {@code server} section: the listener clients send scoring requests to.
 *
 * <p>{@code maxRequestBytes} stops one below 2GiB because Netty aggregates a request into a single
 * buffer, whose size is an int.
 */
final class ServerSection {
    private ServerSection() {}

    static ServerConfig read(ConfigNode node) {
        return new ServerConfig(
                node.nonEmptyString("host", "0.0.0.0"),
                node.integer("port", 8080, 0, 65535), // 0 = ephemeral, for tests
                node.size("maxRequestBytes", 10 * Sizes.MIB, 1, Integer.MAX_VALUE),
                (int) node.size("maxHeaderBytes", 16 * Sizes.KIB, Sizes.KIB, Sizes.MIB),
                node.positiveDuration("idleTimeout", Duration.ofSeconds(60)),
                node.duration("drainTimeout", Duration.ofSeconds(30)),
                node.integer("ioThreads", 0, 0, 256)); // 0 = one per core
    }
}
