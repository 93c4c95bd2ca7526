package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The {@code rollout} section of issue 4. */
class RolloutSectionTest {
    /** A rollout needs a candidate to roll out. */
    private static final String UPSTREAMS = "stable: { url: http://127.0.0.1:9101 }\ncandidate: { url: http://127.0.0.1:9102 }\n";

    private static RolloutConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(UPSTREAMS + yaml, Map.of()).rollout();
    }

    @Test
    void theDefaultsAreTheIssuesOnes() throws Exception {
        assertThat(parse("")).isEqualTo(new RolloutConfig(true, List.of(5, 25, 50, 100), Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ofHours(1), RolloutConfig.OnInconclusive.HOLD, 200, 0.95,
                new RolloutConfig.Gates(0.99, 0.01, 0.20), Optional.empty(), Path.of("./shadowgate-state.json"),
                Path.of("./shadowgate-audit.jsonl"), List.of(), Duration.ofSeconds(5)));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        RolloutConfig rollout = parse("""
                rollout:
                  auto: false
                  stages: [10, 100]
                  shadowBake: 30s
                  bake: 1m
                  maxBake: 5m
                  onInconclusive: rollback
                  minSamples: 50
                  confidence: 0.99
                  gates: { minMatchRate: 0.9, maxErrorRateIncrease: 0.05, maxLatencyIncrease: 0.5 }
                  sticky: "cookie:session"
                  stateFile: /var/lib/shadowgate/state.json
                  auditLog: /var/log/shadowgate/audit.jsonl
                  webhooks: [http://127.0.0.1:9999/hook]
                  tick: 1s
                """);
        assertThat(rollout).isEqualTo(new RolloutConfig(false, List.of(10, 100), Duration.ofSeconds(30),
                Duration.ofMinutes(1), Duration.ofMinutes(5), RolloutConfig.OnInconclusive.ROLLBACK, 50, 0.99,
                new RolloutConfig.Gates(0.9, 0.05, 0.5), Optional.of(new RequestKey(RequestKey.Source.COOKIE, "session")),
                Path.of("/var/lib/shadowgate/state.json"), Path.of("/var/log/shadowgate/audit.jsonl"),
                List.of(URI.create("http://127.0.0.1:9999/hook")), Duration.ofSeconds(1)));
    }

    @Test
    void theGatesLatencyMeasureAndSimilarityMargin() throws Exception {
        assertThat(parse("").gates().latencyMeasure()).isEqualTo(LatencyMeasure.TOTAL);
        assertThat(parse("").gates().maxSimilarityDrop()).isEqualTo(RolloutConfig.Gates.DEFAULT_MAX_SIMILARITY_DROP);
        RolloutConfig rollout = parse("rollout: { gates: { latencyMeasure: First-Token, maxSimilarityDrop: 0.1 } }\n");
        assertThat(rollout.gates()).isEqualTo(new RolloutConfig.Gates(0.99, 0.01, 0.20, LatencyMeasure.FIRST_TOKEN, 0.1));
        assertThat(parse("rollout: { gates: { latencyMeasure: total, maxSimilarityDrop: 0 } }\n").gates())
                .isEqualTo(new RolloutConfig.Gates(0.99, 0.01, 0.20, LatencyMeasure.TOTAL, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            rollout: { stages: [5, 25, 50] }          | rollout.stages: [5, 25, 50] (expected: strictly increasing percentages ending at 100
            rollout: { stages: [] }                   | rollout.stages: [] (expected: strictly increasing percentages ending at 100
            rollout: { stages: [5, 5, 100] }          | rollout.stages[1]: 5 (expected: more than the stage before, 5)
            rollout: { stages: [50, 25, 100] }        | rollout.stages[1]: 25 (expected: more than the stage before, 50)
            rollout: { stages: [0, 100] }             | rollout.stages[0]: 0 (expected: 1..100)
            rollout: { stages: [5, 150] }             | rollout.stages[1]: 150 (expected: 1..100)
            rollout: { bake: 2h }                     | rollout.maxBake: 3600s (expected: at least bake and shadowBake)
            rollout: { onInconclusive: wait }         | rollout.onInconclusive: "wait" (expected: one of hold, rollback)
            rollout: { minSamples: 0 }                | rollout.minSamples: 0 (expected: 1..100000000)
            rollout: { confidence: 1 }                | rollout.confidence: 1 (expected: 0.5..0.9999)
            rollout: { gates: { minMatchRate: 1.5 } } | rollout.gates.minMatchRate: 1.5 (expected: 0..1)
            rollout: { gates: { maxLatency: 1 } }     | rollout.gates.maxLatency: unknown key (expected one of: minMatchRate, maxErrorRateIncrease, maxLatencyIncrease, latencyMeasure, maxSimilarityDrop)
            rollout: { gates: { latencyMeasure: ttft } } | rollout.gates.latencyMeasure: "ttft" (expected: total or first-token)
            rollout: { gates: { latency: { measure: first-token } } } | rollout.gates.latency: not a section (write rollout.gates.latencyMeasure: total or first-token)
            rollout: { gates: { maxSimilarityDrop: 1.5 } } | rollout.gates.maxSimilarityDrop: 1.5 (expected: 0..1)
            rollout: { gates: { maxSimilarityDrop: -0.1 } } | rollout.gates.maxSimilarityDrop: -0.1 (expected: 0..1)
            rollout: { sticky: 'user' }               | rollout.sticky: "user" (expected: header:NAME or cookie:NAME
            rollout: { webhooks: ['ftp://x'] }        | rollout.webhooks[0]:
            rollout: { tick: 0s }                     | rollout.tick: "0s" (expected: a duration > 0
            """)
    void invalidValuesAreReportedWithTheirKeyPath(String yaml, String expected) {
        try {
            parse(yaml + "\n");
            throw new AssertionError("expected a config error for " + yaml);
        } catch (ConfigException e) {
            assertThat(e.errors()).hasSize(1).first().asString().startsWith(expected);
        }
    }
}
