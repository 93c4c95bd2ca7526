package io.shadowgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile and docker-compose.yaml agree with each other and with the files they mount:
 * there is no Docker engine here to run them (docker/check-build.sh runs the build steps by hand),
 * so what can be checked without one is checked here, by the names and ports the parts use.
 */
class ContainerFilesTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode compose() throws IOException {
        return YAML.readTree(Path.of("docker-compose.yaml").toFile());
    }

    private static JsonNode service(String name) throws IOException {
        JsonNode service = compose().path("services").path(name);
        assertThat(service.isMissingNode()).as("service %s in docker-compose.yaml", name).isFalse();
        return service;
    }

    /** Container path -> host path of a service's bind mounts (named volumes are left out). */
    private static Map<String, String> bindMounts(String serviceName) throws IOException {
        List<String[]> mounts = new ArrayList<>();
        for (JsonNode volume : service(serviceName).path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].startsWith("./")) {
                mounts.add(parts);
            }
        }
        return mounts.stream().collect(Collectors.toMap(parts -> parts[1], parts -> parts[0]));
    }

    private static List<String> dockerfile() throws IOException {
        return Files.readAllLines(Path.of("Dockerfile")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    @Test
    void composeBringsUpModelsGatewayTrafficPrometheusAndGrafana() throws IOException {
        List<String> services = new ArrayList<>();
        compose().path("services").fieldNames().forEachRemaining(services::add);

        assertThat(services).containsExactlyInAnyOrder("stable-model", "candidate-model", "gateway", "traffic",
                "prometheus", "grafana");
    }

    @Test
    void everyBindMountExistsInTheRepository() throws IOException {
        for (String name : List.of("gateway", "prometheus", "grafana")) {
            bindMounts(name).values().forEach(host -> assertThat(Path.of(host)).as("%s mounts %s", name, host).exists());
        }
        assertThat(bindMounts("gateway")).containsEntry("/etc/shadowgate/shadowgate.yaml", "./config/container.yaml");
        assertThat(bindMounts("prometheus")).containsEntry("/etc/prometheus", "./prometheus");
        assertThat(bindMounts("grafana")).containsEntry("/etc/grafana/provisioning", "./grafana/provisioning");
    }

    @Test
    void prometheusScrapesTheGatewayServiceOnItsAdminPort() throws IOException {
        List<String> args = new ArrayList<>();
        service("prometheus").path("command").forEach(arg -> args.add(arg.asText()));
        assertThat(args).contains("--config.file=/etc/prometheus/prometheus.yml");

        JsonNode config = YAML.readTree(Path.of("prometheus/prometheus.yml").toFile());
        JsonNode job = config.path("scrape_configs").get(0);
        assertThat(job.path("job_name").asText()).isEqualTo("shadowgate"); // the rules' up{job="shadowgate"}
        assertThat(job.path("static_configs").get(0).path("targets").get(0).asText()).isEqualTo("gateway:9090");
        assertThat(dockerfile()).contains("EXPOSE 8080 9090");
    }

    @Test
    void grafanaLoadsTheDashboardFromWhereItIsMountedAndQueriesThePrometheusService() throws IOException {
        JsonNode provider = YAML.readTree(Path.of("grafana/provisioning/dashboards/shadowgate.yaml").toFile())
                .path("providers").get(0);
        String dashboards = provider.path("options").path("path").asText();
        assertThat(bindMounts("grafana")).containsEntry(dashboards, "./grafana/dashboards");
        assertThat(Path.of("grafana/dashboards/shadowgate.json")).exists();
        assertThat(service("grafana").path("environment").path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText())
                .isEqualTo(dashboards + "/shadowgate.json");

        JsonNode datasource = YAML.readTree(Path.of("grafana/provisioning/datasources/prometheus.yaml").toFile())
                .path("datasources").get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        URI url = URI.create(datasource.path("url").asText());
        assertThat(url.getHost()).isEqualTo("prometheus");
        assertThat(url.getPort()).isEqualTo(9090); // the port inside the compose network, not the published 9091
    }

    @Test
    void gatewayReachesEachModelOnThePortItListensOn() throws IOException {
        JsonNode environment = service("gateway").path("environment");
        for (Map.Entry<String, String> model : Map.of("MODEL_URL", "stable-model", "CANDIDATE_URL", "candidate-model")
                .entrySet()) {
            URI url = URI.create(environment.path(model.getKey()).asText());
            List<String> command = new ArrayList<>();
            service(model.getValue()).path("command").forEach(arg -> command.add(arg.asText()));

            assertThat(url.getHost()).isEqualTo(model.getValue());
            assertThat(command).startsWith("sample-model").containsSubsequence("--host", "0.0.0.0")
                    .containsSubsequence("--port", String.valueOf(url.getPort()));
        }
    }

    @Test
    void dockerfileBuildsWithTheJdkRunsOnAJreAsANonRootUserAndChecksHealth() throws IOException {
        List<String> lines = dockerfile();
        List<String> stages = lines.stream().filter(line -> line.startsWith("FROM ")).toList();

        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).contains("maven").contains("temurin-17").endsWith(" AS build");
        assertThat(stages.get(1)).contains("-jre");
        assertThat(lines).contains("COPY config/container.yaml /etc/shadowgate/shadowgate.yaml");
        String user = lines.stream().filter(line -> line.startsWith("USER ")).reduce((first, last) -> last).orElseThrow();
        assertThat(user.substring(5).split(":")[0]).isNotIn("root", "0");
        assertThat(lines).anyMatch(line -> line.startsWith("HEALTHCHECK ") && line.contains("/opt/shadowgate/healthcheck.sh"));
        assertThat(Path.of("docker/healthcheck.sh")).isExecutable();
        assertThat(lines).anyMatch(line -> line.startsWith("ENV JAVA_OPTS=") && line.contains("-XX:MaxRAMPercentage="));
        assertThat(lines).anyMatch(line -> line.startsWith("ENTRYPOINT ") && line.contains("exec java"));
    }
}
