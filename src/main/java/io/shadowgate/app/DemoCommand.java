package io.shadowgate.app;

import io.shadowgate.config.AdminConfig;
import io.shadowgate.config.CompareConfig;
import io.shadowgate.config.ConfigLoader;
import io.shadowgate.config.ServerConfig;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.config.UpstreamConfig;
import io.shadowgate.sample.IrisDataset;
import io.shadowgate.sample.ModelVariant;
import io.shadowgate.sample.SampleModelOptions;
import io.shadowgate.sample.SampleModelServer;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shadowgate demo}: the whole picture on one machine with nothing to configure. Starts the
 * sample model twice (v1 as stable, v2 with some drift as the candidate) and the gateway in front
 * of them on loopback with every request mirrored, sends one scoring request through and prints
 * what came back, then scores the rest of the bundled dataset and prints what the comparison
 * found. Keeps serving for the user's own curl until Ctrl-C (or exits with --once).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start two sample models (stable v1, candidate v2) and the gateway in front of them on "
                + "127.0.0.1, mirror every request to the candidate, score the bundled dataset through it and "
                + "print the comparison; keep serving until Ctrl-C (or exit at once with --once).")
final class DemoCommand implements Callable<Integer> {
    /** Candidate drift: the share of rows whose predicted class v2 changes, so there is something to find. */
    private static final double CANDIDATE_DRIFT = 0.05;
    private static final int ROWS_PER_REQUEST = 3;
    private static final double PROBABILITY_TOLERANCE = 0.05;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Gateway port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--admin-port", defaultValue = "9090", description = "Admin port (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--model-port", defaultValue = "9101", description = "Stable sample model port (default: ${DEFAULT-VALUE}).")
    int modelPort;

    @Option(names = "--candidate-port", defaultValue = "9102",
            description = "Candidate sample model port (default: ${DEFAULT-VALUE}).")
    int candidatePort;

    @Option(names = "--once", description = "Exit after the demo requests instead of serving until Ctrl-C.")
    boolean once;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ShutdownSignal signal = once ? null : new ShutdownSignal().install();
        SampleModelServer stable;
        SampleModelServer candidate;
        try {
            stable = SampleModelServer.start(SampleModelOptions.defaults().withPort(modelPort));
        } catch (IllegalStateException e) {
            return fail(err, e.getMessage() + ": pass --model-port with a free port");
        }
        try (stable) {
            try {
                candidate = SampleModelServer.start(SampleModelOptions.defaults().withPort(candidatePort)
                        .withVariant(ModelVariant.V2).withDrift(CANDIDATE_DRIFT));
            } catch (IllegalStateException e) {
                return fail(err, e.getMessage() + ": pass --candidate-port with a free port");
            }
            try (candidate) {
                Gateway gateway;
                try {
                    gateway = Gateway.start(demoConfig(stable.baseUrl(), candidate.baseUrl(),
                            Files.createTempDirectory("shadowgate-demo-")));
                } catch (BindException e) {
                    return fail(err, "cannot listen on 127.0.0.1:" + port + " or :" + adminPort + " (" + e.getMessage()
                            + "): pass --port and --admin-port with free ports");
                }
                try (gateway) {
                    out.println("stable: sample model v1 on " + stable.baseUrl() + "; candidate: v2 (drift "
                            + CANDIDATE_DRIFT + ") on " + candidate.baseUrl());
                    out.println("gateway on http://127.0.0.1:" + gateway.proxyPort() + ", admin on http://127.0.0.1:"
                            + gateway.adminPort() + "; every request is mirrored to the candidate");
                    out.println();
                    DemoTraffic traffic = new DemoTraffic(gateway.proxyPort(), gateway.adminPort(), out);
                    if (!traffic.scoreOneAndShow(IrisDataset.scoreRequestBody(0, ROWS_PER_REQUEST))) {
                        return 1;
                    }
                    traffic.scoreDataset(ROWS_PER_REQUEST);
                    traffic.showComparison();
                    out.flush();
                    if (!once) {
                        out.println("serving; press Ctrl-C to stop");
                        out.flush();
                        signal.await();
                    }
                }
            }
        }
        return 0;
    }

    private static int fail(PrintWriter err, String message) {
        err.println(message);
        err.flush();
        return 1;
    }

    private ShadowgateConfig demoConfig(String stableUrl, String candidateUrl, Path stateDir) {
        ShadowgateConfig defaults = ConfigLoader.defaults();
        ServerConfig server = defaults.server();
        UpstreamConfig stable = defaults.stable();
        return new ShadowgateConfig(
                new ServerConfig("127.0.0.1", port, server.maxRequestBytes(), server.maxHeaderBytes(),
                        server.idleTimeout(), Duration.ofSeconds(2), server.ioThreads()),
                new AdminConfig("127.0.0.1", adminPort, ""),
                new UpstreamConfig(URI.create(stableUrl), stable.headers(), stable.connectTimeout(), stable.timeout(),
                        stable.maxConnections()))
                .withCandidate(new UpstreamConfig(URI.create(candidateUrl), stable.headers(), stable.connectTimeout(),
                        Duration.ofSeconds(10), stable.maxConnections()), defaults.shadow(), demoCompare(defaults.compare()))
                .withRollout(defaults.rollout().withFiles(stateDir.resolve("state.json"), stateDir.resolve("audit.jsonl")));
    }

    /**
     * The models answer class probabilities, and v2's coefficients differ a little everywhere:
     * probabilities within {@value #PROBABILITY_TOLERANCE} count as equal, so what stands out is
     * the rows whose prediction really changed.
     */
    private static CompareConfig demoCompare(CompareConfig defaults) {
        return new CompareConfig(defaults.predictions(), PROBABILITY_TOLERANCE, defaults.relativeTolerance(),
                defaults.ignore(), defaults.redact(), defaults.keepMismatches(), defaults.noisePercent(), defaults.window());
    }
}
