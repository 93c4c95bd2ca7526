package io.shadowgate.app;

import io.shadowgate.config.ShadowgateConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code shadowgate validate --config FILE}: prints its warnings and OK, or every error with its key path (exit 2). */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a config file: prints its warnings and OK, or every error with its key path (exit code 2).")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        ShadowgateConfig loaded = ConfigFiles.loadOrReport(config.file, spec.commandLine().getErr());
        if (loaded == null) {
            return 2;
        }
        for (String warning : loaded.warnings()) {
            spec.commandLine().getOut().println("warning: " + warning);
        }
        spec.commandLine().getOut().println("OK");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
