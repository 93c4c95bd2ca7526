package io.shadowgate.app;

import io.shadowgate.config.ConfigException;
import io.shadowgate.config.ConfigLoader;
import io.shadowgate.config.ShadowgateConfig;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads a config file for a subcommand and prints its errors the same way everywhere. */
final class ConfigFiles {
    private ConfigFiles() {}

    /** The loaded config, or null after printing every error to {@code err}. */
    static ShadowgateConfig loadOrReport(Path file, PrintWriter err) {
        try {
            return ConfigLoader.load(file, System.getenv());
        } catch (ConfigException e) {
            err.println(file + ": invalid configuration (" + e.errors().size() + " error"
                    + (e.errors().size() == 1 ? "" : "s") + "):");
            e.errors().forEach(error -> err.println("  " + error));
            err.flush();
            return null;
        }
    }
}
