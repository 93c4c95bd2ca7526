package io.shadowgate.config;

/**
 * Reads the {@code admin} section: the separate listener for status and rollout commands.
 *
 * <p>The token is checked for whitespace and control characters because it is compared with an
 * {@code Authorization} header, which can never contain them: such a token (often a secret read
 * with a trailing newline) would lock every operator out. The message does not echo the token.
 */
final class AdminSection {
    private AdminSection() {}

    static AdminConfig read(ConfigNode node) {
        String host = node.nonEmptyString("host", "127.0.0.1");
        int port = node.integer("port", 9090, 0, 65535);
        String token = node.string("token", ""); // "" = no token required
        if (!token.chars().allMatch(c -> c > 0x20 && c != 0x7f)) {
            node.reject("token", "contains whitespace or control characters (a trailing newline?)");
            token = "";
        }
        return new AdminConfig(host, port, token);
    }
}
