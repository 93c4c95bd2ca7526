package io.shadowgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shadowgate.ops.DashboardQueries.Query;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped dashboard and alert rules against a real Prometheus: a gateway with two sample models
 * and traffic, a Prometheus on loopback scraping its admin /metrics every second with the shipped
 * scrape config (only the target and the intervals changed), one rollout transition made through
 * the admin API; then every panel's and annotation's PromQL from grafana/dashboards/shadowgate.json
 * must run without error and return at least one series, the variables must find their values, and
 * every alert rule must evaluate without error. Skipped, with the reason, when Prometheus is not
 * installed.
 */
class DashboardAgainstPrometheusTest {
    private static final Logger log = LoggerFactory.getLogger(DashboardAgainstPrometheusTest.class);
    private static final Path DASHBOARD = Path.of("grafana/dashboards/shadowgate.json");
    /** How long the queries may take to all have data: Prometheus needs a few scrapes for every rate(). */
    private static final Duration DATA_WAIT = Duration.ofSeconds(40);

    @TempDir
    static Path dir;

    private static MonitoredGateway gateway;
    private static PrometheusServer prometheus;
    private static Instant firstScrape;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> binary = Executables.onPath("prometheus");
        if (binary.isEmpty()) {
            return; // each test fails or is skipped with the reason (see requirePrometheus)
        }
        gateway = MonitoredGateway.start();
        String config = PrometheusServer.configFor(Path.of("prometheus/prometheus.yml"), Path.of("prometheus/rules.yaml"),
                gateway.adminPort());
        prometheus = PrometheusServer.start(binary.get(), config, dir);
        firstScrape = Instant.now();
    }

    /** Per test, not in @BeforeAll: Surefire reports a class-level assumption as zero tests run, hiding the reason. */
    @BeforeEach
    void requirePrometheus() {
        Executables.require(prometheus != null, "prometheus");
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    /** Grafana's variables as Grafana would fill them for this Prometheus (scrape interval 1s). */
    private static Map<String, String> variables(Instant end) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("job", "shadowgate");
        values.put("instance", ".*"); // the "All" value the dashboard declares
        values.put("candidate", ".*"); // likewise
        values.put("__rate_interval", "4s"); // Grafana's floor: four scrape intervals
        values.put("__interval", "1s");
        values.put("__range", Math.max(1, Duration.between(firstScrape, end).toSeconds()) + "s");
        values.put("datasource", "prometheus");
        return values;
    }

    /** The problem with one query now, or null when it runs and returns series. */
    private static String problem(Query query, Instant end) throws Exception {
        String expr = DashboardQueries.render(query.expr(), variables(end));
        JsonNode answer = query.instant() ? prometheus.instantQuery(expr, end)
                : prometheus.rangeQuery(expr, firstScrape, end, Duration.ofSeconds(1));
        if (!"success".equals(answer.path("status").asText())) {
            return query.source() + ": " + answer.path("errorType").asText() + ": " + answer.path("error").asText()
                    + "\n    " + expr;
        }
        if (answer.path("data").path("result").isEmpty()) {
            return query.source() + ": no series\n    " + expr;
        }
        return null;
    }

    private static List<String> problems(List<Query> queries) throws Exception {
        Instant end = Instant.now();
        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            String problem = problem(query, end);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    @Test
    void everyPanelAndAnnotationQueryReturnsSeries() throws Exception {
        DashboardQueries dashboard = DashboardQueries.read(DASHBOARD);
        List<Query> queries = new ArrayList<>(dashboard.panelQueries());
        queries.addAll(dashboard.annotationQueries());
        assertThat(queries).as("queries in %s", DASHBOARD).hasSizeGreaterThan(20);

        Thread.sleep(3000); // some traffic in the shadow stage first, so the transition is inside the data
        assertThat(gateway.admin("POST", "/rollout/promote")).as("POST /rollout/promote").isEqualTo(200);

        Instant deadline = Instant.now().plus(DATA_WAIT);
        List<String> problems = problems(queries);
        while (!problems.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            problems = problems(queries);
        }
        log.info("{} dashboard queries checked against Prometheus after {} client requests", queries.size(),
                gateway.answered());
        assertThat(problems).as("dashboard queries that fail or return nothing (Prometheus log:%n%s)",
                prometheus.log()).isEmpty();
    }

    @Test
    void variablesFindTheGatewaysJobInstanceAndCandidate() throws Exception {
        for (DashboardQueries.LabelValues variable : DashboardQueries.read(DASHBOARD).variableQueries()) {
            String match = DashboardQueries.render(variable.match(), variables(Instant.now()));
            String expected = switch (variable.label()) {
                case "job" -> "shadowgate";
                case "candidate" -> "candidate"; // the candidate: shorthand's name
                default -> "127.0.0.1:" + gateway.adminPort();
            };
            Instant deadline = Instant.now().plus(DATA_WAIT);
            List<String> values = prometheus.labelValues(variable.label(), match);
            while (!values.contains(expected) && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
                values = prometheus.labelValues(variable.label(), match);
            }
            assertThat(values).as("$%s: label_values(%s, %s)", variable.variable(), match, variable.label())
                    .contains(expected);
        }
    }

    @Test
    void everyAlertRuleEvaluatesWithoutError() throws Exception {
        Instant deadline = Instant.now().plus(DATA_WAIT);
        List<JsonNode> rules = rules();
        while (rules.stream().anyMatch(rule -> rule.path("health").asText().equals("unknown"))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            rules = rules();
        }
        assertThat(rules).as("alert rules loaded from prometheus/rules.yaml").hasSizeGreaterThanOrEqualTo(5);
        assertThat(rules).allSatisfy(rule -> assertThat(rule.path("health").asText())
                .as("rule %s: %s", rule.path("name").asText(), rule.path("lastError").asText()).isEqualTo("ok"));
        // The gateway is up and answering: the down alert must not be pending or firing.
        assertThat(rules).filteredOn(rule -> rule.path("name").asText().equals("ShadowgateDown"))
                .singleElement().satisfies(rule -> assertThat(rule.path("alerts")).isEmpty());
    }

    private static List<JsonNode> rules() throws Exception {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : prometheus.api("/api/v1/rules").path("data").path("groups")) {
            group.path("rules").forEach(rules::add);
        }
        return rules;
    }
}
