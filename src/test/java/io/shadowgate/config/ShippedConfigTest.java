package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration files shipped in {@code config/} must load as they are. */
class ShippedConfigTest {

    @Test
    void referenceConfigLoadsToTheDefaultsPlusTheCandidateItShows() throws Exception {
        ShadowgateConfig config = ConfigLoader.load(Path.of("config/shadowgate.yaml"), Map.of());
        ShadowgateConfig defaults = ConfigLoader.defaults();
        UpstreamConfig candidate = new UpstreamConfig(URI.create("http://127.0.0.1:9102"), Map.of(),
                Duration.ofSeconds(2), Duration.ofSeconds(10), 256);

        assertThat(config).isEqualTo(defaults.withCandidate(candidate, defaults.shadow(), defaults.compare()));
    }

    @Test
    void referenceConfigTakesItsOverridesFromTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("MODEL_URL", "https://model.example.com/score",
                "SHADOWGATE_ADMIN_TOKEN", "t0ken", "SHADOWGATE_PORT", "18080");

        ShadowgateConfig config = ConfigLoader.load(Path.of("config/shadowgate.yaml"), env);

        assertThat(config.stable().url()).isEqualTo(URI.create("https://model.example.com/score"));
        assertThat(config.admin().tokenRequired()).isTrue();
        assertThat(config.server().port()).isEqualTo(18080);
    }

    @Test
    void localConfigPutsEverythingOnLoopback() throws Exception {
        ShadowgateConfig config = ConfigLoader.load(Path.of("config/local.yaml"), Map.of());

        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.admin().host()).isEqualTo("127.0.0.1");
        assertThat(config.admin().port()).isEqualTo(9090);
        assertThat(config.stable().url()).isEqualTo(URI.create("http://127.0.0.1:9101"));
        assertThat(config.candidate()).map(UpstreamConfig::url).contains(URI.create("http://127.0.0.1:9102"));
        assertThat(config.shadow().percent()).isEqualTo(100.0);
    }

    @Test
    void azureMlConfigNamesTheEndpointAndLeavesTheUrlsToIt() throws Exception {
        ShadowgateConfig config = ConfigLoader.load(Path.of("config/azureml.yaml"),
                Map.of("AZURE_SUBSCRIPTION_ID", "11111111-2222-3333-4444-555555555555"));

        AzureMlConfig azureml = config.azureml().orElseThrow();
        assertThat(azureml.endpoint()).isEqualTo("fraud");
        assertThat(azureml.stableDeployment()).isEqualTo("blue");
        assertThat(azureml.candidateDeployment()).isEqualTo("green");
        assertThat(azureml.syncTraffic()).isTrue();
        assertThat(config.stable().awaitsEndpointUri()).isTrue();
        assertThat(config.candidate()).hasValueSatisfying(c -> assertThat(c.awaitsEndpointUri()).isTrue());
    }

    @Test
    void azureMlConfigWithoutTheSubscriptionSaysWhichVariable() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ConfigLoader.load(Path.of("config/azureml.yaml"), Map.of()))
                .hasMessageContaining("AZURE_SUBSCRIPTION_ID");
    }

    @Test
    void containerConfigListensOnEveryInterfaceAndKeepsItsStateOnTheVolume() throws Exception {
        ShadowgateConfig config = ConfigLoader.load(Path.of("config/container.yaml"),
                Map.of("MODEL_URL", "http://stable-model:9101", "CANDIDATE_URL", "http://candidate-model:9102"));

        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.admin().host()).isEqualTo("0.0.0.0");
        assertThat(config.admin().port()).isEqualTo(9090);
        assertThat(config.stable().url()).isEqualTo(URI.create("http://stable-model:9101"));
        assertThat(config.candidate()).map(UpstreamConfig::url).contains(URI.create("http://candidate-model:9102"));
        assertThat(config.rollout().stateFile()).isEqualTo(Path.of("/var/lib/shadowgate/state.json"));
        assertThat(config.rollout().auditLog()).isEqualTo(Path.of("/var/lib/shadowgate/audit.jsonl"));
        assertThat(config.logging()).isEqualTo(new LoggingConfig(LoggingConfig.Format.JSON, false));
        assertThat(config.server().drainTimeout()).isLessThan(Duration.ofSeconds(10)); // docker stop's default
    }

    @Test
    void containerConfigTakesItsSettingsFromTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("MODEL_URL", "http://m:1", "CANDIDATE_URL", "http://c:2",
                "SHADOWGATE_PORT", "18080", "SHADOWGATE_ADMIN_PORT", "19090", "SHADOWGATE_ADMIN_TOKEN", "s3cret",
                "SHADOWGATE_SHADOW_PERCENT", "25", "SHADOWGATE_BAKE", "1m", "SHADOWGATE_LOG_FORMAT", "text",
                "SHADOWGATE_ACCESS_LOG", "true");

        ShadowgateConfig config = ConfigLoader.load(Path.of("config/container.yaml"), env);

        assertThat(config.server().port()).isEqualTo(18080);
        assertThat(config.admin().port()).isEqualTo(19090);
        assertThat(config.admin().tokenRequired()).isTrue();
        assertThat(config.shadow().percent()).isEqualTo(25.0);
        assertThat(config.rollout().bake()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.logging()).isEqualTo(new LoggingConfig(LoggingConfig.Format.TEXT, true));
    }

    @Test
    void containerConfigNamesTheMissingModelUrl() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("config/container.yaml"), Map.of("CANDIDATE_URL", "http://c:2")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                        .asString().startsWith("stable.url: ").contains("MODEL_URL"));
    }
}
