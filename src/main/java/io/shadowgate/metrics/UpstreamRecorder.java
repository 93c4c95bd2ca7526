package io.shadowgate.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.concurrent.TimeUnit;

/**
 * Records the outcome of exchanges with one upstream in one role (for example the stable model as
 * primary). Meters are created once, up front, so the request path only increments; every status
 * class is registered at zero so dashboards see a series before the first error happens.
 * Thread-safe: Micrometer's counters and timers are lock-free.
 */
public final class UpstreamRecorder {
    /** Histogram buckets sized for model scoring: sub-millisecond relays up to slow batch calls. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)
    };

    private final EnumMap<StatusClass, Counter> requests = new EnumMap<>(StatusClass.class);
    private final Timer latency;

    public UpstreamRecorder(MeterRegistry registry, String upstream, String role) {
        requireNonNull(registry, "registry");
        requireNonNull(upstream, "upstream");
        requireNonNull(role, "role");
        for (StatusClass status : StatusClass.values()) {
            requests.put(status, Counter.builder(MeterNames.REQUESTS)
                    .description("Upstream exchanges by upstream, role and status class")
                    .tag(MeterNames.TAG_UPSTREAM, upstream)
                    .tag(MeterNames.TAG_ROLE, role)
                    .tag(MeterNames.TAG_STATUS, status.label())
                    .register(registry));
        }
        latency = Timer.builder(MeterNames.UPSTREAM_LATENCY)
                .description("Time from dispatch to the last byte of the upstream's response")
                .tag(MeterNames.TAG_UPSTREAM, upstream)
                .tag(MeterNames.TAG_ROLE, role)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    /** An answer with this HTTP status arrived completely after {@code nanos}. */
    public void answered(int status, long nanos) {
        requests.get(StatusClass.of(status)).increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** No complete answer: refused, reset, or timed out. Latency is not recorded for failures. */
    public void failed() {
        requests.get(StatusClass.ERROR).increment();
    }
}
