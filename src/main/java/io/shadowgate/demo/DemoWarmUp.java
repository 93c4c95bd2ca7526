package io.shadowgate.demo;

import io.shadowgate.gateway.Gateway;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Holds the demo's first stage back until the gateway answers steadily. A fresh JVM on two cores
 * spends its first 10-20 s compiling, and meanwhile both legs answer slower, the mirrored one more
 * (it is timed through the mirror's one-thread client, queued behind the same busy cores): measured
 * on an identical candidate, a first stage judged from the start saw p99s of 786 ms against 455 ms
 * and rolled it back on the latency gate. As a stage's p99 counts every request since the stage
 * began, a cold start inside it decides the gate. So traffic flows with the rollout paused, and
 * once a second the mean latency of each leg over that second is read from {@code /metrics}; when
 * both are within {@value #TOLERANCE_MILLIS} ms of their model's configured latency for
 * {@value #STEADY_SECONDS} seconds in a row (or at the latest after {@code max}), the future
 * completes and the demo resumes the rollout, which starts the stage's evidence afresh.
 */
final class DemoWarmUp implements AutoCloseable {
    static final double TOLERANCE_MILLIS = 3;
    static final int STEADY_SECONDS = 3;

    private final DemoAdminClient admin;
    private final PrintWriter out;
    private final long startNanos;
    private final double stableMillis;
    private final double candidateMillis;
    private final Duration max;
    private final CompletableFuture<Void> warm = new CompletableFuture<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-warm-up");
        thread.setDaemon(true);
        return thread;
    });
    // Touched by the timer thread only.
    private DemoLegLatency lastStable = new DemoLegLatency(0, 0);
    private DemoLegLatency lastCandidate = new DemoLegLatency(0, 0);
    private int steadySeconds;

    /**
     * @param stableLatency the stable model's configured latency
     * @param candidateLatency the candidate model's configured latency
     * @param max when to stop waiting for steadiness and start judging anyway
     */
    DemoWarmUp(DemoAdminClient admin, PrintWriter out, long startNanos, Duration stableLatency,
               Duration candidateLatency, Duration max) {
        this.admin = admin;
        this.out = out;
        this.startNanos = startNanos;
        this.stableMillis = stableLatency.toNanos() / 1e6;
        this.candidateMillis = candidateLatency.toNanos() / 1e6;
        this.max = max;
    }

    /** Starts watching; the future completes when the legs are steady or {@code max} has passed. */
    CompletableFuture<Void> start() {
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
        return warm;
    }

    private void check() {
        if (warm.isDone()) {
            return;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        String scrape;
        try {
            scrape = admin.metrics();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            print(elapsed, "warming up: cannot read /metrics: " + e.getMessage());
            finishIfLate(elapsed);
            return;
        }
        DemoLegLatency stable = DemoLegLatency.read(scrape, Gateway.STABLE, "primary");
        DemoLegLatency candidate = DemoLegLatency.read(scrape, Gateway.CANDIDATE, "shadow");
        double stableMean = stable.meanMillisSince(lastStable);
        double candidateMean = candidate.meanMillisSince(lastCandidate);
        lastStable = stable;
        lastCandidate = candidate;
        boolean steady = stableMean <= stableMillis + TOLERANCE_MILLIS
                && candidateMean <= candidateMillis + TOLERANCE_MILLIS; // false on NaN: no answers is not steady
        steadySeconds = steady ? steadySeconds + 1 : 0;
        String means = "mean latency over the last second: stable " + millis(stableMean) + ", candidate "
                + millis(candidateMean);
        if (steadySeconds >= STEADY_SECONDS) {
            print(elapsed, "warm: " + means);
            warm.complete(null);
            return;
        }
        print(elapsed, "warming up: " + means);
        finishIfLate(elapsed);
    }

    /** The criterion in words, for the demo's introduction. */
    String criterion() {
        return String.format(Locale.ROOT, "each leg's mean latency within %.0f ms of its model's (%s and %s) for %d s"
                + " in a row", TOLERANCE_MILLIS, millis(stableMillis), millis(candidateMillis), STEADY_SECONDS);
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "- (no answers)" : String.format(Locale.ROOT, "%.1f ms", value);
    }

    private void finishIfLate(Duration elapsed) {
        if (elapsed.compareTo(max) >= 0) {
            print(elapsed, "not steady after " + DemoRolloutPlan.duration(max)
                    + "; judging starts anyway (a slow first stage may fail its latency gate)");
            warm.complete(null);
        }
    }

    private void print(Duration elapsed, String text) {
        out.println(DemoStatusLine.clock(elapsed) + "  " + text);
        out.flush();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
