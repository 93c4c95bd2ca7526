package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.config.RolloutConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The pure transition, step by step: each test feeds commands, evidence values and instants to
 * {@link RolloutMachine#step} and reads the next state and the effects it asks for. No clock, no
 * routers, no files: the routers' answers are {@link Command.Applied} commands the test sends.
 */
class RolloutMachineTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final StageEvidence NONE = StageEvidence.empty();

    private static RolloutConfig config(boolean auto, RolloutConfig.OnInconclusive onInconclusive) {
        return new RolloutConfig(auto, List.of(5, 25, 50, 100), Duration.ofMinutes(10), Duration.ofMinutes(5),
                Duration.ofHours(1), onInconclusive, 200, 0.95, new RolloutConfig.Gates(0.99, 0.01, 0.2),
                Optional.empty(), Path.of("unused-state.json"), Path.of("unused-audit.jsonl"), List.of(),
                Duration.ofSeconds(5));
    }

    private final RolloutConfig config = config(true, RolloutConfig.OnInconclusive.HOLD);

    private Step step(Rollout rollout, StageEvidence evidence, Command command, Duration at) {
        return RolloutMachine.step(rollout, evidence, command, T0.plus(at), config);
    }

    private static Instant at(Duration after) {
        return T0.plus(after);
    }

    /** A fresh rollout whose start apply has been answered: SHADOW at 0%, routers in place, apply 1 done. */
    private Rollout started() {
        Step start = RolloutMachine.start(Optional.empty(), "green", T0);
        return RolloutMachine.step(start.next(), null, Command.Applied.ok(1), T0, config).next();
    }

    /** {@link #started()} with a raise to 5% asked for at 10m, not answered yet (apply 2). */
    private Rollout raising() {
        Step advance = step(started(), ScriptedEvidence.CLEAN, Command.TICK, Duration.ofMinutes(10));
        assertThat(advance.next().weight()).isInstanceOf(Weight.Applying.class);
        return advance.next();
    }

    private static List<Class<?>> kinds(Step step) {
        return step.effects().stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void startSavesTheShadowStageAndAppliesItsWeightAgainWithoutRecordingATransition() {
        Step start = RolloutMachine.start(Optional.empty(), "green", T0);

        assertThat(start.next().state()).isEqualTo(RolloutState.shadow("green", T0));
        assertThat(start.effects()).containsExactly(Effect.NEW_STAGE, Effect.PUBLISH,
                new Effect.SaveState(RolloutState.shadow("green", T0)),
                new Effect.ApplyWeight(1, 0, 0, "applying 0% to the candidate for SHADOW (the saved weight, applied again at start)"));
        assertThat(start.next().applyingPercent()).isZero();

        Step answered = RolloutMachine.step(start.next(), null, Command.Applied.ok(1), T0, config);
        assertThat(answered.effects()).as("the saved state again: nothing to record").isEmpty();
        assertThat(answered.next().weight()).isEqualTo(Weight.IN_PLACE);
        assertThat(answered.next().lastTransition()).isNull();
    }

    @Test
    void startResumesTheSavedStateOfItsCandidateOnlyAndNeverSavesItAgain() {
        RolloutState saved = new RolloutState("green", Phase.CANARY, 1, 25, T0.minusSeconds(60), null);

        Step resumed = RolloutMachine.start(Optional.of(saved), "green", T0);
        assertThat(resumed.next().state()).isEqualTo(saved);
        assertThat(resumed.next().resumed()).isTrue();
        assertThat(resumed.next().evidenceSince()).isEqualTo(T0);
        assertThat(resumed.effects()).noneMatch(effect -> effect instanceof Effect.SaveState)
                .contains(new Effect.ApplyWeight(1, 25, 25,
                        "applying 25% to the candidate for CANARY (the saved weight, applied again at start)"));

        Step other = RolloutMachine.start(Optional.of(saved), "blue", T0);
        assertThat(other.next().state()).as("another candidate's state is not resumed")
                .isEqualTo(RolloutState.shadow("blue", T0));
        assertThat(other.next().resumed()).isFalse();
        assertThat(other.effects().get(0)).isInstanceOfSatisfying(Effect.Log.class,
                line -> assertThat(line.message()).contains("candidate green, not blue"));
        assertThat(other.effects()).contains(new Effect.SaveState(RolloutState.shadow("blue", T0)));
    }

    @Test
    void cleanEvidenceWaitsForTheBakeThenAppliesTheNextStageAndCommitsOnlyOnTheRoutersAnswer() {
        Rollout shadow = started();

        Step early = step(shadow, ScriptedEvidence.CLEAN, Command.TICK, Duration.ofMinutes(9));
        assertThat(early.effects()).isEmpty();
        assertThat(early.next().judgement().verdict()).isEqualTo(StageVerdict.WAIT);
        assertThat(early.next().judgement().reason()).contains("baking 9m of 10m");

        Step advance = step(early.next(), ScriptedEvidence.CLEAN, Command.TICK, Duration.ofMinutes(10));
        assertThat(advance.effects()).containsExactly(new Effect.ApplyWeight(2, 5, 0,
                "applying 5% to the candidate for CANARY (every gate passed on 2000 comparisons after 10m)"));
        assertThat(advance.next().state()).as("not before the routers answer").isEqualTo(shadow.state());
        assertThat(advance.next().applyingPercent()).isEqualTo(5);

        Step done = step(advance.next(), null, Command.Applied.ok(2), Duration.ofMinutes(10).plusSeconds(3));
        RolloutState canary = new RolloutState("green", Phase.CANARY, 0, 5, at(Duration.ofMinutes(10)), null);
        assertThat(done.next().state()).isEqualTo(canary);
        assertThat(done.next().weight()).isEqualTo(Weight.IN_PLACE);
        assertThat(done.next().judgement()).as("a new stage has no judgement yet").isNull();
        assertThat(done.next().evidenceSince()).isEqualTo(canary.since());
        assertThat(kinds(done)).containsExactly(Effect.SaveState.class, Effect.NewStage.class, Effect.Publish.class,
                Effect.Audit.class, Effect.Count.class, Effect.Notify.class, Effect.Log.class);
        assertThat(done.effects().get(0)).isEqualTo(new Effect.SaveState(canary));
        assertThat(done.effects().get(4)).isEqualTo(new Effect.Count("CANARY", "auto"));
        Effect.Audit audit = (Effect.Audit) done.effects().get(3);
        assertThat(audit.entry()).containsEntry("time", "2026-12-02T10:10:00Z").containsEntry("from", "SHADOW")
                .containsEntry("to", "CANARY").containsEntry("stage", 0).containsEntry("weight", 5)
                .containsEntry("actor", "auto").containsEntry("reason", "every gate passed on 2000 comparisons after 10m")
                .doesNotContainKey("forced");
        assertThat(done.effects().get(5)).isEqualTo(new Effect.Notify(audit.entry()));
        assertThat(done.next().lastTransition()).isEqualTo(audit.entry());
    }

    @Test
    void withoutAutoPassingEvidenceMovesNothingButFailingEvidenceRollsBack() {
        RolloutConfig manual = config(false, RolloutConfig.OnInconclusive.HOLD);
        Rollout shadow = started();

        Step passed = RolloutMachine.step(shadow, ScriptedEvidence.CLEAN, Command.TICK, at(Duration.ofHours(2)), manual);
        assertThat(passed.effects()).isEmpty();
        assertThat(passed.next().judgement().verdict()).isEqualTo(StageVerdict.ADVANCE);

        Step failed = RolloutMachine.step(shadow, ScriptedEvidence.MISMATCHING, Command.TICK, at(Duration.ofHours(2)),
                manual);
        assertThat(failed.next().state().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(failed.effects()).as("0%% is in place already: committed at once")
                .noneMatch(effect -> effect instanceof Effect.ApplyWeight).contains(new Effect.Count("ROLLED_BACK", "auto"));
    }

    @Test
    void pastMaxBakeThinEvidenceIsHeldOrRolledBackAsTheJudgeSays() {
        Step held = step(started(), ScriptedEvidence.THIN, Command.TICK, Duration.ofHours(1));
        assertThat(held.next().judgement().verdict()).isEqualTo(StageVerdict.INCONCLUSIVE);
        assertThat(held.effects()).isEmpty();

        RolloutConfig rollingBack = config(true, RolloutConfig.OnInconclusive.ROLLBACK);
        Step rolled = RolloutMachine.step(started(), ScriptedEvidence.THIN, Command.TICK, at(Duration.ofHours(1)),
                rollingBack);
        assertThat(rolled.next().state().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(rolled.next().lastTransition().get("reason").toString()).startsWith("inconclusive after maxBake 1h")
                .endsWith("(onInconclusive: rollback)");
    }

    @Test
    void aMoveToTheWeightInPlaceCommitsAtOnce() {
        Rollout canary = step(raising(), null, Command.Applied.ok(2), Duration.ofMinutes(10)).next();

        Step paused = step(canary, null, Command.PAUSE, Duration.ofMinutes(11));

        assertThat(paused.next().state()).isEqualTo(new RolloutState("green", Phase.PAUSED, 0, 5,
                at(Duration.ofMinutes(11)), Phase.CANARY));
        assertThat(paused.effects()).noneMatch(effect -> effect instanceof Effect.ApplyWeight)
                .contains(new Effect.Count("PAUSED", "admin"));
        Step ticked = step(paused.next(), ScriptedEvidence.MISMATCHING, Command.TICK, Duration.ofHours(3));
        assertThat(ticked.effects()).as("a paused rollout is not judged").isEmpty();
        assertThat(ticked.next()).isEqualTo(paused.next());
    }

    @Test
    void aRefusedRaiseIsRetriedEveryTickSaidOnceAndARollbackJudgementWinsOverIt() {
        Step refused = step(raising(), null, new Command.Applied(2, "endpoint: 403"), Duration.ofMinutes(10));
        assertThat(refused.next().weight()).isInstanceOf(Weight.Refused.class);
        assertThat(refused.next().routerError()).isEqualTo("endpoint: 403");
        assertThat(refused.next().state().phase()).isEqualTo(Phase.SHADOW);
        assertThat(refused.effects()).containsExactly(new Effect.Log(true,
                "could not apply 5% to the candidate: endpoint: 403; staying at 0% and retrying"));

        Step retry = step(refused.next(), ScriptedEvidence.CLEAN, Command.TICK, Duration.ofMinutes(11));
        assertThat(retry.effects()).as("retried quietly").containsExactly(new Effect.ApplyWeight(3, 5, 0, null));
        Step again = step(retry.next(), null, new Command.Applied(3, "endpoint: 403"), Duration.ofMinutes(11));
        assertThat(again.effects()).as("the same refusal is not logged twice").isEmpty();

        Step rollback = step(again.next(), ScriptedEvidence.MISMATCHING, Command.TICK, Duration.ofMinutes(12));
        assertThat(rollback.effects()).hasSize(1).first().isInstanceOfSatisfying(Effect.ApplyWeight.class,
                apply -> assertThat(apply.percent()).isZero());
        assertThat(rollback.next().applyingPercent()).isZero();
    }

    @Test
    void afterARefusalACommandAtTheSameWeightAppliesItAgain() {
        Rollout canary = step(raising(), null, Command.Applied.ok(2), Duration.ofMinutes(10)).next();
        Rollout raise = step(canary, NONE, new Command.Promote(null, false), Duration.ofMinutes(11)).next();
        Rollout refused = step(raise, null, new Command.Applied(3, "endpoint: 403"), Duration.ofMinutes(11)).next();

        Step paused = step(refused, null, Command.PAUSE, Duration.ofMinutes(12));

        assertThat(paused.effects()).hasSize(1).first().isInstanceOfSatisfying(Effect.ApplyWeight.class,
                apply -> assertThat(apply.percent()).as("the routers may not be at 5%%").isEqualTo(5));
    }

    @Test
    void anOperatorsRollbackDuringAnApplySupersedesItAndItsLateAnswerIsUndone() {
        Rollout raising = raising();

        Step rollback = step(raising, null, Command.ROLLBACK, Duration.ofMinutes(10).plusSeconds(1));
        assertThat(rollback.refusal()).isNull();
        assertThat(rollback.effects()).containsExactly(new Effect.Abandon(2), new Effect.ApplyWeight(3, 0, 5,
                "applying 0% to the candidate for ROLLED_BACK (rolled back by an operator), in place of 5% still being applied"));
        assertThat(rollback.next().applyingPercent()).isZero();
        assertThat(rollback.next().superseded()).containsExactly(2L);

        Step cut = step(rollback.next(), null, Command.Applied.ok(3), Duration.ofMinutes(10).plusSeconds(2));
        assertThat(cut.next().state().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(cut.next().state().candidatePercent()).isZero();
        Effect.Audit audit = (Effect.Audit) cut.effects().get(3);
        assertThat(audit.entry()).containsEntry("from", "SHADOW").containsEntry("to", "ROLLED_BACK")
                .containsEntry("actor", "admin");
        assertThat(cut.effects()).as("the raise has not answered: nothing applied again yet")
                .noneMatch(effect -> effect instanceof Effect.ApplyWeight);

        Step late = step(cut.next(), null, Command.Applied.ok(2), Duration.ofMinutes(11));
        assertThat(late.effects()).as("the late raise may have reached a router: 0% once more")
                .containsExactly(new Effect.ApplyWeight(4, 0, 0,
                        "applying 0% to the candidate for ROLLED_BACK (applied again after an interrupted apply)"));
        assertThat(late.next().state()).isEqualTo(cut.next().state());
        assertThat(late.next().lastTransition()).isEqualTo(cut.next().lastTransition());

        Step settled = step(late.next(), null, Command.Applied.ok(4), Duration.ofMinutes(11));
        assertThat(settled.effects()).isEmpty();
        assertThat(settled.next().weight()).isEqualTo(Weight.IN_PLACE);
        assertThat(settled.next().reassert()).isFalse();
        assertThat(settled.next().superseded()).isEmpty();
    }

    @Test
    void aLateAnswerBeforeTheRollbacksOwnWaitsForItAndAFailedOneIsIgnored() {
        Rollout rollingBack = step(raising(), null, Command.ROLLBACK, Duration.ofMinutes(10)).next();

        Step late = step(rollingBack, null, new Command.Applied(2, "endpoint: TrafficNotVisible"), Duration.ofMinutes(11));
        assertThat(late.effects()).isEmpty();
        assertThat(late.next().routerError()).as("the superseded move's failure is not the rollout's").isNull();
        assertThat(late.next().applyingPercent()).isZero();

        Step cut = step(late.next(), null, Command.Applied.ok(3), Duration.ofMinutes(11));
        assertThat(cut.next().state().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(cut.effects().get(cut.effects().size() - 1)).as("then 0% once more, after the commit")
                .isInstanceOfSatisfying(Effect.ApplyWeight.class, apply -> assertThat(apply.percent()).isZero());
    }

    @Test
    void aFailingJudgementDuringAnApplyInterruptsItAPassingOneDoesNothing() {
        Rollout raising = raising();

        Step passing = step(raising, ScriptedEvidence.CLEAN, Command.TICK, Duration.ofMinutes(11));
        assertThat(passing.effects()).isEmpty();
        assertThat(passing.next().applyingPercent()).isEqualTo(5);

        Step failing = step(raising, ScriptedEvidence.MISMATCHING, Command.TICK, Duration.ofMinutes(11));
        assertThat(failing.effects()).first().isEqualTo(new Effect.Abandon(2));
        assertThat(failing.next().applyingPercent()).isZero();
        Step cut = step(failing.next(), null, Command.Applied.ok(3), Duration.ofMinutes(11));
        assertThat(((Effect.Audit) cut.effects().get(3)).entry()).containsEntry("actor", "auto")
                .containsEntry("reason", "gate matchRate FAIL: upper bound 0.9448 < 0.99 after 100 comparisons (10 mismatches)");
    }

    @Test
    void otherCommandsDuringAnApplyAreRefusedAndChangeNothing() {
        Rollout raising = raising();
        for (Command command : List.of(new Command.Promote(null, false), Command.PAUSE, Command.RESUME,
                Command.RESTART)) {
            Step refused = step(raising, NONE, command, Duration.ofMinutes(11));
            assertThat(refused.refusal()).as("%s", command).hasMessageContaining("5% is still being applied");
            assertThat(refused.effects()).isEmpty();
            assertThat(refused.next()).isEqualTo(raising);
        }
        Rollout rollingBack = step(raising, null, Command.ROLLBACK, Duration.ofMinutes(11)).next();
        assertThat(step(rollingBack, null, Command.ROLLBACK, Duration.ofMinutes(11)).refusal())
                .hasMessageContaining("a rollback is already being applied");
    }

    @Test
    void aRefusedPromotionKeepsOnlyTheJudgementItMade() {
        Rollout shadow = started();

        Step refused = step(shadow, ScriptedEvidence.ERRING, new Command.Promote(null, false), Duration.ofMinutes(1));

        assertThat(refused.refusal()).isInstanceOf(FailingGatesException.class);
        assertThat(refused.effects()).isEmpty();
        assertThat(refused.next().judgement().failingGates()).extracting(gate -> gate.get("name"))
                .containsExactly(Gates.ERROR_RATE_INCREASE);
        assertThat(refused.next().state()).isEqualTo(shadow.state());
        assertThat(refused.next().weight()).isEqualTo(shadow.weight());

        Step forced = step(shadow, ScriptedEvidence.ERRING, new Command.Promote(100, true), Duration.ofMinutes(1));
        assertThat(forced.effects().get(0)).isInstanceOfSatisfying(Effect.Log.class,
                line -> assertThat(line.warning()).isTrue());
        Step done = step(forced.next(), null, Command.Applied.ok(2), Duration.ofMinutes(1));
        assertThat(((Effect.Audit) done.effects().get(3)).entry()).containsEntry("forced", true)
                .containsEntry("to", "PROMOTED").containsKey("failingGates");
    }

    @Test
    void anAnswerToNoApplyOfThisRolloutIsIgnored() {
        Rollout raising = raising();
        Step stray = step(raising, null, Command.Applied.ok(99), Duration.ofMinutes(11));
        assertThat(stray.effects()).isEmpty();
        assertThat(stray.next()).isEqualTo(raising);
    }

    @Test
    void theStepIsAFunctionOfItsArguments() {
        Rollout raising = raising();
        for (Command command : List.of(Command.TICK, Command.ROLLBACK, Command.Applied.ok(2),
                new Command.Applied(2, "x"))) {
            assertThat(step(raising, ScriptedEvidence.MISMATCHING, command, Duration.ofMinutes(12)))
                    .isEqualTo(step(raising, ScriptedEvidence.MISMATCHING, command, Duration.ofMinutes(12)));
        }
    }

    @Test
    void theStateNamesItsCandidateThroughEveryTransition() {
        Rollout canary = step(raising(), null, Command.Applied.ok(2), Duration.ofMinutes(10)).next();
        Rollout restarted = step(canary, null, Command.RESTART, Duration.ofMinutes(11)).next();
        Rollout back = step(restarted, null, Command.Applied.ok(3), Duration.ofMinutes(11)).next();
        assertThat(List.of(canary, back)).extracting(rollout -> rollout.state().candidate()).containsOnly("green");
        assertThat(back.state().phase()).isEqualTo(Phase.SHADOW);
    }
}
