package io.shadowgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What can be checked about the dashboard and the rules without Prometheus: they only name metrics
 * a running gateway exports, the dashboard takes its data source from a variable, and Grafana's
 * variables in it are ones the Prometheus test knows how to fill.
 */
class ShippedDashboardTest {
    private static final Path DASHBOARD = Path.of("grafana/dashboards/shadowgate.json");

    private static Set<String> exportedByARunningGateway() throws Exception {
        try (MonitoredGateway gateway = MonitoredGateway.start()) {
            String scrape = gateway.scrape();
            // Mismatch paths appear with the first mismatch: wait for one (the candidate drifts on 10% of rows).
            while (!scrape.contains("shadowgate_mismatch_paths_total{")) {
                Thread.sleep(100);
                scrape = gateway.scrape();
            }
            return MetricNames.exported(scrape);
        }
    }

    @Test
    void dashboardAndRulesUseOnlyExportedMetrics() throws Exception {
        Set<String> exported = exportedByARunningGateway();
        List<String> used = new ArrayList<>(DashboardQueries.read(DASHBOARD).metricNames());
        JsonNode rules = new YAMLMapper().readTree(Path.of("prometheus/rules.yaml").toFile());
        List<String> ruleExpressions = new ArrayList<>();
        rules.path("groups").forEach(group -> group.path("rules").forEach(rule -> ruleExpressions.add(rule.path("expr").asText())));
        used.addAll(MetricNames.in(ruleExpressions));

        assertThat(used).hasSizeGreaterThan(10);
        assertThat(exported).containsAll(used);
    }

    @Test
    void everyQueryTakesItsDataSourceFromTheVariable() throws Exception {
        JsonNode dashboard = DashboardQueries.read(DASHBOARD).json();
        List<String> datasources = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.has("targets")) {
                datasources.add(panel.path("datasource").path("uid").asText());
                panel.path("targets").forEach(target -> datasources.add(target.path("datasource").path("uid").asText()));
            }
        }
        dashboard.path("annotations").path("list").forEach(annotation -> {
            if (annotation.path("datasource").path("type").asText().equals("prometheus")) {
                datasources.add(annotation.path("datasource").path("uid").asText());
            }
        });

        assertThat(datasources).hasSizeGreaterThan(20).containsOnly("${datasource}");
        assertThat(dashboard.path("templating").path("list").get(0).path("type").asText()).isEqualTo("datasource");
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
        assertThat(dashboard.path("uid").asText()).isEqualTo("shadowgate");
    }

    @Test
    void everyVariableInTheQueriesIsOneTheDashboardOrGrafanaDefines() throws Exception {
        DashboardQueries dashboard = DashboardQueries.read(DASHBOARD);
        Map<String, String> known = Map.of("job", "j", "instance", "i", "candidate", "c", "datasource", "d",
                "__rate_interval", "1m", "__interval", "1m", "__range", "1h");
        List<DashboardQueries.Query> queries = new ArrayList<>(dashboard.panelQueries());
        queries.addAll(dashboard.annotationQueries());

        // render() throws on any $variable it has no value for, naming it.
        queries.forEach(query -> assertThat(DashboardQueries.render(query.expr(), known)).doesNotContain("$"));
    }
}
