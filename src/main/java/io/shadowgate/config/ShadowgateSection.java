package io.shadowgate.config;

/**
 * Reads the document root into a {@link ShadowgateConfig}, one section reader per top-level key.
 * A new section is a new reader called from here.
 */
final class ShadowgateSection {
    private ShadowgateSection() {}

    static ShadowgateConfig read(ConfigNode root) {
        return new ShadowgateConfig(
                ServerSection.read(root.section("server")),
                AdminSection.read(root.section("admin")),
                UpstreamSection.read(root.section("stable")));
    }
}
