package io.shadowgate.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads the {@code shadow} section. {@code maxBodyBytes} stops below 2GiB for the same reason as
 * {@code server.maxRequestBytes}: a compared body is held in one buffer.
 */
final class ShadowSection {
    private ShadowSection() {}

    static ShadowConfig read(ConfigNode node) {
        return new ShadowConfig(
                node.decimal("percent", 100, 0, 100),
                requestKey(node, "stickyKey"),
                node.integer("maxInFlight", 256, 1, 1_000_000),
                node.size("maxBodyBytes", 10 * Sizes.MIB, 1, Integer.MAX_VALUE));
    }

    /** {@code ""} is no key; else {@code header:NAME} or {@code cookie:NAME}. Shared with {@code rollout.sticky}. */
    static Optional<RequestKey> requestKey(ConfigNode node, String key) {
        String text = node.string(key, "").trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        String source = colon < 0 ? "" : text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String name = colon < 0 ? "" : text.substring(colon + 1).trim();
        if (!(source.equals("header") || source.equals("cookie")) || name.isEmpty()
                || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            node.reject(key, ConfigErrors.quote(text) + " (expected: header:NAME or cookie:NAME, e.g. header:X-User-Id)");
            return Optional.empty();
        }
        return Optional.of(new RequestKey(
                source.equals("header") ? RequestKey.Source.HEADER : RequestKey.Source.COOKIE, name));
    }
}
