package io.shadowgate.rollout;

import io.shadowgate.rollout.run.RolloutRunner;
import io.shadowgate.rollout.run.RolloutController;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shadowgate.config.RolloutConfig;
import io.shadowgate.metrics.RolloutRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /status} reads one published snapshot: a reader on another thread sees the rollout before
 * a transition or after it, never a mix of the two, and never an exception.
 */
class RolloutSnapshotTest {
    private static final List<Integer> STAGES = List.of(5, 25, 50, 100);

    @TempDir
    Path dir;

    private RolloutConfig config() {
        return new RolloutConfig(true, STAGES, Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofHours(1),
                RolloutConfig.OnInconclusive.HOLD, 200, 0.95, new RolloutConfig.Gates(0.99, 0.01, 0.2),
                Optional.empty(), dir.resolve("state.json"), dir.resolve("audit.jsonl"), List.of(),
                Duration.ofSeconds(5));
    }

    private static RolloutRecorder recorder() {
        return new RolloutRecorder(new SimpleMeterRegistry(), Arrays.stream(Phase.values()).map(Enum::name).toList());
    }

    private static TrafficRouter router(java.util.function.IntFunction<CompletableFuture<Void>> apply) {
        return new TrafficRouter() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public CompletableFuture<Void> apply(int candidatePercent) {
                return apply.apply(candidatePercent);
            }
        };
    }

    /**
     * What a whole status agrees on: the last transition led to the phase and weight shown, at the
     * moment the state began, and the evidence counts from that moment too.
     */
    @SuppressWarnings("unchecked")
    private static void assertWhole(Map<String, Object> status) {
        Object since = status.get("since");
        assertThat(((Map<String, Object>) status.get("evidence")).get("since")).as("evidence.since in %s", status)
                .isEqualTo(since);
        Map<String, Object> last = (Map<String, Object>) status.get("lastTransition");
        if (last != null) {
            assertThat(last.get("to")).as("lastTransition.to in %s", status).isEqualTo(status.get("phase"));
            assertThat(last.get("weight")).as("lastTransition.weight in %s", status)
                    .isEqualTo(status.get("candidatePercent"));
            assertThat(last.get("time")).as("lastTransition.time in %s", status).isEqualTo(since);
        }
        Object applying = status.get("applyingPercent");
        if (applying != null) {
            assertThat(applying).as("a weight being applied is a stage's or 0").isIn(0, 5, 25, 50, 100);
        }
    }

    /**
     * The evidence source hears of a new stage in the middle of a transition, after the phase has
     * moved and before the rest has: a status read at that moment is the state before, whole.
     */
    @Test
    void aStatusReadInTheMiddleOfATransitionShowsTheStateBeforeIt() throws Exception {
        AtomicReference<RolloutController> controller = new AtomicReference<>();
        List<Map<String, Object>> seenMidway = new ArrayList<>();
        EvidenceSource judge = new EvidenceSource() {
            @Override
            public StageEvidence snapshot() {
                return StageEvidence.empty();
            }

            @Override
            public void newStage() {
                RolloutController reading = controller.get();
                if (reading != null && reading.snapshot() != null) {
                    seenMidway.add(reading.status());
                }
            }
        };
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
        RolloutController rollout = new RolloutController(config(), clock, judge,
                List.of(router(percent -> CompletableFuture.completedFuture(null))), recorder(), Runnable::run);
        controller.set(rollout);
        rollout.start();

        clock.advance(Duration.ofSeconds(1));
        rollout.promote(null);
        clock.advance(Duration.ofSeconds(1));
        rollout.pause();

        assertThat(seenMidway).hasSize(2);
        assertThat(seenMidway.get(0)).containsEntry("phase", "SHADOW").containsEntry("candidatePercent", 0)
                .containsEntry("lastTransition", null);
        assertThat(seenMidway.get(1)).containsEntry("phase", "CANARY").containsEntry("candidatePercent", 5);
        seenMidway.forEach(RolloutSnapshotTest::assertWhole);
        assertWhole(rollout.status());
        assertThat(rollout.status()).containsEntry("phase", "PAUSED");
    }

    /**
     * One thread reads {@code /status} as fast as it can while the rollout's thread ticks and moves
     * through every stage again and again behind a router that answers on another thread.
     */
    @Test
    void statusReadWhileTransitionsAreAppliedIsAlwaysWholeAndNeverThrows() throws Exception {
        TrafficRouter slow = router(percent -> CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(200, TimeUnit.MICROSECONDS)));
        ObjectMapper json = new ObjectMapper();
        try (RolloutRunner runner = new RolloutRunner()) {
            RolloutController controller = new RolloutController(config(), new SteppingClock(), new ScriptedEvidence(),
                    List.of(slow), recorder(), runner.executor());
            runner.start(controller, Duration.ofMillis(1));

            AtomicBoolean reading = new AtomicBoolean(true);
            AtomicReference<Throwable> broken = new AtomicReference<>();
            AtomicLong reads = new AtomicLong();
            Thread reader = new Thread(() -> {
                while (reading.get() && broken.get() == null) {
                    try {
                        Map<String, Object> status = runner.status();
                        json.writeValueAsString(status); // what the admin route does with it
                        assertWhole(status);
                        reads.incrementAndGet();
                    } catch (Throwable t) {
                        broken.set(t);
                    }
                }
            }, "status-reader");
            reader.start();

            int transitions = 0;
            List<Consumer<RolloutController>> cycle = List.of(c -> c.promote(null), c -> c.promote(null),
                    RolloutController::pause, RolloutController::resume, c -> c.promote(100), RolloutController::restart);
            for (int round = 0; round < 40 && broken.get() == null; round++) {
                for (Consumer<RolloutController> command : cycle) {
                    runUntilAccepted(runner, command);
                    transitions++;
                }
            }
            // A rollback would supersede the last restart while it is applied: wait until it is done.
            while (runner.status().get("applyingPercent") != null) {
                Thread.onSpinWait();
            }
            runUntilAccepted(runner, RolloutController::rollback);
            reading.set(false);
            reader.join(TimeUnit.SECONDS.toMillis(30));

            assertThat(broken.get()).as("a status read failed").isNull();
            assertThat(reads.get()).isPositive();
            assertThat(Files.readAllLines(dir.resolve("audit.jsonl"))).hasSize(transitions + 1);
        }
    }

    /** Sends a command again while the routers are still applying the last one. */
    private static void runUntilAccepted(RolloutRunner runner, Consumer<RolloutController> command) throws Exception {
        while (true) {
            try {
                runner.command(command).get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RolloutConflictException conflict)
                        || !conflict.getMessage().contains("being applied")) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    /** A clock a millisecond later at every read, so no two states begin at the same instant. */
    private static final class SteppingClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-12-02T10:00:00Z").toEpochMilli());

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.incrementAndGet());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
