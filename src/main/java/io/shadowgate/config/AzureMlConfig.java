package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * An Azure ML managed online endpoint whose deployments are the stable and candidate models.
 *
 * @param subscriptionId the Azure subscription (a GUID)
 * @param resourceGroup the resource group of the workspace
 * @param workspace the Azure ML workspace
 * @param endpoint the online endpoint's name
 * @param stableDeployment the deployment serving the stable model, e.g. {@code blue}
 * @param candidateDeployment the deployment serving the candidate, e.g. {@code green}
 * @param credential which azure-identity credential signs Resource Manager calls
 * @param cloud the Azure cloud, for its Resource Manager URL and token scope
 * @param armEndpoint a Resource Manager URL that overrides the cloud's (sovereign clouds, tests)
 * @param syncTraffic whether every rollout weight is also written to the endpoint's traffic map
 * @param waitForTraffic how long to poll after an update until the endpoint reports the new split
 */
public record AzureMlConfig(String subscriptionId, String resourceGroup, String workspace, String endpoint,
                            String stableDeployment, String candidateDeployment, Credential credential,
                            Cloud cloud, Optional<URI> armEndpoint, boolean syncTraffic, Duration waitForTraffic) {
    /** The azure-identity credentials a user can pick; {@code default} is the whole chain. */
    public enum Credential { DEFAULT, ENVIRONMENT, CLI, MANAGED_IDENTITY }

    /** The Azure clouds with their own Resource Manager. */
    public enum Cloud { PUBLIC, CHINA, USGOV }

    public AzureMlConfig {
        requireNonNull(subscriptionId, "subscriptionId");
        requireNonNull(resourceGroup, "resourceGroup");
        requireNonNull(workspace, "workspace");
        requireNonNull(endpoint, "endpoint");
        requireNonNull(stableDeployment, "stableDeployment");
        requireNonNull(candidateDeployment, "candidateDeployment");
        requireNonNull(credential, "credential");
        requireNonNull(cloud, "cloud");
        requireNonNull(armEndpoint, "armEndpoint");
        requireNonNull(waitForTraffic, "waitForTraffic");
    }

    /** The endpoint's Resource Manager id, {@code /subscriptions/.../onlineEndpoints/{endpoint}}. */
    public String endpointId() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.MachineLearningServices/workspaces/" + workspace
                + "/onlineEndpoints/" + endpoint;
    }

    /** The id of one of the endpoint's deployments. */
    public String deploymentId(String deployment) {
        return endpointId() + "/deployments/" + deployment;
    }
}
