package io.shadowgate.rollout.run;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollout's own thread: ticks the controller on its clock, and runs operators' commands one at
 * a time between ticks, so the controller never needs a lock and the admin API never waits on a
 * file write. A command's answer is a future the admin route completes its response from.
 */
public final class RolloutRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RolloutRunner.class);

    private final ScheduledExecutorService thread;
    private RolloutController controller;

    public RolloutRunner() {
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread rollout = new Thread(runnable, "shadowgate-rollout");
            rollout.setDaemon(true);
            return rollout;
        });
    }

    /** What the controller gets to come back to this thread. */
    public Executor executor() {
        return thread;
    }

    /** Starts the controller (resuming its state file) on this thread, then ticks it every {@code tick}. */
    public void start(RolloutController controller, Duration tick) throws Exception {
        this.controller = requireNonNull(controller, "controller");
        thread.submit(() -> {
            controller.start();
            return null;
        }).get();
        thread.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            controller.tick();
        } catch (RuntimeException e) {
            // A failed tick must not end the schedule: log it and judge again on the next one.
            log.error("rollout tick failed", e);
        }
    }

    /** Runs one command on the rollout thread; completes with the new status, or the command's refusal. */
    public CompletableFuture<Map<String, Object>> command(Consumer<RolloutController> command) {
        return CompletableFuture.supplyAsync(() -> {
            command.accept(controller);
            return controller.status();
        }, thread);
    }

    public Map<String, Object> status() {
        return controller.status();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
