package io.shadowgate.app;

import io.shadowgate.azure.AzureMlException;
import io.shadowgate.azure.AzureMlTrafficRouter;
import io.shadowgate.azure.OnlineEndpoint;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code shadowgate azure set-traffic --candidate N}: one split applied by hand, through the same
 * router a rollout uses (read-modify-write, operation followed, new split waited for).
 */
@Command(name = "set-traffic", mixinStandardHelpOptions = true,
        description = {"Set the endpoint's traffic to candidate N%, stable the rest; mirrorTraffic and every other "
                + "setting are kept.", "A gateway running a rollout on this endpoint sets its own weight again at its"
                + " next transition or restart: pause it first (POST /rollout/pause)."})
final class AzureSetTrafficCommand implements Callable<Integer> {
    @ParentCommand
    AzureCommand azure;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--candidate", required = true, paramLabel = "PERCENT",
            description = "the candidate deployment's share of live traffic, 0..100")
    int candidatePercent;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (candidatePercent < 0 || candidatePercent > 100) {
            err.println("--candidate " + candidatePercent + " is not a percentage: give 0..100");
            err.flush();
            return 2;
        }
        try {
            OnlineEndpoint endpoint = azure.endpoint(config.file, err);
            if (endpoint == null) {
                return 2;
            }
            try (AzureMlTrafficRouter router = new AzureMlTrafficRouter(endpoint)) {
                router.apply(candidatePercent).join();
            }
            out.printf("endpoint %s: traffic is now {%s: %d, %s: %d}%n", endpoint.config().endpoint(),
                    endpoint.config().stableDeployment(), 100 - candidatePercent,
                    endpoint.config().candidateDeployment(), candidatePercent);
            out.flush();
            return 0;
        } catch (AzureMlException | CompletionException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            err.println("azure: " + cause.getMessage());
            err.flush();
            return 1;
        }
    }
}
