package io.shadowgate.rollout.run;

import io.shadowgate.rollout.RolloutSnapshot;
import io.shadowgate.rollout.TrafficRouter;
import io.shadowgate.rollout.EvidenceJudge;
import io.shadowgate.rollout.RolloutState;
import io.shadowgate.rollout.Phase;
import io.shadowgate.rollout.Judgement;
import io.shadowgate.rollout.RolloutConflictException;
import io.shadowgate.rollout.FailingGatesException;
import static java.util.Objects.requireNonNull;

import io.shadowgate.config.RolloutConfig;
import io.shadowgate.metrics.RolloutRecorder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollout's state machine. On each {@link #tick} it judges the current stage's evidence and
 * makes at most one transition: advance a stage, roll back, or (past maxBake) apply
 * {@code onInconclusive}; operators' commands make the same transitions by hand. A transition
 * first applies the new weight through every {@link TrafficRouter}, then saves the state,
 * publishes the new snapshot (status and gauges), appends the audit line and tells the webhooks,
 * in that order, so the state file never names a phase later than the traffic that was really
 * applied, and whoever a webhook tells finds the new phase in {@code /status}.
 *
 * <p>An operator's promotion is judged first: when a gate of the current stage fails, it is refused
 * with a {@link FailingGatesException} unless forced, and a forced one is recorded as such in the
 * audit log and the webhooks' payload. Pending gates do not refuse it: skipping the wait for
 * evidence is what a manual promotion is for.
 *
 * <p>Not thread-safe by itself: every call must come from one thread (the {@link RolloutRunner}'s),
 * except {@link #snapshot}, {@link #status} and {@link #state}. The fields below are the rollout
 * thread's working state; after each tick, command or finished transition they are copied into one
 * immutable {@link RolloutSnapshot} published through the one volatile field, and those three
 * methods read only that, so another thread never sees a transition half applied. Time comes from
 * the injected clock, so tests move it instead of sleeping.
 */
public final class RolloutController {
    private static final Logger log = LoggerFactory.getLogger(RolloutController.class);
    static final String AUTO = "auto";
    static final String ADMIN = "admin";

    private final RolloutConfig config;
    private final Clock clock;
    private final EvidenceJudge judge;
    private final RouterChain routers;
    private final StateStore store;
    private final AuditLog audit;
    private final Webhooks webhooks;
    private final RolloutRecorder metrics;
    private final Executor thread;

    // Written and read only on the rollout's thread; other threads read the snapshot.
    private RolloutState state;
    private Judgement lastJudgement;
    private Map<String, Object> lastTransition;
    private String routerError;
    private String stateError;
    private boolean resumed;
    private Instant evidenceSince;
    private Move applying; // weight being applied by the routers
    private Move retry; // a move whose weight a router refused; tried again on the next tick
    private boolean retrying; // the move being started is such a retry
    private boolean routersDisagree; // an apply failed or is pending: routers may not be at the state's weight
    private volatile RolloutSnapshot snapshot; // the only field other threads read

    /**
     * A transition on its way: the state it leads to, who asked, and why.
     *
     * @param forcedPast the failing gates an operator's forced promotion went past; empty otherwise
     */
    record Move(RolloutState target, String actor, String reason, Judgement judgement,
                List<Map<String, Object>> forcedPast) {
        Move(RolloutState target, String actor, String reason, Judgement judgement) {
            this(target, actor, reason, judgement, List.of());
        }
    }

    /**
     * @param thread runs work on the controller's one thread: a router's late answer comes back through it
     */
    public RolloutController(RolloutConfig config, Clock clock, EvidenceJudge judge, List<TrafficRouter> routers,
                             RolloutRecorder metrics, Executor thread) {
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
        this.judge = requireNonNull(judge, "judge");
        this.routers = new RouterChain(routers);
        this.store = new StateStore(config.stateFile());
        this.audit = new AuditLog(config.auditLog());
        this.webhooks = new Webhooks(config.webhooks());
        this.metrics = requireNonNull(metrics, "metrics");
        this.thread = requireNonNull(thread, "thread");
    }

    /**
     * Resumes the saved state (or starts in the shadow stage) and applies its weight again, so the
     * routers agree with the state file whatever happened before a crash.
     *
     * @throws IOException when the state file exists but cannot be read
     */
    public void start() throws IOException {
        Instant now = clock.instant();
        var saved = store.load();
        resumed = saved.isPresent();
        state = saved.orElseGet(() -> RolloutState.shadow(now));
        evidenceSince = now;
        judge.newStage();
        publish();
        log.info("rollout {}: {} at {}% to the candidate{}", resumed ? "resumed from " + store.file() : "started",
                state.phase(), state.candidatePercent(), resumed ? " (evidence starts again now)" : "");
        if (!resumed) {
            saveState(state);
        }
        reapply();
        publish();
    }

    private static double matchRateOf(Judgement judgement) {
        return judgement.evidence().get("matchRate") instanceof Number rate ? rate.doubleValue() : Double.NaN;
    }

    /**
     * Applies the saved weight again, local router first. Until every router took it, commands
     * wait and the routers count as disagreeing with the state, so a failure is retried and no
     * later move of the same weight is taken as already in place.
     */
    private void reapply() {
        routersDisagree = true;
        move(new Move(state, AUTO, "the saved weight, applied again at start", null));
    }

    /** One judgement of the evidence, and at most one transition. */
    public void tick() {
        try {
            judgeAndMove();
        } finally {
            publish();
        }
    }

    private void judgeAndMove() {
        if (applying != null) {
            return; // a weight is still being applied
        }
        RolloutState current = state;
        if (retry != null) {
            Move again = retry;
            retry = null;
            // A raise a router keeps refusing must not stop the evidence from rolling the candidate back.
            if (again.target().candidatePercent() >= current.candidatePercent() && current.phase().judged()) {
                Judgement judgement = judge(current);
                if (judgement.kind() == Judgement.Kind.ROLLBACK) {
                    move(new Move(rolledBack(), AUTO, judgement.reason(), judgement));
                    return;
                }
            }
            retrying = true;
            move(again);
            retrying = false;
            return;
        }
        if (!current.phase().judged()) {
            return;
        }
        Judgement judgement = judge(current);
        switch (judgement.kind()) {
            case ROLLBACK -> move(new Move(rolledBack(), AUTO, judgement.reason(), judgement));
            case ADVANCE -> {
                if (config.auto()) {
                    move(new Move(next(current), AUTO, judgement.reason(), judgement));
                }
            }
            case INCONCLUSIVE -> {
                if (config.onInconclusive() == RolloutConfig.OnInconclusive.ROLLBACK) {
                    move(new Move(rolledBack(), AUTO, judgement.reason(), judgement));
                }
            }
            case WAIT -> { }
        }
    }

    private Judgement judge(RolloutState current) {
        Duration inStage = Duration.between(current.since(), clock.instant());
        Duration minBake = current.phase() == Phase.SHADOW ? config.shadowBake() : config.bake();
        Judgement judgement = judge.judge(inStage, minBake);
        lastJudgement = judgement;
        return judgement;
    }

    /** {@link #promote(Integer, boolean)} without force: refused while a gate fails. */
    public void promote(Integer toPercent) {
        promote(toPercent, false);
    }

    /**
     * Advances one stage ({@code toPercent} null) or straight to the stage of that weight (100:
     * promoted). The current stage's evidence is judged first, on the spot rather than at the last
     * tick, which may be seconds old; a failing gate refuses the promotion unless {@code force}.
     *
     * @throws FailingGatesException when a gate fails and {@code force} is false
     */
    public void promote(Integer toPercent, boolean force) {
        try {
            RolloutState current = checkCommand();
            if (current.phase() == Phase.PAUSED) {
                throw new RolloutConflictException("the rollout is paused: resume it first");
            }
            if (current.phase() == Phase.PROMOTED || current.phase() == Phase.ROLLED_BACK) {
                throw new RolloutConflictException("cannot promote a rollout that is " + current.phase()
                        + (current.phase() == Phase.ROLLED_BACK ? ": restart it for a new attempt" : ""));
            }
            RolloutState target = toPercent == null ? next(current) : stageOf(current, toPercent);
            Judgement judgement = judge(current);
            List<Map<String, Object>> failing = judgement.failingGates();
            if (!failing.isEmpty() && !force) {
                throw new FailingGatesException(judgement);
            }
            String reason = toPercent == null ? "promoted by an operator" : "promoted by an operator to " + toPercent + "%";
            if (!failing.isEmpty()) {
                reason += ", forced past failing gates: " + Judgement.describe(failing);
                log.warn("forced promotion to {}% past failing gates: {}", target.candidatePercent(),
                        Judgement.describe(failing));
            }
            move(new Move(target, ADMIN, reason, judgement, failing));
        } finally {
            publish();
        }
    }

    public void rollback() {
        try {
            RolloutState current = checkCommand();
            if (current.phase() == Phase.ROLLED_BACK) {
                throw new RolloutConflictException("the rollout is already rolled back");
            }
            move(new Move(rolledBack(), ADMIN, "rolled back by an operator", lastJudgement));
        } finally {
            publish();
        }
    }

    public void pause() {
        try {
            RolloutState current = checkCommand();
            if (!current.phase().judged()) {
                throw new RolloutConflictException("only a rollout in SHADOW or CANARY can be paused, not "
                        + current.phase());
            }
            move(new Move(new RolloutState(Phase.PAUSED, current.stage(), current.candidatePercent(), clock.instant(),
                    current.phase()), ADMIN, "paused by an operator", lastJudgement));
        } finally {
            publish();
        }
    }

    public void resume() {
        try {
            RolloutState current = checkCommand();
            if (current.phase() != Phase.PAUSED) {
                throw new RolloutConflictException("the rollout is not paused but " + current.phase());
            }
            move(new Move(new RolloutState(current.pausedFrom(), current.stage(), current.candidatePercent(),
                    clock.instant(), null), ADMIN, "resumed by an operator", lastJudgement));
        } finally {
            publish();
        }
    }

    /** Back to the shadow stage, e.g. for a new candidate. */
    public void restart() {
        try {
            checkCommand();
            move(new Move(RolloutState.shadow(clock.instant()), ADMIN, "restarted by an operator", lastJudgement));
        } finally {
            publish();
        }
    }

    private RolloutState checkCommand() {
        if (applying != null) {
            throw new RolloutConflictException("a change to " + applying.target().candidatePercent()
                    + "% is still being applied; try again when it is done");
        }
        retry = null; // an operator's command replaces a move a router refused
        return state;
    }

    private RolloutState rolledBack() {
        return new RolloutState(Phase.ROLLED_BACK, -1, 0, clock.instant(), null);
    }

    /** The next stage; a stage of 100% is the promotion. */
    private RolloutState next(RolloutState current) {
        int stage = current.phase() == Phase.SHADOW ? 0 : current.stage() + 1;
        if (stage >= config.stages().size()) {
            throw new RolloutConflictException("no stage after " + current.stage());
        }
        return atStage(stage);
    }

    private RolloutState stageOf(RolloutState current, int percent) {
        int stage = config.stages().indexOf(percent);
        if (stage < 0) {
            throw new RolloutConflictException("to: " + percent + " is not a stage (expected one of "
                    + config.stages() + ")");
        }
        if (current.phase() == Phase.CANARY && stage <= current.stage()) {
            throw new RolloutConflictException("to: " + percent + "% is not after the current stage ("
                    + current.candidatePercent() + "%)");
        }
        return atStage(stage);
    }

    private RolloutState atStage(int stage) {
        int percent = config.stages().get(stage);
        return new RolloutState(percent == 100 ? Phase.PROMOTED : Phase.CANARY, stage, percent, clock.instant(), null);
    }

    private void move(Move move) {
        CompletableFuture<Void> applied = move.target().candidatePercent() == state.candidatePercent()
                && !routersDisagree ? CompletableFuture.completedFuture(null) : routers.apply(move.target().candidatePercent(), state.candidatePercent());
        if (applied.isDone()) {
            finish(move, applied);
        } else {
            applying = move;
            if (!retrying) {
                log.info("applying {}% to the candidate for {} ({})", move.target().candidatePercent(),
                        move.target().phase(), move.reason());
            }
            applied.whenComplete((ok, failure) -> thread.execute(() -> {
                if (applying == move) {
                    applying = null;
                    try {
                        finish(move, applied);
                    } finally {
                        publish();
                    }
                }
            }));
        }
    }

    private void finish(Move move, CompletableFuture<Void> applied) {
        String before = routerError;
        if (!recordRouterOutcome(applied)) {
            routersDisagree = true; // some may have taken the new weight before one refused
            retry = move;
            if (routerError.equals(before)) {
                return; // said already; a router backing off refuses every tick the same way
            }
            log.warn("could not apply {}% to the candidate: {}; staying at {}% and retrying",
                    move.target().candidatePercent(), routerError, state.candidatePercent());
            return;
        }
        routersDisagree = false;
        if (move.target() == state) {
            return; // the saved state applied again: nothing changed, nothing to record
        }
        commit(move);
    }

    private boolean recordRouterOutcome(CompletableFuture<Void> applied) {
        try {
            applied.join();
            routerError = null;
            return true;
        } catch (RuntimeException e) {
            routerError = RouterChain.describe(e);
            return false;
        }
    }

    private void commit(Move move) {
        RolloutState from = state;
        RolloutState to = move.target();
        saveState(to);
        state = to;
        judge.newStage();
        evidenceSince = to.since();
        lastJudgement = null;
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
        lastTransition = entry;
        publish(); // before the audit line and the webhooks: whoever they tell may ask /status at once
        try {
            audit.append(entry);
        } catch (IOException e) {
            log.error("cannot append to the audit log {}: {}", audit.file(), e.getMessage());
        }
        metrics.transition(to.phase().name(), move.actor());
        webhooks.notify(entry);
        log.info("rollout {} -> {} at {}% to the candidate ({}: {})", from.phase(), to.phase(), to.candidatePercent(),
                move.actor(), move.reason());
    }

    private void saveState(RolloutState next) {
        try {
            store.save(next);
            stateError = null;
        } catch (IOException e) {
            stateError = "cannot write " + store.file() + ": " + e.getMessage();
            log.error("rollout state not saved: {}", stateError);
        }
    }

    /**
     * Copies the working state into a new snapshot and hands it to readers in one volatile write,
     * the gauges included. Called on the rollout's thread once the fields agree with each other.
     */
    private void publish() {
        Judgement judgement = lastJudgement;
        RolloutSnapshot next = new RolloutSnapshot(state, judgement, lastTransition, routerError, stateError, resumed,
                evidenceSince, applying == null ? null : applying.target().candidatePercent());
        snapshot = next;
        metrics.show(state.phase().name(), state.stage(), state.candidatePercent(),
                judgement == null ? "" : judgement.kind().name().toLowerCase(Locale.ROOT),
                judgement == null ? Double.NaN : matchRateOf(judgement));
    }

    /** The rollout as last published; safe from any thread, null before {@link #start}. */
    public RolloutSnapshot snapshot() {
        return snapshot;
    }

    /** What {@code GET /status} shows of the rollout, all from one snapshot. */
    public Map<String, Object> status() {
        return RolloutStatus.of(snapshot, config);
    }

    /** The durable state as last published. */
    public RolloutState state() {
        return snapshot.state();
    }
}
