package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;

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
}
