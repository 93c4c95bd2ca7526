package io.shadowgate.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.config.ConfigLoader;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.testing.FakeArm;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EndpointTargetsTest {
    private static final String SCORING = "https://fraud.westeurope.inference.ml.azure.com/score";
    private FakeArm arm;

    @AfterEach
    void stop() {
        arm.close();
    }

    private ShadowgateConfig config(String upstreams) throws Exception {
        return ConfigLoader.parse(arm.azuremlSection() + """
                stable:
                  headers: { X-Team: fraud }
                """ + upstreams, Map.of());
    }

    private OnlineEndpoint endpoint(ShadowgateConfig config) {
        return new OnlineEndpoint(config.azureml().orElseThrow(), arm.access());
    }

    @Test
    void bothDeploymentsBecomeTheScoringOriginPinnedByHeaderWithTheKey() throws Exception {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green");
        ShadowgateConfig config = config("");
        EndpointTargets.Resolved result = EndpointTargets.resolve(config, endpoint(config),
                Map.of(EndpointTargets.KEY_VARIABLE, "s3cret\n"));
        ShadowgateConfig resolved = result.config();
        assertThat(result.tokenAuth()).isFalse();

        assertThat(resolved.stable().url()).isEqualTo(URI.create("https://fraud.westeurope.inference.ml.azure.com/"));
        assertThat(resolved.stable().headers()).containsExactly(Map.entry("X-Team", "fraud"),
                Map.entry("azureml-model-deployment", "blue"), Map.entry("Authorization", "Bearer s3cret"));
        assertThat(resolved.candidate().orElseThrow().headers()).containsEntry("azureml-model-deployment", "green");
        assertThat(resolved.candidate().get().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(resolved.toString()).doesNotContain("s3cret");
    }

    @Test
    void configuredUrlsNeedNoCallToAzure() throws Exception {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green");
        ShadowgateConfig config = config("  url: http://127.0.0.1:9101\ncandidate: { url: http://127.0.0.1:9102 }\n");

        assertThat(EndpointTargets.resolve(config, endpoint(config), Map.of()).config()).isSameAs(config);
        assertThat(arm.requests("GET")).isEmpty();
    }

    @Test
    void aMissingKeySaysWhereToGetIt() throws Exception {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green");
        ShadowgateConfig config = config("");

        assertThatThrownBy(() -> EndpointTargets.resolve(config, endpoint(config), Map.of()))
                .hasMessageContaining("set AZUREML_ENDPOINT_KEY").hasMessageContaining("get-credentials --name fraud");
    }

    @Test
    void tokenAuthNeedsNoKeyAndLeavesAuthorizationToTheLiveToken() throws Exception {
        ObjectNode endpoint = FakeArm.sampleEndpoint("fraud", SCORING);
        ((ObjectNode) endpoint.get("properties")).put("authMode", "AADToken");
        arm = FakeArm.start("fraud", endpoint, "blue", "green");
        ShadowgateConfig config = config("");
        EndpointTargets.Resolved result = EndpointTargets.resolve(config, endpoint(config), Map.of());

        assertThat(result.tokenAuth()).isTrue();
        assertThat(result.config().stable().headers()).containsExactly(Map.entry("X-Team", "fraud"),
                Map.entry("azureml-model-deployment", "blue"));
    }

    @Test
    void anEndpointStillBeingCreatedHasNoScoringUriYet() throws Exception {
        ObjectNode endpoint = FakeArm.sampleEndpoint("fraud", SCORING);
        ((ObjectNode) endpoint.get("properties")).remove("scoringUri");
        ((ObjectNode) endpoint.get("properties")).put("provisioningState", "Creating");
        arm = FakeArm.start("fraud", endpoint, "blue", "green");
        ShadowgateConfig config = config("");

        assertThatThrownBy(() -> EndpointTargets.resolve(config, endpoint(config), Map.of("AZUREML_ENDPOINT_KEY", "k")))
                .hasMessageContaining("no scoringUri yet (provisioning state Creating)");
    }
}
