package io.shadowgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.azure.AzureMlException;
import io.shadowgate.azure.OnlineEndpoint;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code shadowgate azure status}: the endpoint's deployments, traffic and mirrorTraffic. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print the endpoint's deployments, traffic and mirrorTraffic.")
final class AzureStatusCommand implements Callable<Integer> {
    @ParentCommand
    AzureCommand azure;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            OnlineEndpoint endpoint = azure.endpoint(config.file, err);
            if (endpoint == null) {
                return 2;
            }
            ObjectNode resource = endpoint.read();
            List<ObjectNode> deployments = endpoint.deployments();
            print(out, endpoint, resource, deployments);
            return 0;
        } catch (AzureMlException e) {
            err.println("azure: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private static void print(PrintWriter out, OnlineEndpoint endpoint, ObjectNode resource, List<ObjectNode> deployments) {
        JsonNode properties = resource.path("properties");
        JsonNode traffic = properties.path("traffic");
        JsonNode mirror = properties.path("mirrorTraffic");
        out.printf("endpoint       %s (%s, %s, auth %s)%n", resource.path("name").asText(endpoint.config().endpoint()),
                resource.path("location").asText("?"), properties.path("provisioningState").asText("?"),
                properties.path("authMode").asText("?"));
        out.printf("scoring URI    %s%n", properties.path("scoringUri").asText("-"));
        out.printf("traffic        %s%n", traffic.isMissingNode() ? "{}" : traffic);
        out.printf("mirrorTraffic  %s%n", mirror.isMissingNode() ? "{}" : mirror);
        out.printf("%n%-20s %-12s %8s %7s  %-28s %s%n", "deployment", "state", "traffic", "mirror", "model", "instances");
        for (ObjectNode deployment : deployments) {
            String name = deployment.path("name").asText();
            JsonNode deploymentProperties = deployment.path("properties");
            String role = name.equals(endpoint.config().stableDeployment()) ? " (stable)"
                    : name.equals(endpoint.config().candidateDeployment()) ? " (candidate)" : "";
            out.printf("%-20s %-12s %7d%% %6d%%  %-28s %s x%s%n", name + role,
                    deploymentProperties.path("provisioningState").asText("?"), traffic.path(name).asInt(0),
                    mirror.path(name).asInt(0), deploymentProperties.path("model").asText("-"),
                    deploymentProperties.path("instanceType").asText("-"), deployment.path("sku").path("capacity").asText("?"));
        }
        out.flush();
    }
}
