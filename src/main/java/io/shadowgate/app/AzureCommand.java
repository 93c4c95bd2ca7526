package io.shadowgate.app;

import io.shadowgate.azure.ArmAccess;
import io.shadowgate.azure.OnlineEndpoint;
import io.shadowgate.config.AzureMlConfig;
import io.shadowgate.config.ShadowgateConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code shadowgate azure ...}: the Azure ML endpoint of a config file, by hand. Subcommands
 * reach Resource Manager with the credential the config names, as the gateway would.
 */
@Command(name = "azure", mixinStandardHelpOptions = true,
        description = "Inspect or set the traffic of the config's Azure ML online endpoint.",
        subcommands = {AzureStatusCommand.class, AzureSetTrafficCommand.class})
final class AzureCommand implements Runnable {
    private final Function<AzureMlConfig, ArmAccess> access;

    @Spec
    CommandSpec spec;

    AzureCommand() {
        this(ArmAccess::forConfig);
    }

    /** With another way to reach Resource Manager (tests: a fake credential on loopback). */
    AzureCommand(Function<AzureMlConfig, ArmAccess> access) {
        this.access = access;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: try 'shadowgate azure status --config FILE'");
    }

    /** The endpoint of {@code file}'s azureml section, or null after saying what is wrong. */
    OnlineEndpoint endpoint(Path file, PrintWriter err) {
        ShadowgateConfig config = ConfigFiles.loadOrReport(file, err);
        if (config == null) {
            return null;
        }
        if (config.azureml().isEmpty()) {
            err.println(file + " has no azureml section: add one naming the endpoint (see config/azureml.yaml)");
            err.flush();
            return null;
        }
        return new OnlineEndpoint(config.azureml().get(), access.apply(config.azureml().get()));
    }
}
