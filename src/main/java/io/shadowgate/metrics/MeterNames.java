package io.shadowgate.metrics;

/**
 * Every meter name and tag key the gateway exports, in one place, so dashboards, alert rules and
 * tests can refer to them by constant. Names are Micrometer's dotted form; the Prometheus registry
 * renders {@code shadowgate.requests} as {@code shadowgate_requests_total} and the timer
 * {@code shadowgate.upstream.latency} as {@code shadowgate_upstream_latency_seconds}.
 */
public final class MeterNames {
    /** Counter of upstream exchanges by upstream, role and status class. */
    public static final String REQUESTS = "shadowgate.requests";
    /** Timer (histogram) from dispatch to the last byte of the upstream's response. */
    public static final String UPSTREAM_LATENCY = "shadowgate.upstream.latency";
    /** Gauge of open connections to an upstream (idle, busy or connecting). */
    public static final String UPSTREAM_CONNECTIONS = "shadowgate.upstream.connections";
    /** Counter of client requests refused before reaching any upstream, by reason. */
    public static final String REJECTED = "shadowgate.rejected.requests";

    public static final String TAG_UPSTREAM = "upstream";
    public static final String TAG_ROLE = "role";
    public static final String TAG_STATUS = "status";
    public static final String TAG_REASON = "reason";

    private MeterNames() {}
}
