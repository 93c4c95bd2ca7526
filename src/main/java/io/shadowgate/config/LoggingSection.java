package io.shadowgate.config;

/** Reads the {@code logging} section: log format and the optional access log. */
final class LoggingSection {
    private LoggingSection() {}

    static LoggingConfig read(ConfigNode node) {
        return new LoggingConfig(
                node.enumValue("format", LoggingConfig.Format.class, LoggingConfig.Format.TEXT),
                node.bool("access", false));
    }
}
