package io.shadowgate.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.config.AzureMlConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One Azure ML managed online endpoint as Resource Manager sees it: the resource, its
 * deployments, and a replacement of the resource. Blocking; the seam where the dedicated Azure
 * ML management SDK could take over where it is available.
 */
public final class OnlineEndpoint {
    private final AzureMlConfig config;
    private final ArmClient arm;
    private final Duration pollInterval;

    public OnlineEndpoint(AzureMlConfig config, ArmAccess access) {
        this.config = config;
        this.arm = new ArmClient(config, access);
        this.pollInterval = access.pollInterval();
    }

    /** How often an update is polled. */
    Duration pollInterval() {
        return pollInterval;
    }

    public AzureMlConfig config() {
        return config;
    }

    /** The endpoint resource as Resource Manager returns it. */
    public ObjectNode read() {
        return arm.find(config.endpointId()).orElseThrow(() -> new AzureMlException(404, "EndpointNotFound",
                "online endpoint '" + config.endpoint() + "' does not exist in workspace '" + config.workspace()
                        + "' of resource group '" + config.resourceGroup() + "' (check azureml.endpoint)", null, null));
    }

    /** The named deployment, or empty when the endpoint has none by that name. */
    public Optional<ObjectNode> deployment(String name) {
        return arm.find(config.deploymentId(name));
    }

    /** Every deployment of the endpoint. */
    public List<ObjectNode> deployments() {
        return arm.list(config.endpointId() + "/deployments");
    }

    /** PUTs {@code body} as the endpoint and follows the long-running operation for at most {@code timeout}. */
    void replace(ObjectNode body, Duration timeout) {
        arm.put(config.endpointId(), body, timeout);
    }
}
