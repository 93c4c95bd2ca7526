package io.shadowgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus's own checker on what ships: the rules (syntax, and their unit tests), the scrape
 * config, and a running gateway's /metrics output. Skipped, with the reason, without promtool.
 */
class PromtoolChecksTest {
    private static final Logger log = LoggerFactory.getLogger(PromtoolChecksTest.class);
    private static Promtool promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = Executables.onPath("promtool").map(Promtool::new).orElse(null);
    }

    /** Per test, not in @BeforeAll: Surefire reports a class-level assumption as zero tests run, hiding the reason. */
    @BeforeEach
    void requirePromtool() {
        Executables.require(promtool != null, "promtool");
    }

    @Test
    void rulesAreValid() throws Exception {
        Promtool.Result result = promtool.run(null, "check", "rules", "prometheus/rules.yaml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 6 rules found");
    }

    @Test
    void everyAlertFiresAndStaysQuietAsItsUnitTestsSay() throws Exception {
        Promtool.Result result = promtool.run(null, "test", "rules", "prometheus/rules.test.yaml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void scrapeConfigIsValidAndFindsItsRules() throws Exception {
        Promtool.Result result = promtool.run(null, "check", "config", "prometheus/prometheus.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 1 rule files found");
    }

    /**
     * Parse errors fail the test, and so does any lint problem with a shadowgate_ metric. Lint
     * remarks on the JVM and process metrics Micrometer's binders name (system_cpu_count,
     * process_cpu_time_ns_total) are logged, not failed: renaming them would break the standard
     * JVM dashboards that expect those names.
     */
    @Test
    void gatewayMetricsParseAndTheGatewaysOwnAreLintClean() throws Exception {
        String scrape;
        try (MonitoredGateway gateway = MonitoredGateway.start()) {
            while (gateway.answered() < 50) {
                Thread.sleep(100);
            }
            scrape = gateway.scrape();
        }

        Promtool.Result result = promtool.run(scrape, "check", "metrics");

        assertThat(result.exitCode()).as(result.output()).isIn(0, Promtool.LINT_PROBLEMS);
        List<String> problems = Arrays.stream(result.output().split("\n")).filter(line -> !line.isBlank()).toList();
        assertThat(problems).noneMatch(line -> line.startsWith("shadowgate_"));
        assertThat(problems).noneMatch(line -> line.contains("error while linting"));
        log.info("promtool check metrics on {} lines: exit {}, remarks on other metrics: {}",
                scrape.split("\n").length, result.exitCode(), problems);
    }
}
