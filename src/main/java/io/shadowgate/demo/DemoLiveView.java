package io.shadowgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's live view: reads {@code GET /status} four times a second and prints, about once a
 * second while a stage is being judged, one {@link DemoStatusLine#live line} with the phase, the
 * weight, the evidence and the gates, plus one line for every transition as soon as it shows.
 * Polling faster than it prints is what keeps a short stage's transition from slipping between
 * two looks, as {@code lastTransition} holds only the latest. A phase that is not judged (PAUSED,
 * PROMOTED, ROLLED_BACK) prints nothing more than its transition. Once the rollout reaches PROMOTED
 * or ROLLED_BACK, or a stage is held inconclusive past maxBake, {@link #verdict()} completes; the
 * view goes on, so a rollout restarted under {@code --keep-running} is watched too.
 */
final class DemoLiveView implements AutoCloseable {
    private static final long POLL_MILLIS = 250;
    private static final long PRINT_NANOS = Duration.ofMillis(950).toNanos();
    private static final Set<String> JUDGED = Set.of("SHADOW", "CANARY");
    private static final Set<String> FINAL = Set.of("PROMOTED", "ROLLED_BACK");
    static final String INCONCLUSIVE = "INCONCLUSIVE";

    private final DemoAdminClient admin;
    private final PrintWriter out;
    private final long startNanos;
    private final CompletableFuture<Verdict> verdict = new CompletableFuture<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-live-view");
        thread.setDaemon(true);
        return thread;
    });
    // Touched by the poller thread only.
    private long lastPrintNanos = Long.MIN_VALUE;
    private String lastTransitionTime;

    /**
     * How the rollout ended.
     *
     * @param phase PROMOTED, ROLLED_BACK, or {@value #INCONCLUSIVE} for a stage held without a verdict
     * @param reason the reason of the transition that got there, or why the stage is held
     * @param elapsed since the demo started
     */
    record Verdict(String phase, String reason, Duration elapsed) {}

    DemoLiveView(DemoAdminClient admin, PrintWriter out, long startNanos) {
        this.admin = admin;
        this.out = out;
        this.startNanos = startNanos;
    }

    void start() {
        poller.scheduleWithFixedDelay(this::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Completes the first time the rollout is PROMOTED or ROLLED_BACK, or held inconclusive. */
    CompletableFuture<Verdict> verdict() {
        return verdict;
    }

    private void poll() {
        long now = System.nanoTime();
        Duration elapsed = Duration.ofNanos(now - startNanos);
        JsonNode rollout;
        try {
            rollout = admin.rolloutStatus();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            printEverySecond(now, DemoStatusLine.clock(elapsed) + "  cannot read the admin API: " + e.getMessage());
            return;
        }
        try {
            show(rollout, now, elapsed);
        } catch (RuntimeException e) {
            // An unexpected /status shape must not end the schedule: the view would freeze silently.
            printEverySecond(now, DemoStatusLine.clock(elapsed) + "  cannot show /status: " + e);
        }
    }

    private void show(JsonNode rollout, long now, Duration elapsed) {
        JsonNode transition = rollout.path("lastTransition");
        if (transition.isObject() && !transition.path("time").asText().equals(lastTransitionTime)) {
            lastTransitionTime = transition.path("time").asText();
            print(DemoStatusLine.transition(transition, elapsed));
        }
        String phase = rollout.path("phase").asText();
        if (JUDGED.contains(phase)) {
            printEverySecond(now, DemoStatusLine.live(rollout, elapsed));
        }
        if (FINAL.contains(phase) && !verdict.isDone()) {
            verdict.complete(new Verdict(phase, transition.path("reason").asText(null), elapsed));
        }
        JsonNode decision = rollout.path("decision");
        if (JUDGED.contains(phase) && "inconclusive".equals(decision.path("kind").asText()) && !verdict.isDone()) {
            verdict.complete(new Verdict(INCONCLUSIVE, phase + " " + rollout.path("candidatePercent").asText("?")
                    + "% held: " + decision.path("reason").asText(), elapsed));
        }
    }

    private void printEverySecond(long now, String line) {
        if (lastPrintNanos == Long.MIN_VALUE || now - lastPrintNanos >= PRINT_NANOS) {
            print(line);
        }
    }

    private void print(String line) {
        lastPrintNanos = System.nanoTime();
        out.println(line);
        out.flush();
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
