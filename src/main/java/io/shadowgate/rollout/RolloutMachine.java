package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import io.shadowgate.config.RolloutConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rollout as a state machine: {@code (state, evidence, command, now) -> (state', effects)}, a
 * pure function (no clock, no I/O, nothing remembered between calls) that the runner calls for each
 * tick, operator's command and router answer, then performs the effects of.
 *
 * <p>The state ({@link Rollout}) is the durable phase ({@link Phase}: SHADOW, CANARY, PAUSED,
 * PROMOTED, ROLLED_BACK, with the candidate's name, stage and weight) times where the routers stand
 * ({@link Weight}: IN_PLACE, APPLYING a move, REFUSED a move). A transition first applies the new
 * weight: the step moves to APPLYING and asks for {@link Effect.ApplyWeight}; only the routers'
 * {@link Command.Applied} commits it (state file, new stage, status, audit log, metrics, webhooks,
 * in that order, so the state file never names a phase later than the traffic really applied, and
 * whoever a webhook tells finds the new phase in {@code /status}). A move to the weight already in
 * place commits at once.
 *
 * <ul>
 *   <li>{@code TICK} in SHADOW or CANARY judges the evidence with the {@link StageJudge}: ROLLBACK
 *       rolls back, ADVANCE moves one stage on when {@code rollout.auto}, WAIT and INCONCLUSIVE
 *       stay (the judge has already turned an inconclusive stage into ROLLBACK when
 *       {@code onInconclusive} says so). While REFUSED, a tick retries the move, but a rollback
 *       judgement wins over a retried raise. While APPLYING, a rollback judgement interrupts the
 *       move; nothing else happens.</li>
 *   <li>{@code PROMOTE} judges the evidence on the spot and is refused while a gate fails, unless
 *       forced (then audited as forced); pending gates do not refuse it.</li>
 *   <li>{@code ROLLBACK} interrupts a move being applied: 0% is applied at once. The interrupted
 *       apply's late answer is ignored, and once every apply has answered the state's weight is
 *       applied once more, so the routers end at 0% whatever order their calls landed in.</li>
 *   <li>{@code PROMOTE}, {@code PAUSE}, {@code RESUME}, {@code RESTART} while APPLYING are
 *       refused: try again when it is done. An accepted command replaces a REFUSED move.</li>
 * </ul>
 */
public final class RolloutMachine {
    public static final String AUTO = "auto";
    public static final String ADMIN = "admin";
    private static final StageJudge JUDGE = new StageJudge();

    private RolloutMachine() {}

    /**
     * The first step: resumes the saved state of {@code candidate} (or starts it in the shadow
     * stage, saving that) with fresh evidence, and applies its weight again, so the routers agree
     * with the state whatever happened before a crash. A saved state of another candidate is not
     * resumed: the rollout of this one starts in the shadow stage.
     */
    public static Step start(Optional<RolloutState> saved, String candidate, Instant now) {
        requireNonNull(candidate, "candidate");
        List<Effect> effects = new ArrayList<>();
        Optional<RolloutState> ours = saved.filter(state -> state.candidate().equals(candidate));
        if (saved.isPresent() && ours.isEmpty()) {
            effects.add(new Effect.Log(true, "the state file is of candidate " + saved.get().candidate() + ", not "
                    + candidate + ": " + candidate + "'s rollout starts in the shadow stage"));
        }
        RolloutState state = ours.orElseGet(() -> RolloutState.shadow(candidate, now));
        Move again = Move.reapply(state, "the saved weight, applied again at start");
        Rollout rollout = new Rollout(state, new Weight.Applying(again, state.candidatePercent(), 1), null, null, null,
                ours.isPresent(), now, Set.of(), false, 1);
        effects.add(Effect.NEW_STAGE);
        effects.add(Effect.PUBLISH);
        if (ours.isEmpty()) {
            effects.add(new Effect.SaveState(state));
        }
        effects.add(new Effect.ApplyWeight(1, state.candidatePercent(), state.candidatePercent(),
                announce(again)));
        return new Step(rollout, effects, null);
    }

    /**
     * One transition, or none.
     *
     * @param evidence the current stage's evidence; read only when {@link Command#judges()}
     * @param now the time of the step: a judgement's time in stage, a new state's {@code since}
     */
    public static Step step(Rollout rollout, StageEvidence evidence, Command command, Instant now,
                            RolloutConfig config) {
        Transition t = new Transition(rollout, evidence, now, config);
        try {
            t.run(requireNonNull(command, "command"));
        } catch (RolloutConflictException refusal) {
            return new Step(t.refused(), List.of(), refusal);
        }
        return t.step();
    }

    private static String announce(Move move) {
        return "applying " + move.target().candidatePercent() + "% to the candidate for " + move.target().phase()
                + " (" + move.reason() + ")";
    }

    /** The working copy of one step: starts as the given state, ends as the next one. */
    private static final class Transition {
        private final Rollout before;
        private final StageEvidence evidence;
        private final Instant now;
        private final RolloutConfig config;
        private final List<Effect> effects = new ArrayList<>();
        private RolloutState state;
        private Weight weight;
        private Judgement judgement;
        private Map<String, Object> lastTransition;
        private String routerError;
        private Instant evidenceSince;
        private final Set<Long> superseded;
        private boolean reassert;
        private long lastApply;

        Transition(Rollout rollout, StageEvidence evidence, Instant now, RolloutConfig config) {
            this.before = requireNonNull(rollout, "rollout");
            this.evidence = evidence;
            this.now = requireNonNull(now, "now");
            this.config = requireNonNull(config, "config");
            state = rollout.state();
            weight = rollout.weight();
            judgement = rollout.judgement();
            lastTransition = rollout.lastTransition();
            routerError = rollout.routerError();
            evidenceSince = rollout.evidenceSince();
            superseded = new HashSet<>(rollout.superseded());
            reassert = rollout.reassert();
            lastApply = rollout.lastApply();
        }

        Step step() {
            return new Step(new Rollout(state, weight, judgement, lastTransition, routerError, before.resumed(),
                    evidenceSince, superseded, reassert, lastApply), effects, null);
        }

        /** A refused command changes nothing but the judgement it made. */
        Rollout refused() {
            return new Rollout(before.state(), before.weight(), judgement, before.lastTransition(),
                    before.routerError(), before.resumed(), before.evidenceSince(), before.superseded(),
                    before.reassert(), before.lastApply());
        }

        void run(Command command) {
            if (command instanceof Command.Tick) {
                tick();
            } else if (command instanceof Command.Applied applied) {
                applied(applied);
            } else if (command instanceof Command.Promote promote) {
                promote(promote.toPercent(), promote.force());
            } else if (command instanceof Command.Rollback) {
                rollback();
            } else if (command instanceof Command.Pause) {
                pause();
            } else if (command instanceof Command.Resume) {
                resume();
            } else if (command instanceof Command.Restart) {
                notApplying();
                move(new Move(RolloutState.shadow(state.candidate(), now), ADMIN, "restarted by an operator",
                        judgement), false);
            } else {
                throw new IllegalArgumentException("unknown command: " + command);
            }
        }

        private void tick() {
            if (weight instanceof Weight.Applying applying) {
                if (state.phase().judged() && applying.move().target().phase() != Phase.ROLLED_BACK
                        && judge().verdict() == StageVerdict.ROLLBACK) {
                    supersede(applying, rolledBack(AUTO, judgement.reason(), judgement));
                }
                return;
            }
            if (weight instanceof Weight.Refused refused) {
                Move again = refused.move();
                // A raise a router keeps refusing must not stop the evidence from rolling the candidate back.
                if (again.target().candidatePercent() >= state.candidatePercent() && state.phase().judged()
                        && judge().verdict() == StageVerdict.ROLLBACK) {
                    move(rolledBack(AUTO, judgement.reason(), judgement), false);
                    return;
                }
                apply(again, true);
                return;
            }
            if (!state.phase().judged()) {
                return;
            }
            Judgement judged = judge();
            if (judged.verdict() == StageVerdict.ROLLBACK) {
                move(rolledBack(AUTO, judged.reason(), judged), false);
            } else if (judged.verdict() == StageVerdict.ADVANCE && config.auto()) {
                move(new Move(next(), AUTO, judged.reason(), judged), false);
            }
            // WAIT and INCONCLUSIVE stay: the judge has turned onInconclusive rollback into ROLLBACK.
        }

        private Judgement judge() {
            requireNonNull(evidence, "evidence");
            Duration inStage = Duration.between(state.since(), now);
            Duration minBake = state.phase() == Phase.SHADOW ? config.shadowBake() : config.bake();
            judgement = Judgement.of(JUDGE.judge(evidence, inStage, minBake, config), evidence);
            return judgement;
        }

        private void promote(Integer toPercent, boolean force) {
            notApplying();
            if (state.phase() == Phase.PAUSED) {
                throw new RolloutConflictException("the rollout is paused: resume it first");
            }
            if (state.phase() == Phase.PROMOTED || state.phase() == Phase.ROLLED_BACK) {
                throw new RolloutConflictException("cannot promote a rollout that is " + state.phase()
                        + (state.phase() == Phase.ROLLED_BACK ? ": restart it for a new attempt" : ""));
            }
            RolloutState target = toPercent == null ? next() : StageTargets.stageOf(state, toPercent, config, now);
            Judgement judged = judge();
            List<Map<String, Object>> failing = judged.failingGates();
            if (!failing.isEmpty() && !force) {
                throw new FailingGatesException(judged);
            }
            String reason = toPercent == null ? "promoted by an operator" : "promoted by an operator to " + toPercent + "%";
            if (!failing.isEmpty()) {
                reason += ", forced past failing gates: " + Judgement.describe(failing);
                effects.add(new Effect.Log(true, "forced promotion to " + target.candidatePercent()
                        + "% past failing gates: " + Judgement.describe(failing)));
            }
            move(new Move(target, ADMIN, reason, judged, failing, false), false);
        }

        private void rollback() {
            if (state.phase() == Phase.ROLLED_BACK) {
                throw new RolloutConflictException("the rollout is already rolled back");
            }
            Move move = rolledBack(ADMIN, "rolled back by an operator", judgement);
            if (weight instanceof Weight.Applying applying) {
                if (applying.move().target().phase() == Phase.ROLLED_BACK) {
                    throw new RolloutConflictException("a rollback is already being applied");
                }
                supersede(applying, move);
                return;
            }
            move(move, false);
        }

        private void pause() {
            notApplying();
            if (!state.phase().judged()) {
                throw new RolloutConflictException("only a rollout in SHADOW or CANARY can be paused, not "
                        + state.phase());
            }
            move(new Move(new RolloutState(state.candidate(), Phase.PAUSED, state.stage(), state.candidatePercent(),
                    now, state.phase()), ADMIN, "paused by an operator", judgement), false);
        }

        private void resume() {
            notApplying();
            if (state.phase() != Phase.PAUSED) {
                throw new RolloutConflictException("the rollout is not paused but " + state.phase());
            }
            move(new Move(new RolloutState(state.candidate(), state.pausedFrom(), state.stage(),
                    state.candidatePercent(), now, null), ADMIN, "resumed by an operator", judgement), false);
        }

        private void notApplying() {
            if (weight instanceof Weight.Applying applying) {
                throw new RolloutConflictException("a change to " + applying.move().target().candidatePercent()
                        + "% is still being applied; try again when it is done");
            }
        }

        private Move rolledBack(String actor, String reason, Judgement judged) {
            return new Move(StageTargets.rolledBack(state, now), actor, reason, judged);
        }

        private RolloutState next() {
            return StageTargets.next(state, config, now);
        }

        /** Commits at once when the routers already hold the move's weight, else applies it first. */
        private void move(Move move, boolean quiet) {
            if (move.target().candidatePercent() == state.candidatePercent() && weight instanceof Weight.InPlace) {
                routerError = null;
                commit(move);
                return;
            }
            apply(move, quiet);
        }

        private void apply(Move move, boolean quiet) {
            lastApply++;
            weight = new Weight.Applying(move, state.candidatePercent(), lastApply);
            effects.add(new Effect.ApplyWeight(lastApply, move.target().candidatePercent(), state.candidatePercent(),
                    quiet ? null : announce(move)));
        }

        /** A rollback in place of the move being applied, which goes on in the routers meanwhile. */
        private void supersede(Weight.Applying interrupted, Move rollback) {
            superseded.add(interrupted.apply());
            reassert = true;
            lastApply++;
            int from = Math.max(state.candidatePercent(), interrupted.move().target().candidatePercent());
            weight = new Weight.Applying(rollback, from, lastApply);
            effects.add(new Effect.Abandon(interrupted.apply()));
            effects.add(new Effect.ApplyWeight(lastApply, rollback.target().candidatePercent(), from,
                    announce(rollback) + ", in place of " + interrupted.move().target().candidatePercent()
                            + "% still being applied"));
        }

        private void applied(Command.Applied answer) {
            if (superseded.remove(answer.apply())) {
                reassertWhenSettled();
                return; // an interrupted move's answer: what it did is undone by the reassertion
            }
            if (!(weight instanceof Weight.Applying applying) || applying.apply() != answer.apply()) {
                return; // not asked for by this rollout: nothing to do with it
            }
            Move move = applying.move();
            if (answer.error() != null) {
                weight = new Weight.Refused(move); // some may have taken the new weight before one refused
                if (!answer.error().equals(routerError)) { // else said already: a router backing off refuses alike
                    effects.add(new Effect.Log(true, "could not apply " + move.target().candidatePercent()
                            + "% to the candidate: " + answer.error() + "; staying at " + state.candidatePercent()
                            + "% and retrying"));
                }
                routerError = answer.error();
            } else {
                routerError = null;
                weight = Weight.IN_PLACE;
                if (!move.reapply()) {
                    commit(move);
                }
            }
            reassertWhenSettled();
        }

        /** Once no apply is out any more, the weight an interrupted apply may have disturbed is applied again. */
        private void reassertWhenSettled() {
            if (!reassert || !superseded.isEmpty() || weight instanceof Weight.Applying) {
                return;
            }
            reassert = false;
            if (weight instanceof Weight.InPlace) {
                apply(Move.reapply(state, "applied again after an interrupted apply"), false);
            } // REFUSED: the retry on the next tick applies it again anyway
        }

        private void commit(Move move) {
            RolloutState from = state;
            RolloutState to = move.target();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("time", to.since().toString());
            entry.put("from", from.phase().name());
            entry.put("to", to.phase().name());
            entry.put("stage", to.stage());
            entry.put("weight", to.candidatePercent());
            entry.put("actor", move.actor());
            entry.put("reason", move.reason());
            entry.put("evidence", move.judgement() == null ? Map.of() : move.judgement().evidence());
            if (!move.forcedPast().isEmpty()) {
                entry.put("forced", true);
                entry.put("failingGates", move.forcedPast());
            }
            state = to;
            weight = Weight.IN_PLACE;
            judgement = null;
            lastTransition = entry;
            evidenceSince = to.since();
            effects.add(new Effect.SaveState(to));
            effects.add(Effect.NEW_STAGE);
            effects.add(Effect.PUBLISH);
            effects.add(new Effect.Audit(entry));
            effects.add(new Effect.Count(to.phase().name(), move.actor()));
            effects.add(new Effect.Notify(entry));
            effects.add(new Effect.Log(false, "rollout " + from.phase() + " -> " + to.phase() + " at "
                    + to.candidatePercent() + "% to the candidate (" + move.actor() + ": " + move.reason() + ")"));
        }
    }
}
