package io.shadowgate.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shadowgate.config.RouteConfig;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records the outcome of exchanges with one upstream in one role (for example the stable model as
 * primary). Meters are created once, up front, so the request path only increments; every status
 * class is registered at zero so dashboards see a series before the first error happens. The
 * latency and first-byte timers exist once per route label, registered up front from the route
 * table's labels (never from request paths); the request counters and timeouts are per upstream.
 * Thread-safe: Micrometer's counters and timers are lock-free, and the route maps are read-only.
 */
public final class UpstreamRecorder {
    /** Histogram buckets sized for model scoring: sub-millisecond relays up to slow batch calls. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)
    };

    /** Tokens of a generative model stream every few to few hundred milliseconds. */
    private static final Duration[] INTER_TOKEN_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
        Duration.ofMillis(500), Duration.ofSeconds(1)
    };

    /** The causes of {@link MeterNames#UPSTREAM_TIMEOUTS}. */
    public static final List<String> TIMEOUT_CAUSES = List.of("first_byte_timeout", "idle_timeout", "total_timeout");

    private final EnumMap<StatusClass, Counter> requests = new EnumMap<>(StatusClass.class);
    private final Map<String, Timer> latency = new HashMap<>();
    private final Map<String, Counter> timeouts = new LinkedHashMap<>();
    private final Map<String, Timer> firstByte = new HashMap<>();
    private final Timer interToken;

    /** Without routes: every exchange is timed under the route {@value RouteConfig#DEFAULT_LABEL}. */
    public UpstreamRecorder(MeterRegistry registry, String upstream, String role) {
        this(registry, upstream, role, List.of(RouteConfig.DEFAULT_LABEL));
    }

    /** @param routes every route label an exchange can be timed under (see {@code RouteTable.labels()}) */
    public UpstreamRecorder(MeterRegistry registry, String upstream, String role, List<String> routes) {
        requireNonNull(registry, "registry");
        requireNonNull(upstream, "upstream");
        requireNonNull(role, "role");
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("routes: none (expected: at least the default route's label)");
        }
        for (StatusClass status : StatusClass.values()) {
            requests.put(status, Counter.builder(MeterNames.REQUESTS)
                    .description("Upstream exchanges by upstream, role and status class")
                    .tag(MeterNames.TAG_UPSTREAM, upstream)
                    .tag(MeterNames.TAG_ROLE, role)
                    .tag(MeterNames.TAG_STATUS, status.label())
                    .register(registry));
        }
        for (String route : routes) {
            latency.put(route, Timer.builder(MeterNames.UPSTREAM_LATENCY)
                    .description("Time from dispatch to the last byte of the upstream's response")
                    .tag(MeterNames.TAG_UPSTREAM, upstream)
                    .tag(MeterNames.TAG_ROLE, role)
                    .tag(MeterNames.TAG_ROUTE, route)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry));
            firstByte.put(route, Timer.builder(MeterNames.UPSTREAM_FIRST_BYTE)
                    .description("Time from dispatch to the head of the upstream's response")
                    .tag(MeterNames.TAG_UPSTREAM, upstream)
                    .tag(MeterNames.TAG_ROLE, role)
                    .tag(MeterNames.TAG_ROUTE, route)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry));
        }
        interToken = Timer.builder(MeterNames.STREAM_INTER_TOKEN)
                .description("Mean time between two tokens of a streamed answer, one per compared answer")
                .tag(MeterNames.TAG_UPSTREAM, upstream)
                .tag(MeterNames.TAG_ROLE, role)
                .serviceLevelObjectives(INTER_TOKEN_BUCKETS)
                .register(registry);
        for (String cause : TIMEOUT_CAUSES) {
            timeouts.put(cause, Counter.builder(MeterNames.UPSTREAM_TIMEOUTS)
                    .description("Upstream timeouts by upstream, role and cause")
                    .tag(MeterNames.TAG_UPSTREAM, upstream)
                    .tag(MeterNames.TAG_ROLE, role)
                    .tag(MeterNames.TAG_CAUSE, cause)
                    .register(registry));
        }
    }

    /** An answer with this HTTP status arrived completely after {@code nanos}, on the default route. */
    public void answered(int status, long nanos) {
        answered(status, nanos, RouteConfig.DEFAULT_LABEL);
    }

    /** An answer with this HTTP status to a request of {@code route} arrived completely after {@code nanos}. */
    public void answered(int status, long nanos, String route) {
        requests.get(StatusClass.of(status)).increment();
        timer(latency, route).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The answer's head arrived {@code nanos} after dispatch, on the default route. */
    public void firstByte(long nanos) {
        firstByte(nanos, RouteConfig.DEFAULT_LABEL);
    }

    /** The head of the answer to a request of {@code route} arrived {@code nanos} after dispatch. */
    public void firstByte(long nanos, String route) {
        timer(firstByte, route).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static Timer timer(Map<String, Timer> byRoute, String route) {
        Timer timer = byRoute.get(route);
        if (timer == null) {
            // A label outside the route table would be a new series per request path: refuse it.
            throw new IllegalArgumentException("unknown route label: " + route);
        }
        return timer;
    }

    /** A streamed answer's tokens came {@code nanos} apart on average. */
    public void interToken(long nanos) {
        interToken.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** No complete answer: refused, reset, or timed out. Latency is not recorded for failures. */
    public void failed() {
        requests.get(StatusClass.ERROR).increment();
    }

    /** A timeout of {@code cause} (one of {@link #TIMEOUT_CAUSES}) ended the exchange; also call {@link #failed()}. */
    public void timedOut(String cause) {
        Counter counter = timeouts.get(cause);
        if (counter == null) {
            throw new IllegalArgumentException("unknown timeout cause: " + cause);
        }
        counter.increment();
    }
}
