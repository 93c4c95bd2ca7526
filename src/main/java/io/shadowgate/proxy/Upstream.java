package io.shadowgate.proxy;

import static java.util.Objects.requireNonNull;

import io.shadowgate.metrics.UpstreamRecorder;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the data path needs to talk to one upstream in one role: where it is, its
 * connection pool, the headers to add, how long to wait, and where outcomes are recorded.
 *
 * @param timeout until the whole response has arrived
 */
public record Upstream(UpstreamTarget target, UpstreamPool pool, Map<String, String> headers, Duration timeout,
                       UpstreamRecorder recorder, UpstreamHealth health) {
    public Upstream {
        requireNonNull(target, "target");
        requireNonNull(pool, "pool");
        headers = Map.copyOf(requireNonNull(headers, "headers"));
        requireNonNull(timeout, "timeout");
        requireNonNull(recorder, "recorder");
        requireNonNull(health, "health");
    }
}
