package io.shadowgate.proxy;

import io.shadowgate.net.HeaderSource;
import static java.util.Objects.requireNonNull;

import io.shadowgate.metrics.UpstreamRecorder;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the data path needs to talk to one upstream in one role: where it is, its
 * connection pool, the headers to add, how long to wait, and where outcomes are recorded.
 *
 * @param headerSource the headers added to every request (see {@link #headers()})
 * @param timeout until the whole response has arrived
 * @param firstByteTimeout until the response head has arrived; at most {@code timeout}
 * @param idleTimeout the longest silence between two pieces of the response body
 */
public record Upstream(UpstreamTarget target, UpstreamPool pool, HeaderSource headerSource, Duration timeout,
                       Duration firstByteTimeout, Duration idleTimeout,
                       UpstreamRecorder recorder, UpstreamHealth health) {
    /** An upstream bounded by its whole-response {@code timeout} only. */
    public Upstream(UpstreamTarget target, UpstreamPool pool, HeaderSource headerSource, Duration timeout,
                    UpstreamRecorder recorder, UpstreamHealth health) {
        this(target, pool, headerSource, timeout, timeout, timeout, recorder, health);
    }

    public Upstream {
        requireNonNull(target, "target");
        requireNonNull(pool, "pool");
        requireNonNull(headerSource, "headerSource");
        requireNonNull(timeout, "timeout");
        requireNonNull(firstByteTimeout, "firstByteTimeout");
        requireNonNull(idleTimeout, "idleTimeout");
        requireNonNull(recorder, "recorder");
        requireNonNull(health, "health");
    }

    /** The headers to add to a request sent now. */
    public Map<String, String> headers() {
        return headerSource.current();
    }
}
