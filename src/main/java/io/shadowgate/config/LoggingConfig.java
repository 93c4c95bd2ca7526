package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

/**
 * How the gateway writes its log on standard output.
 *
 * @param format {@code text} for people, {@code json} (one object per line) for log shippers
 * @param access whether every client request gets an access log line; off by default because a
 *     busy gateway would write thousands of lines a second that the metrics already summarise
 */
public record LoggingConfig(Format format, boolean access) {
    public enum Format { TEXT, JSON }

    public LoggingConfig {
        requireNonNull(format, "format");
    }

    /** Plain text, no access log. */
    public static LoggingConfig defaults() {
        return new LoggingConfig(Format.TEXT, false);
    }
}
