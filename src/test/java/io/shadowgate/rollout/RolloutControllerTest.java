package io.shadowgate.rollout;

import io.shadowgate.rollout.run.RolloutController;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shadowgate.config.RolloutConfig;
import io.shadowgate.metrics.RolloutRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller running the state machine tick by tick, with a hand-moved clock and scripted evidence. */
class RolloutControllerTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final ScriptedEvidence judge = new ScriptedEvidence();
    private final List<Integer> applied = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TrafficRouter router;

    @BeforeEach
    void localRouter() {
        router = recordingRouter();
    }

    private TrafficRouter recordingRouter() {
        return router("test", candidatePercent -> {
            applied.add(candidatePercent);
            return CompletableFuture.completedFuture(null);
        });
    }

    private static TrafficRouter router(String name, IntFunction<CompletableFuture<Void>> apply) {
        return new TrafficRouter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletableFuture<Void> apply(int candidatePercent) {
                return apply.apply(candidatePercent);
            }
        };
    }

    private RolloutConfig config(boolean auto, RolloutConfig.OnInconclusive onInconclusive) {
        return new RolloutConfig(auto, List.of(5, 25, 50, 100), Duration.ofMinutes(10), Duration.ofMinutes(5),
                Duration.ofHours(1), onInconclusive, 200, 0.95, new RolloutConfig.Gates(0.99, 0.01, 0.2),
                Optional.empty(), dir.resolve("state.json"), dir.resolve("audit.jsonl"), List.of(), Duration.ofSeconds(5));
    }

    private RolloutController start(RolloutConfig config) throws Exception {
        RolloutController controller = new RolloutController(config, clock, judge, List.of(router),
                new RolloutRecorder(registry, Arrays.stream(Phase.values()).map(Enum::name).toList()), Runnable::run);
        controller.start();
        return controller;
    }

    private RolloutController start() throws Exception {
        return start(config(true, RolloutConfig.OnInconclusive.HOLD));
    }

    private List<JsonNode> auditLines() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("audit.jsonl"))) {
            lines.add(json.readTree(line));
        }
        return lines;
    }

    private double gauge(String name, String tag, String value) {
        return tag == null ? registry.get(name).gauge().value() : registry.get(name).tag(tag, value).gauge().value();
    }

    @Test
    void startsInShadowAtZeroAndSavesIt() throws Exception {
        RolloutController controller = start();

        assertThat(controller.state().phase()).isEqualTo(Phase.SHADOW);
        assertThat(applied).containsExactly(0);
        assertThat(Files.readString(dir.resolve("state.json"))).contains("\"phase\":\"SHADOW\"");
        assertThat(gauge("shadowgate.rollout.phase", "phase", "SHADOW")).isEqualTo(1);
        assertThat(gauge("shadowgate.canary.weight.percent", null, null)).isZero();
    }

    @Test
    void passingEvidenceAdvancesOnlyAfterTheBakeOneStageAtATime() throws Exception {
        RolloutController controller = start();
        judge.say(StageVerdict.ADVANCE);

        clock.advance(Duration.ofMinutes(9));
        controller.tick();
        assertThat(controller.state().phase()).as("shadowBake is 10m").isEqualTo(Phase.SHADOW);

        clock.advance(Duration.ofMinutes(1));
        controller.tick();
        assertThat(controller.state()).extracting(RolloutState::phase, RolloutState::candidatePercent)
                .containsExactly(Phase.CANARY, 5);
        controller.tick();
        assertThat(controller.state().candidatePercent()).as("a new stage bakes again").isEqualTo(5);

        for (int expected : new int[] {25, 50}) {
            clock.advance(Duration.ofMinutes(5));
            controller.tick();
            assertThat(controller.state().candidatePercent()).isEqualTo(expected);
        }
        clock.advance(Duration.ofMinutes(5));
        controller.tick();
        assertThat(controller.state().phase()).isEqualTo(Phase.PROMOTED);
        assertThat(controller.state().candidatePercent()).isEqualTo(100);
        assertThat(applied).containsExactly(0, 5, 25, 50, 100);
        assertThat(judge.newStages).as("evidence restarts with every stage").isEqualTo(5);

        List<JsonNode> audit = auditLines();
        assertThat(audit).hasSize(4);
        assertThat(audit.get(0).path("from").asText()).isEqualTo("SHADOW");
        assertThat(audit.get(0).path("to").asText()).isEqualTo("CANARY");
        assertThat(audit.get(0).path("weight").asInt()).isEqualTo(5);
        assertThat(audit.get(0).path("actor").asText()).isEqualTo("auto");
        assertThat(audit.get(0).path("evidence").path("samples").asInt()).isEqualTo(2000);
        assertThat(audit.get(3).path("to").asText()).isEqualTo("PROMOTED");
        assertThat(registry.get("shadowgate.rollout.transitions").tag("to", "CANARY").tag("actor", "auto")
                .counter().count()).isEqualTo(3);
        assertThat(gauge("shadowgate.rollout.phase", "phase", "PROMOTED")).isEqualTo(1);
        assertThat(gauge("shadowgate.rollout.phase", "phase", "CANARY")).isZero();

        controller.tick();
        assertThat(controller.state().phase()).as("promoted is final").isEqualTo(Phase.PROMOTED);
    }

    @Test
    void aConclusiveFailureRollsBackAtOnceWhateverTheBake() throws Exception {
        RolloutController controller = start();
        judge.say(StageVerdict.ADVANCE);
        clock.advance(Duration.ofMinutes(10));
        controller.tick();
        assertThat(controller.state().candidatePercent()).isEqualTo(5);

        judge.say(StageVerdict.ROLLBACK);
        clock.advance(Duration.ofSeconds(5));
        controller.tick();

        assertThat(controller.state()).extracting(RolloutState::phase, RolloutState::candidatePercent)
                .containsExactly(Phase.ROLLED_BACK, 0);
        assertThat(auditLines().get(1).path("reason").asText())
                .isEqualTo("gate matchRate FAIL: upper bound 0.9448 < 0.99 after 100 comparisons (10 mismatches)");
        judge.say(StageVerdict.ADVANCE);
        clock.advance(Duration.ofHours(1));
        controller.tick();
        assertThat(controller.state().phase()).as("nothing moves after a rollback").isEqualTo(Phase.ROLLED_BACK);
    }

    @Test
    void inconclusivePastMaxBakeHoldsOrRollsBackAsConfigured() throws Exception {
        RolloutController holding = start(config(true, RolloutConfig.OnInconclusive.HOLD));
        judge.say(StageVerdict.INCONCLUSIVE);
        clock.advance(Duration.ofMinutes(59));
        holding.tick();
        assertThat(holding.status().get("decision").toString()).contains("wait");
        clock.advance(Duration.ofMinutes(1));
        holding.tick();
        assertThat(holding.state().phase()).isEqualTo(Phase.SHADOW);
        assertThat(holding.status().get("decision").toString()).contains("inconclusive");

        Files.delete(dir.resolve("state.json"));
        RolloutController rollingBack = start(config(true, RolloutConfig.OnInconclusive.ROLLBACK));
        clock.advance(Duration.ofHours(1));
        rollingBack.tick();
        assertThat(rollingBack.state().phase()).isEqualTo(Phase.ROLLED_BACK);
    }

    @Test
    void withoutAutoOnlyAnOperatorAdvancesButFailuresStillRollBack() throws Exception {
        RolloutController controller = start(config(false, RolloutConfig.OnInconclusive.HOLD));
        judge.say(StageVerdict.ADVANCE);
        clock.advance(Duration.ofHours(2));
        controller.tick();
        assertThat(controller.state().phase()).isEqualTo(Phase.SHADOW);

        controller.promote(null);
        assertThat(controller.state().candidatePercent()).isEqualTo(5);
        judge.say(StageVerdict.ROLLBACK);
        controller.tick();
        assertThat(controller.state().phase()).isEqualTo(Phase.ROLLED_BACK);
    }

    @Test
    void manualPromoteSkipsTheBakeAndCanJumpToFull() throws Exception {
        RolloutController controller = start();
        controller.promote(null);
        assertThat(controller.state().candidatePercent()).isEqualTo(5);
        controller.promote(100);
        assertThat(controller.state().phase()).isEqualTo(Phase.PROMOTED);
        assertThat(auditLines()).extracting(line -> line.path("actor").asText()).containsExactly("admin", "admin");
        assertThat(registry.get("shadowgate.rollout.transitions").tag("to", "PROMOTED").tag("actor", "admin")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aPromotionIsRefusedWhileAGateFailsAndTheRefusalNamesTheGate() throws Exception {
        RolloutController controller = start();
        // Evidence that failed since the last tick: the promotion judges it on the spot.
        judge.say(ScriptedEvidence.ERRING);

        assertThatThrownBy(() -> controller.promote(null))
                .isInstanceOfSatisfying(FailingGatesException.class, refused -> {
                    assertThat(refused.failingGates()).extracting(gate -> gate.get("name"))
                            .containsExactly("errorRateIncrease");
                    assertThat(refused.evidence()).containsEntry("samples", 900L);
                })
                .hasMessageContaining("errorRateIncrease fail: lower bound").hasMessageContaining("force");
        assertThatThrownBy(() -> controller.promote(100)).isInstanceOf(FailingGatesException.class);

        assertThat(controller.state().phase()).isEqualTo(Phase.SHADOW);
        assertThat(applied).containsExactly(0);
        assertThat(Files.exists(dir.resolve("audit.jsonl"))).as("nothing moved, nothing audited").isFalse();
        assertThat(controller.status().get("decision").toString()).as("the judgement made for the command is shown")
                .contains("rollback");
    }

    @Test
    void pendingGatesDoNotRefuseAPromotionAndItIsNotMarkedForced() throws Exception {
        RolloutController controller = start();
        judge.say(StageVerdict.WAIT); // no evidence yet: every gate pending

        controller.promote(null, false);

        assertThat(controller.state().candidatePercent()).isEqualTo(5);
        JsonNode line = auditLines().get(0);
        assertThat(line.has("forced")).isFalse();
        assertThat(line.has("failingGates")).isFalse();
        assertThat(line.path("reason").asText()).isEqualTo("promoted by an operator");
    }

    @Test
    void aForcedPromotionGoesPastFailingGatesAndIsAuditedAsForced() throws Exception {
        RolloutController controller = start();
        controller.promote(null);
        judge.say(StageVerdict.ROLLBACK); // the match-rate gate fails

        controller.promote(100, true);

        assertThat(controller.state()).extracting(RolloutState::phase, RolloutState::candidatePercent)
                .containsExactly(Phase.PROMOTED, 100);
        assertThat(applied).endsWith(5, 100);
        JsonNode line = auditLines().get(1);
        assertThat(line.path("actor").asText()).isEqualTo("admin");
        assertThat(line.path("forced").asBoolean()).isTrue();
        assertThat(line.path("failingGates").get(0).path("name").asText()).isEqualTo("matchRate");
        assertThat(line.path("failingGates").get(0).path("detail").asText()).contains("0.9448 < 0.99");
        assertThat(line.path("reason").asText()).isEqualTo("promoted by an operator to 100%, forced past failing gates: "
                + "matchRate fail: upper bound 0.9448 < 0.99 after 100 comparisons (10 mismatches)");
        assertThat(line.path("evidence").path("samples").asInt()).as("the evidence judged for the command").isEqualTo(100);
        assertThat(controller.status().get("lastTransition").toString()).contains("forced=true");
    }

    @Test
    void forceWithNothingFailingIsAnOrdinaryPromotion() throws Exception {
        RolloutController controller = start();
        controller.promote(null, true);
        assertThat(controller.state().candidatePercent()).isEqualTo(5);
        assertThat(auditLines().get(0).has("forced")).isFalse();
    }

    @Test
    void impossibleCommandsAreConflicts() throws Exception {
        RolloutController controller = start();
        assertThatThrownBy(controller::resume).isInstanceOf(RolloutConflictException.class).hasMessageContaining("not paused");
        assertThatThrownBy(() -> controller.promote(7)).isInstanceOf(RolloutConflictException.class)
                .hasMessageContaining("not a stage");
        controller.promote(100);
        assertThatThrownBy(() -> controller.promote(null)).isInstanceOf(RolloutConflictException.class)
                .hasMessageContaining("PROMOTED");
        assertThatThrownBy(controller::pause).isInstanceOf(RolloutConflictException.class);
        controller.rollback();
        assertThatThrownBy(controller::rollback).isInstanceOf(RolloutConflictException.class)
                .hasMessageContaining("already rolled back");
        assertThatThrownBy(() -> controller.promote(null)).hasMessageContaining("restart");
        controller.restart();
        assertThat(controller.state().phase()).isEqualTo(Phase.SHADOW);
        assertThat(applied).endsWith(100, 0);
    }

    @Test
    void pauseStopsAutomaticMovesUntilResumed() throws Exception {
        RolloutController controller = start();
        controller.promote(null);
        controller.pause();
        assertThat(controller.state()).extracting(RolloutState::phase, RolloutState::candidatePercent)
                .containsExactly(Phase.PAUSED, 5);
        judge.say(StageVerdict.ADVANCE);
        clock.advance(Duration.ofHours(3));
        controller.tick();
        judge.say(StageVerdict.ROLLBACK);
        controller.tick();
        assertThat(controller.state().phase()).isEqualTo(Phase.PAUSED);
        assertThatThrownBy(() -> controller.promote(null)).hasMessageContaining("resume");

        controller.resume();
        assertThat(controller.state()).extracting(RolloutState::phase, RolloutState::candidatePercent)
                .containsExactly(Phase.CANARY, 5);
        controller.tick();
        assertThat(controller.state().phase()).as("a failure after resuming rolls back").isEqualTo(Phase.ROLLED_BACK);
    }

    @Test
    void aRestartResumesTheSavedPhaseAndWeightWithFreshEvidence() throws Exception {
        RolloutController first = start();
        first.promote(null);
        first.promote(null);
        assertThat(first.state().candidatePercent()).isEqualTo(25);
        applied.clear();

        clock.advance(Duration.ofMinutes(1));
        RolloutController second = start();

        assertThat(second.state()).extracting(RolloutState::phase, RolloutState::stage, RolloutState::candidatePercent)
                .containsExactly(Phase.CANARY, 1, 25);
        assertThat(applied).as("the saved weight is applied again").containsExactly(25);
        assertThat(second.status().get("evidence").toString()).contains("resumed from the state file");
        second.promote(null);
        assertThat(second.state().candidatePercent()).isEqualTo(50);
    }

    @Test
    void aRouterThatFailsKeepsTheLastAppliedWeightAndRetries() throws Exception {
        List<Boolean> refuse = new ArrayList<>(List.of(false));
        router = router("flaky", candidatePercent -> {
            if (refuse.get(0)) {
                return CompletableFuture.failedFuture(new IllegalStateException("409 Conflict from ARM"));
            }
            applied.add(candidatePercent);
            return CompletableFuture.completedFuture(null);
        });
        RolloutController controller = start();
        refuse.set(0, true);
        judge.say(StageVerdict.ADVANCE);
        clock.advance(Duration.ofMinutes(10));
        controller.tick();

        assertThat(controller.state().phase()).isEqualTo(Phase.SHADOW);
        assertThat(controller.status().get("routerError")).isEqualTo("flaky: 409 Conflict from ARM");
        assertThat(Files.readString(dir.resolve("state.json"))).contains("SHADOW");

        refuse.set(0, false);
        controller.tick();
        assertThat(controller.state().candidatePercent()).isEqualTo(5);
        assertThat(controller.status().get("routerError")).isNull();
    }

    @Test
    void aSlowRouterHoldsCommandsOtherThanARollbackUntilItIsDone() throws Exception {
        CompletableFuture<Void> slow = new CompletableFuture<>();
        List<Runnable> backOnThread = new ArrayList<>();
        router = router("slow", candidatePercent -> candidatePercent == 0 ? CompletableFuture.completedFuture(null) : slow);
        RolloutController controller = new RolloutController(config(true, RolloutConfig.OnInconclusive.HOLD), clock,
                judge, List.of(router), new RolloutRecorder(registry, Arrays.stream(Phase.values()).map(Enum::name).toList()),
                backOnThread::add);
        controller.start();

        controller.promote(null);
        assertThat(controller.state().phase()).as("not before the router is done").isEqualTo(Phase.SHADOW);
        assertThat(controller.status().get("applyingPercent")).isEqualTo(5);
        assertThatThrownBy(controller::pause).isInstanceOf(RolloutConflictException.class)
                .hasMessageContaining("being applied");
        assertThatThrownBy(() -> controller.promote(null)).isInstanceOf(RolloutConflictException.class)
                .hasMessageContaining("being applied");

        slow.complete(null);
        backOnThread.forEach(Runnable::run);
        assertThat(controller.state().candidatePercent()).isEqualTo(5);
    }

    @Test
    void aRollbackDuringAnApplySupersedesItAndItsLateAnswerLeavesTheRoutersAtZero() throws Exception {
        CompletableFuture<Void> slow = new CompletableFuture<>();
        List<Runnable> backOnThread = new ArrayList<>();
        router = router("slow", candidatePercent -> {
            applied.add(candidatePercent);
            return candidatePercent == 0 ? CompletableFuture.completedFuture(null) : slow;
        });
        RolloutController controller = new RolloutController(config(true, RolloutConfig.OnInconclusive.HOLD), clock,
                judge, List.of(router), new RolloutRecorder(registry, Arrays.stream(Phase.values()).map(Enum::name).toList()),
                backOnThread::add);
        controller.start();
        controller.promote(null);
        assertThat(controller.status().get("applyingPercent")).isEqualTo(5);

        controller.rollback();

        assertThat(controller.state()).extracting(RolloutState::phase, RolloutState::candidatePercent)
                .containsExactly(Phase.ROLLED_BACK, 0);
        assertThat(controller.status().get("applyingPercent")).isNull();
        assertThat(auditLines()).extracting(line -> line.path("from").asText() + " -> " + line.path("to").asText())
                .containsExactly("SHADOW -> ROLLED_BACK");
        assertThat(applied).containsExactly(0, 5, 0);

        slow.complete(null); // the interrupted raise answers late: it may have reached a router after the cut
        backOnThread.forEach(Runnable::run);

        assertThat(applied).as("0% applied once more after the late answer").containsExactly(0, 5, 0, 0);
        assertThat(controller.state().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(auditLines()).as("the late answer records nothing").hasSize(1);
        assertThat(controller.status().get("routerError")).isNull();
    }

    @Test
    void aRaiseReachesTheLastRouterOnlyAfterTheFirstTookItAndACutGoesTheOtherWay() throws Exception {
        List<String> calls = new ArrayList<>();
        List<Boolean> endpointRefuses = new ArrayList<>(List.of(false));
        TrafficRouter endpoint = router("endpoint", candidatePercent -> {
            calls.add("endpoint " + candidatePercent);
            return endpointRefuses.get(0)
                    ? CompletableFuture.failedFuture(new IllegalStateException("throttled"))
                    : CompletableFuture.completedFuture(null);
        });
        TrafficRouter gateway = router("gateway", candidatePercent -> {
            calls.add("gateway " + candidatePercent);
            return CompletableFuture.completedFuture(null);
        });
        RolloutController controller = new RolloutController(config(true, RolloutConfig.OnInconclusive.HOLD), clock,
                judge, List.of(endpoint, gateway),
                new RolloutRecorder(registry, Arrays.stream(Phase.values()).map(Enum::name).toList()), Runnable::run);
        controller.start();
        controller.promote(null);
        assertThat(calls).as("the saved weight at start: the gateway first").containsExactly("gateway 0", "endpoint 0",
                "endpoint 5", "gateway 5");

        calls.clear();
        endpointRefuses.set(0, true);
        controller.promote(null);
        assertThat(calls).as("the gateway is not raised when the endpoint refused").containsExactly("endpoint 25");
        assertThat(controller.state().candidatePercent()).isEqualTo(5);
        assertThat(controller.status().get("routerError")).isEqualTo("endpoint: throttled");

        calls.clear();
        controller.rollback();
        assertThat(calls).as("a cut reaches the gateway first, even while the endpoint refuses")
                .containsExactly("gateway 0", "endpoint 0");
        assertThat(controller.state().phase()).as("held until every router took it").isEqualTo(Phase.CANARY);
    }

    private TrafficRouter refusingAbove(int limit, List<String> calls) {
        return router("endpoint", candidatePercent -> {
            calls.add("endpoint " + candidatePercent);
            return candidatePercent > limit ? CompletableFuture.failedFuture(new IllegalStateException("403"))
                    : CompletableFuture.completedFuture(null);
        });
    }

    @Test
    void aRaiseARouterKeepsRefusingDoesNotStopTheEvidenceFromRollingBack() throws Exception {
        router = refusingAbove(5, new ArrayList<>());
        RolloutController controller = start();
        controller.promote(null);
        judge.say(StageVerdict.ADVANCE);
        clock.advance(Duration.ofMinutes(5));
        controller.tick();
        assertThat(controller.status().get("routerError")).isEqualTo("endpoint: 403");

        judge.say(StageVerdict.ROLLBACK);
        controller.tick();
        assertThat(controller.state().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(controller.state().candidatePercent()).isZero();
    }

    @Test
    void afterARefusedMoveTheSameWeightIsAppliedAgainNotAssumedInPlace() throws Exception {
        List<String> calls = new ArrayList<>();
        router = refusingAbove(5, calls);
        RolloutController controller = start();
        controller.promote(null);
        controller.promote(null); // 25: refused, though a router may have taken it before failing
        calls.clear();

        controller.pause(); // at 5 %, the state's weight

        assertThat(calls).as("the routers are told 5%% again").containsExactly("endpoint 5");
        assertThat(controller.state().phase()).isEqualTo(Phase.PAUSED);
    }

    @Test
    void aStateFileWrittenBeforeItNamedTheCandidateIsTheOneCandidatesAndIsSavedWithTheName() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"version\":1,\"phase\":\"CANARY\",\"stage\":1,\"candidatePercent\":25,"
                + "\"since\":\"2026-11-27T09:00:00Z\",\"pausedFrom\":null}");

        RolloutController controller = start();

        assertThat(controller.state()).isEqualTo(new RolloutState(RolloutState.DEFAULT_CANDIDATE, Phase.CANARY, 1, 25,
                Instant.parse("2026-11-27T09:00:00Z"), null));
        assertThat(controller.snapshot().resumed()).isTrue();
        assertThat(applied).containsExactly(25);
        controller.promote(null);
        assertThat(Files.readString(file)).contains("\"candidate\":\"candidate\"").contains("\"candidatePercent\":50");
    }

    @Test
    void aStateFileOfAnotherCandidateIsNotResumed() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"version\":1,\"candidate\":\"blue\",\"phase\":\"CANARY\",\"stage\":1,"
                + "\"candidatePercent\":25,\"since\":\"2026-11-27T09:00:00Z\",\"pausedFrom\":null}");

        RolloutController controller = new RolloutController(config(true, RolloutConfig.OnInconclusive.HOLD), clock,
                judge, List.of(router), new RolloutRecorder(registry, Arrays.stream(Phase.values()).map(Enum::name).toList()),
                Runnable::run, "green");
        controller.start();

        assertThat(controller.state()).isEqualTo(RolloutState.shadow("green", clock.instant()));
        assertThat(applied).containsExactly(0);
        assertThat(Files.readString(file)).contains("\"candidate\":\"green\"").contains("\"phase\":\"SHADOW\"");
    }

    @Test
    void anUnreadableStateFileStopsTheStartWithAMessageNamingIt() throws Exception {
        Files.writeString(dir.resolve("state.json"), "{\"phase\":\"SIDEWAYS\"");
        assertThatThrownBy(this::start).hasMessageContaining("state.json").hasMessageContaining("fix or remove it");
    }
}
