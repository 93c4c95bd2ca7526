package io.shadowgate.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by the subcommands that read a config file. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "YAML config file")
    Path file;
}
