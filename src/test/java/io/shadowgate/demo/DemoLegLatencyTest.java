package io.shadowgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** A leg's latency is read from /metrics as the sum of its per-route series, and only its own. */
class DemoLegLatencyTest {
    private static final String SCRAPE = """
            # TYPE shadowgate_upstream_latency_seconds histogram
            shadowgate_upstream_latency_seconds_count{role="primary",route="chat",upstream="stable"} 3
            shadowgate_upstream_latency_seconds_sum{role="primary",route="chat",upstream="stable"} 0.3
            shadowgate_upstream_latency_seconds_count{role="primary",route="default",upstream="stable"} 2
            shadowgate_upstream_latency_seconds_sum{role="primary",route="default",upstream="stable"} 0.1
            shadowgate_upstream_latency_seconds_count{role="shadow",route="chat",upstream="stable"} 7
            shadowgate_upstream_latency_seconds_sum{role="shadow",route="chat",upstream="stable"} 0.7
            """;

    @Test
    void sumsTheLegsRoutes() {
        DemoLegLatency primary = DemoLegLatency.read(SCRAPE, "stable", "primary");

        assertThat(primary.count()).isEqualTo(5);
        assertThat(primary.seconds()).isCloseTo(0.4, Offset.offset(1e-9));
        assertThat(DemoLegLatency.read(SCRAPE, "candidate", "primary").count()).isZero();
    }
}
