package io.shadowgate.demo;

import io.shadowgate.gateway.Gateway;
import io.shadowgate.sample.DurationConverter;
import io.shadowgate.gateway.ShutdownSignal;
import io.shadowgate.config.RolloutConfig;
import io.shadowgate.sample.SampleModelOptions;
import io.shadowgate.sample.SampleModelServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code shadowgate demo}: a whole rollout on one machine with nothing to configure. Starts the
 * sample model twice (stable, and a candidate with the {@link DemoScenario scenario}'s fault), the
 * gateway in front of them with short bakes, and a steady stream of scoring requests through it;
 * prints a {@link DemoLiveView live view} of the rollout read from the admin API until it is
 * promoted or rolled back (or a stage is held inconclusive), then exits 0 when that is the
 * scenario's expected outcome, 2 when no verdict was reached, 1 for a wrong one.
 * With {@code --keep-running} everything stays up, traffic included, until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a whole rollout on 127.0.0.1 in about a minute: a stable and a candidate sample model, "
                + "the gateway in front of them and a built-in client sending 200 requests/s (100 streamed chats for the llm scenarios); prints the rollout live "
                + "(phase, weight, evidence, gates) until the candidate is PROMOTED or ROLLED_BACK, or a stage is held "
                + "inconclusive. Exit code 0 when that is the scenario's expected outcome, 2 when the evidence did not "
                + "settle (a busy machine), 1 for a wrong verdict.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", defaultValue = "good", paramLabel = "good|drift|slow|errors|llm-good|llm-drift",
            converter = ScenarioConverter.class,
            description = "The candidate: good (the same model: PROMOTED), drift (10%% of rows predicted differently), "
                    + "slow (50%% slower) or errors (5%% answered 500); the last three should be ROLLED_BACK by their "
                    + "gate. llm-good and llm-drift roll out a text model behind an OpenAI chat endpoint instead, "
                    + "streamed and sampled: the same model (PROMOTED) or one with a drifted vocabulary "
                    + "(ROLLED_BACK by the similarity gate) (default: ${DEFAULT-VALUE}).")
    DemoScenario scenario;

    /** Reads {@code --scenario} as written on the command line, {@code llm-good} included. */
    static final class ScenarioConverter implements CommandLine.ITypeConverter<DemoScenario> {
        @Override
        public DemoScenario convert(String value) {
            try {
                return DemoScenario.named(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--keep-running",
            description = "After the verdict, keep the models, the gateway and the traffic up until Ctrl-C, "
                    + "to try the admin API (e.g. POST /rollout/restart).")
    boolean keepRunning;

    @Option(names = "--once", description = "Run to the verdict and exit: the default, accepted for older scripts.")
    boolean once;

    @Option(names = "--port", defaultValue = "8080", description = "Gateway port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--admin-port", defaultValue = "9090", description = "Admin port (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--model-port", defaultValue = "9101", description = "Stable sample model port (default: ${DEFAULT-VALUE}).")
    int modelPort;

    @Option(names = "--candidate-port", defaultValue = "9102",
            description = "Candidate sample model port (default: ${DEFAULT-VALUE}).")
    int candidatePort;

    /** Hidden: tests bake for 2 s instead of 10 s; maxBake and the tick follow (see DemoTimings). */
    @Option(names = "--bake", defaultValue = "10s", hidden = true,
            converter = DurationConverter.class)
    Duration bake;

    /** Hidden: requests per second from the built-in client; 0 is the workload's own (200 rows, 100 chats). */
    @Option(names = "--rate", defaultValue = "0", hidden = true)
    int rate;

    @Override
    public Integer call() throws Exception {
        if (once && keepRunning) {
            throw new ParameterException(spec.commandLine(), "--once and --keep-running exclude each other");
        }
        DemoTimings timings;
        try {
            timings = DemoTimings.forBake(bake);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--bake: " + e.getMessage());
        }
        if (rate < 0) {
            throw new ParameterException(spec.commandLine(), "--rate: " + rate + " (expected: >= 1, or 0 for the default)");
        }
        if (rate == 0) {
            rate = scenario.workload().defaultRate();
        }
        // Installed first, so that Ctrl-C during the rollout also closes everything in order.
        ShutdownSignal signal = keepRunning ? new ShutdownSignal().install() : null;
        try (DemoLogging quiet = DemoLogging.quiet()) {
            return run(timings, signal);
        }
    }

    private int run(DemoTimings timings, ShutdownSignal signal) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SampleModelServer stable;
        try {
            stable = SampleModelServer.start(scenario.stableOptions(modelPort));
        } catch (IllegalStateException e) {
            return fail(err, e.getMessage() + ": pass --model-port with a free port");
        }
        try (stable) {
            SampleModelServer candidate;
            try {
                candidate = SampleModelServer.start(scenario.candidateOptions(candidatePort));
            } catch (IllegalStateException e) {
                return fail(err, e.getMessage() + ": pass --candidate-port with a free port");
            }
            try (candidate) {
                Path stateDir = Files.createTempDirectory("shadowgate-demo-");
                Gateway gateway;
                try {
                    gateway = Gateway.start(DemoConfig.of(port, adminPort, stable.baseUrl(), candidate.baseUrl(),
                            timings, stateDir, scenario.workload()));
                } catch (BindException e) {
                    return fail(err, "cannot listen on 127.0.0.1:" + port + " or :" + adminPort + " (" + e.getMessage()
                            + "): pass --port and --admin-port with free ports");
                }
                try (gateway) {
                    return watch(stable, candidate, gateway, stateDir, timings, signal);
                }
            }
        }
    }

    private int watch(SampleModelServer stable, SampleModelServer candidate, Gateway gateway, Path stateDir,
                      DemoTimings timings, ShutdownSignal signal) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DemoAdminClient admin = new DemoAdminClient(gateway.adminPort());
        // Nothing is judged while the JVM warms up (see DemoWarmUp); the resume starts the first stage afresh.
        try {
            admin.rolloutCommand("pause");
        } catch (IOException e) {
            return fail(spec.commandLine().getErr(), "the gateway's admin API did not take the warm-up pause: "
                    + e.getMessage());
        }
        try (DemoTraffic traffic = new DemoTraffic(gateway.proxyPort(), rate, scenario.workload())) {
            printIntroduction(out, stable, candidate, traffic, admin, stateDir, gateway.config().rollout());
            long startNanos = System.nanoTime();
            traffic.start();
            try (DemoLiveView view = new DemoLiveView(admin, out, startNanos);
                 DemoWarmUp warmUp = new DemoWarmUp(admin, out, startNanos,
                         scenario.workload().expectedLatency(stable.options()),
                         scenario.workload().expectedLatency(candidate.options()), timings.maxWarmUp())) {
                out.println("The rollout starts paused while the JVM warms up: its first seconds answer many times slower,");
                out.println("  which would decide the first stage's p99. It resumes with " + warmUp.criterion() + ".");
                out.println();
                out.flush();
                view.start();
                CompletableFuture<?> stop = signal == null ? new CompletableFuture<>() : signal.received();
                CompletableFuture<Void> resumed = warmUp.start().thenRun(() -> resume(admin, out));
                Duration deadline = timings.deadline(gateway.config().rollout().stages().size());
                CompletableFuture.anyOf(resumed, stop).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
                if (resumed.isDone()) {
                    CompletableFuture.anyOf(view.verdict(), stop).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (!view.verdict().isDone()) {
                    out.println("stopped before a verdict");
                    return 1;
                }
                int exitCode = printVerdict(out, view.verdict().join(), traffic.counts());
                if (signal != null) {
                    printKeepRunning(out, admin);
                    signal.await();
                }
                return exitCode;
            } catch (TimeoutException e) {
                out.println("no verdict after " + DemoStatusLine.clock(Duration.ofNanos(System.nanoTime() - startNanos))
                        + ": the rollout is stuck (paused, or a weight not applied); see " + admin.baseUrl() + "/status");
                return 1;
            } finally {
                out.flush();
            }
        }
    }

    /**
     * Ends the warm-up. A refusal is reported, not fatal: it means someone already moved the
     * rollout on (say, {@code POST /rollout/restart} from another terminal), and the view follows it.
     */
    private static void resume(DemoAdminClient admin, PrintWriter out) {
        try {
            admin.rolloutCommand("resume");
        } catch (IOException e) {
            out.println("could not end the warm-up: " + e.getMessage());
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void printIntroduction(PrintWriter out, SampleModelServer stable, SampleModelServer candidate,
                                   DemoTraffic traffic, DemoAdminClient admin, Path stateDir, RolloutConfig rollout) {
        out.println("shadowgate demo, scenario " + scenario.optionValue() + ": the candidate is " + scenario.candidate()
                + "; expected: " + scenario.expectation());
        out.println();
        out.println("  stable     " + stable.baseUrl() + "  sample model v1, " + (scenario.workload() == DemoWorkload.IRIS
                ? SampleModelOptions.formatDuration(stable.options().latency()) + " per request"
                : "text model, a token every " + SampleModelOptions.formatDuration(stable.options().tokenDelay())));
        out.println("  candidate  " + candidate.baseUrl());
        out.println("  proxy      " + traffic.scoreUrl() + "  <- " + traffic.rate()
                + " requests/s from the built-in client, " + scenario.workload().description());
        out.println("  admin      " + admin.baseUrl() + "/status");
        out.println("  metrics    " + admin.baseUrl() + "/metrics");
        out.println("  state      " + stateDir.resolve(DemoConfig.STATE_FILE) + ", audit log "
                + stateDir.resolve(DemoConfig.AUDIT_LOG));
        out.println();
        DemoRolloutPlan.lines(rollout).forEach(out::println);
        out.println();
        out.flush();
    }

    /** Exit 0 for the scenario's verdict, 2 for no verdict (held inconclusive), 1 for a wrong one. */
    private int printVerdict(PrintWriter out, DemoLiveView.Verdict verdict, DemoTraffic.Counts counts) {
        boolean expected = scenario.expected(verdict.phase(), verdict.reason());
        boolean undecided = DemoLiveView.INCONCLUSIVE.equals(verdict.phase());
        int exitCode = expected ? 0 : undecided ? 2 : 1;
        out.println();
        out.println(verdict.phase() + " after " + DemoStatusLine.clock(verdict.elapsed()) + ": " + verdict.reason());
        out.println("clients: " + counts);
        out.println((expected ? "as expected" : undecided ? "no verdict" : "NOT as expected") + " for scenario "
                + scenario.optionValue() + " (" + scenario.expectation() + "): exit " + exitCode);
        out.flush();
        return exitCode;
    }

    private static void printKeepRunning(PrintWriter out, DemoAdminClient admin) {
        out.println();
        out.println("--keep-running: the models, the gateway and the traffic stay up; new transitions show here.");
        out.println("  curl -s " + admin.baseUrl() + "/status");
        out.println("  curl -s -X POST " + admin.baseUrl() + "/rollout/restart   # a new rollout of the same candidate");
        out.println("Ctrl-C stops.");
        out.flush();
    }

    private static int fail(PrintWriter err, String message) {
        err.println(message);
        err.flush();
        return 1;
    }
}
