package io.shadowgate.app;

import io.shadowgate.gateway.ShutdownSignal;
import io.shadowgate.gateway.Gateway;
import io.shadowgate.azure.AzureMlException;
import io.shadowgate.config.ShadowgateConfig;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code shadowgate run --config FILE}: serves until SIGTERM or SIGINT, then drains and exits 0. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the gateway with a config file until SIGTERM/SIGINT (then drain and exit 0).")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ShadowgateConfig loaded = ConfigFiles.loadOrReport(config.file, err);
        if (loaded == null) {
            return 2;
        }
        LogOutput.apply(loaded.logging());
        ShutdownSignal signal = new ShutdownSignal().install();
        Gateway gateway;
        try {
            gateway = Gateway.start(loaded);
        } catch (AzureMlException e) {
            err.println("azureml: " + e.getMessage());
            err.flush();
            return 1;
        } catch (BindException e) {
            err.println("cannot listen: " + e.getMessage() + " (server.port " + loaded.server().port()
                    + ", admin.port " + loaded.admin().port() + "): stop what uses the port or change it in " + config.file);
            err.flush();
            return 1;
        }
        signal.await();
        gateway.shutdown();
        return 0;
    }
}
