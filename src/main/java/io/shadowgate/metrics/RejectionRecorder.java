package io.shadowgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts client requests the gateway refused before any upstream saw them (malformed, too large, too slow),
 * so a misbehaving client shows up on a dashboard rather than only in its own error log.
 */
public final class RejectionRecorder {
    /** Why a request was refused; the label is the metric's {@code reason} tag. */
    public enum Reason {
        BAD_REQUEST("bad_request"),
        BODY_TOO_LARGE("body_too_large"),
        HEADERS_TOO_LARGE("headers_too_large"),
        URI_TOO_LONG("uri_too_long"),
        REQUEST_TIMEOUT("request_timeout"),
        HTTP_VERSION("http_version_not_supported");

        final String label;

        Reason(String label) {
            this.label = label;
        }
    }

    private final java.util.EnumMap<Reason, Counter> counters = new java.util.EnumMap<>(Reason.class);

    public RejectionRecorder(MeterRegistry registry) {
        java.util.Objects.requireNonNull(registry, "registry");
        for (Reason reason : Reason.values()) {
            counters.put(reason, Counter.builder(MeterNames.REJECTED)
                    .description("Client requests refused before reaching an upstream, by reason")
                    .tag(MeterNames.TAG_REASON, reason.label)
                    .register(registry));
        }
    }

    public void rejected(Reason reason) {
        counters.get(reason).increment();
    }
}
