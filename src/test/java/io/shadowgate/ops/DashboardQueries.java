package io.shadowgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL a Grafana dashboard runs: every panel target (also inside collapsed rows), every
 * Prometheus annotation, and the {@code label_values} queries of its variables; with Grafana's
 * variables replaced by concrete values the way Grafana would.
 */
final class DashboardQueries {
    /** One query and where it comes from, for messages. */
    record Query(String source, String expr, boolean instant) {}

    /** A {@code label_values(match, label)} variable query. */
    record LabelValues(String variable, String match, String label) {}

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\s*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\{\\w+}|\\w+)");

    private final JsonNode dashboard;

    private DashboardQueries(JsonNode dashboard) {
        this.dashboard = dashboard;
    }

    static DashboardQueries read(Path file) throws IOException {
        return new DashboardQueries(new ObjectMapper().readTree(file.toFile()));
    }

    JsonNode json() {
        return dashboard;
    }

    List<Query> panelQueries() {
        List<Query> queries = new ArrayList<>();
        collect(dashboard.path("panels"), queries);
        return queries;
    }

    private static void collect(JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            collect(panel.path("panels"), queries); // a collapsed row keeps its panels inside
            for (JsonNode target : panel.path("targets")) {
                if (target.path("hide").asBoolean(false)) {
                    continue;
                }
                queries.add(new Query("panel '" + panel.path("title").asText() + "' target " + target.path("refId").asText(),
                        target.path("expr").asText(), target.path("instant").asBoolean(false)
                                && !target.path("range").asBoolean(false)));
            }
        }
    }

    List<Query> annotationQueries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode annotation : dashboard.path("annotations").path("list")) {
            if ("prometheus".equals(annotation.path("datasource").path("type").asText())) {
                queries.add(new Query("annotation '" + annotation.path("name").asText() + "'",
                        annotation.path("expr").asText(), false));
            }
        }
        return queries;
    }

    List<LabelValues> variableQueries() {
        List<LabelValues> queries = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) {
                continue;
            }
            JsonNode query = variable.path("query");
            String text = query.isTextual() ? query.asText() : query.path("query").asText();
            Matcher matcher = LABEL_VALUES.matcher(text);
            if (!matcher.matches()) {
                throw new IllegalStateException("variable " + variable.path("name").asText()
                        + ": only label_values(metric, label) is understood here, got " + text);
            }
            queries.add(new LabelValues(variable.path("name").asText(), matcher.group(1).trim(), matcher.group(2)));
        }
        return queries;
    }

    /**
     * {@code expr} with each {@code $name} and {@code ${name}} replaced from {@code values}.
     *
     * @throws IllegalArgumentException naming a variable that has no value, so a typo cannot pass as a query
     */
    static String render(String expr, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = VARIABLE.matcher(expr);
        while (matcher.find()) {
            String name = matcher.group(1).replace("{", "").replace("}", "");
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("unknown dashboard variable $" + name + " in " + expr);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Every {@code shadowgate_...} metric name the dashboard's queries use, sorted. */
    List<String> metricNames() {
        List<Query> all = new ArrayList<>(panelQueries());
        all.addAll(annotationQueries());
        List<String> names = new ArrayList<>(MetricNames.in(all.stream().map(Query::expr).toList()));
        variableQueries().forEach(query -> names.addAll(MetricNames.in(List.of(query.match()))));
        return names.stream().distinct().sorted(Comparator.naturalOrder()).toList();
    }
}
