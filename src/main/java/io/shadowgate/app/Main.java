package io.shadowgate.app;

import io.shadowgate.gateway.VersionProvider;
import io.shadowgate.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code shadowgate} command line. Each subcommand is its own class; exit codes are 0 for
 * success, 1 when the work failed, 2 for a usage or config error.
 */
@Command(name = "shadowgate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Shadow-traffic gateway for ML model rollouts: forwards to the stable model, "
                + "mirrors to the candidate, compares, and rolls out on evidence.",
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            SampleModelCommand.class,
            DemoCommand.class,
            AzureCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: try 'shadowgate demo', 'shadowgate run --config FILE' or 'shadowgate --help'");
    }

    /** Builds the command line; tests use it to run subcommands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
