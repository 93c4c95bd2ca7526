package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code azureml} section of issue 5. */
class AzureMlSectionTest {
    private static final String SECTION = """
            azureml:
              subscriptionId: ${AZURE_SUBSCRIPTION_ID}
              resourceGroup: fraud-rg
              workspace: fraud-ws
              endpoint: fraud
              stableDeployment: blue
              candidateDeployment: green
            """;
    private static final Map<String, String> ENV = Map.of("AZURE_SUBSCRIPTION_ID", "11111111-2222-3333-4444-555555555555");

    private static ConfigException errors(String yaml, Map<String, String> env) {
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.parse(yaml, env));
    }

    @Test
    void withAnEndpointNeitherUrlIsNeededAndTheDefaultsApply() throws Exception {
        ShadowgateConfig config = ConfigLoader.parse(SECTION, ENV);

        assertThat(config.azureml()).contains(new AzureMlConfig("11111111-2222-3333-4444-555555555555", "fraud-rg",
                "fraud-ws", "fraud", "blue", "green", AzureMlConfig.Credential.DEFAULT, AzureMlConfig.Cloud.PUBLIC,
                Optional.empty(), true, Duration.ofMinutes(2)));
        assertThat(config.stable().awaitsEndpointUri()).isTrue();
        assertThat(config.candidate()).hasValueSatisfying(c -> assertThat(c.awaitsEndpointUri()).isTrue());
        assertThat(config.candidate().get().timeout()).as("the candidate's own default").isEqualTo(Duration.ofSeconds(10));
        assertThat(config.azureml().get().endpointId()).isEqualTo("/subscriptions/11111111-2222-3333-4444-555555555555"
                + "/resourceGroups/fraud-rg/providers/Microsoft.MachineLearningServices/workspaces/fraud-ws"
                + "/onlineEndpoints/fraud");
    }

    @Test
    void everyKeyIsReadAndExplicitUrlsAreKept() throws Exception {
        ShadowgateConfig config = ConfigLoader.parse(SECTION + """
                  credential: managed-identity
                  cloud: usgov
                  armEndpoint: https://127.0.0.1:8443
                  syncTraffic: false
                  waitForTraffic: 30s
                stable: { url: http://127.0.0.1:9101 }
                """, ENV);

        AzureMlConfig azureml = config.azureml().orElseThrow();
        assertThat(azureml.credential()).isEqualTo(AzureMlConfig.Credential.MANAGED_IDENTITY);
        assertThat(azureml.cloud()).isEqualTo(AzureMlConfig.Cloud.USGOV);
        assertThat(azureml.armEndpoint()).contains(URI.create("https://127.0.0.1:8443"));
        assertThat(azureml.syncTraffic()).isFalse();
        assertThat(azureml.waitForTraffic()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.stable().url()).isEqualTo(URI.create("http://127.0.0.1:9101"));
        assertThat(config.candidate().get().awaitsEndpointUri()).isTrue();
    }

    @Test
    void withoutAnEndpointStableUrlIsStillRequiredAndThereIsNoCandidate() throws Exception {
        assertThat(errors("server: {}\n", Map.of()).errors()).contains("stable.url: required");
        assertThat(ConfigLoader.parse("stable: { url: http://127.0.0.1:9101 }\n", Map.of()).candidate()).isEmpty();
    }

    @Test
    void anUnsetSubscriptionVariableAndBadNamesAreErrorsNamingTheirKeys() {
        ConfigException e = errors(SECTION.replace("fraud-ws", "my ws").replace("green", "Blue") + """
                  credential: certificate
                  armEndpoint: http://127.0.0.1:8080
                  waitForTraffic: 0s
                """, Map.of("AZURE_SUBSCRIPTION_ID", "my-sub"));

        assertThat(e.errors()).anySatisfy(m -> assertThat(m).startsWith("azureml.subscriptionId: \"my-sub\"")
                        .contains("a GUID"))
                .anySatisfy(m -> assertThat(m).startsWith("azureml.workspace: \"my ws\""))
                .anySatisfy(m -> assertThat(m).startsWith("azureml.candidateDeployment: \"Blue\"")
                        .contains("other than stableDeployment"))
                .anySatisfy(m -> assertThat(m).startsWith("azureml.credential:")
                        .contains("default, environment, cli, managed-identity"))
                .anySatisfy(m -> assertThat(m).startsWith("azureml.armEndpoint:").contains("https"))
                .anySatisfy(m -> assertThat(m).startsWith("azureml.waitForTraffic:"));
    }

    @Test
    void missingNamesAndUnknownKeysAreReported() {
        ConfigException e = errors("azureml:\n  endpoint: fraud\n  stableDeploymnet: blue\n", Map.of());

        assertThat(e.errors()).contains("azureml.subscriptionId: required", "azureml.resourceGroup: required",
                "azureml.workspace: required", "azureml.stableDeployment: required");
        assertThat(e.errors()).anySatisfy(m -> assertThat(m).startsWith("azureml.stableDeploymnet: unknown key")
                .contains("did you mean stableDeployment?"));
    }

    @Test
    void anUnsetVariableIsNamedOnce() {
        ConfigException e = errors(SECTION, Map.of());

        assertThat(e.errors()).as("one error, not a second about the empty value").singleElement().asString()
                .startsWith("azureml.subscriptionId: environment variable AZURE_SUBSCRIPTION_ID is not set");
    }
}
