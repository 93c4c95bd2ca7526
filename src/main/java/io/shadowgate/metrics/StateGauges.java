package io.shadowgate.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Gauges that read a live value owned elsewhere (a pool's connections, the mirror's in-flight
 * count, the match-rate window): the owner hands in how to read it, and the meter's name,
 * description and tags stay here with the others.
 */
public final class StateGauges {
    private StateGauges() {}

    public static void upstreamConnections(MeterRegistry registry, String upstream, Supplier<Number> open) {
        Gauge.builder(MeterNames.UPSTREAM_CONNECTIONS, requireNonNull(open, "open"))
                .description("Open connections to the upstream (idle, busy or connecting)")
                .tag(MeterNames.TAG_UPSTREAM, upstream)
                .register(registry);
    }

    public static void shadowInFlight(MeterRegistry registry, String candidate, Supplier<Number> inFlight) {
        Gauge.builder(MeterNames.SHADOW_IN_FLIGHT, requireNonNull(inFlight, "inFlight"))
                .description("Shadow requests sent or waiting to be compared")
                .tag(MeterNames.TAG_CANDIDATE, candidate)
                .register(registry);
    }

    public static void matchRate(MeterRegistry registry, String candidate, Duration window, Supplier<Number> rate) {
        Gauge.builder(MeterNames.MATCH_RATE, requireNonNull(rate, "rate"))
                .description("Share of comparisons that matched over the last " + window)
                .tag(MeterNames.TAG_CANDIDATE, candidate)
                .register(registry);
    }
}
