package io.shadowgate.rollout.run;

import static java.util.Objects.requireNonNull;

import io.shadowgate.config.RolloutConfig;
import io.shadowgate.metrics.RolloutRecorder;
import io.shadowgate.rollout.Command;
import io.shadowgate.rollout.Effect;
import io.shadowgate.rollout.EvidenceSource;
import io.shadowgate.rollout.FailingGatesException;
import io.shadowgate.rollout.Judgement;
import io.shadowgate.rollout.Rollout;
import io.shadowgate.rollout.RolloutConflictException;
import io.shadowgate.rollout.RolloutMachine;
import io.shadowgate.rollout.RolloutSnapshot;
import io.shadowgate.rollout.RolloutState;
import io.shadowgate.rollout.Step;
import io.shadowgate.rollout.TrafficRouter;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rollout's {@link RolloutMachine}: for each tick, operator's command or router answer it
 * takes the stage's evidence from the {@link EvidenceSource}, reads the clock, makes one step and
 * performs the step's effects in order: the weight through every {@link TrafficRouter} (in
 * {@link RouterChain} order), the state file, a new stage of evidence, the status snapshot, the
 * audit log, the metrics and the webhooks. A router's answer comes back on the rollout's thread as
 * a {@link Command.Applied}; one already given when the routers return is handled before the
 * command that asked returns, so a command answers with the rollout as it is then.
 *
 * <p>Not thread-safe by itself: every call must come from one thread (the {@link RolloutRunner}'s),
 * except {@link #snapshot}, {@link #status} and {@link #state}. The machine's state is the rollout
 * thread's; after each step it is published as one immutable {@link RolloutSnapshot} through the
 * one volatile field, and those three methods read only that, so another thread never sees a
 * transition half applied. Time comes from the injected clock, so tests move it instead of sleeping.
 */
public final class RolloutController {
    private static final Logger log = LoggerFactory.getLogger(RolloutController.class);

    private final RolloutConfig config;
    private final Clock clock;
    private final EvidenceSource evidence;
    private final String candidate;
    private final RouterChain routers;
    private final StateStore store;
    private final AuditLog audit;
    private final Webhooks webhooks;
    private final RolloutRecorder metrics;
    private final Executor thread;
    private final Deque<Command> answered = new ArrayDeque<>(); // routers' answers given at once, next in line
    // Applies still out, by number: a rollback may abandon one; read by the routers' threads.
    private final Map<Long, AtomicBoolean> applying = new ConcurrentHashMap<>();

    // Written and read only on the rollout's thread; other threads read the snapshot.
    private Rollout rollout;
    private String stateError;
    private volatile RolloutSnapshot snapshot; // the only field other threads read

    /** The rollout of the one candidate, named {@value RolloutState#DEFAULT_CANDIDATE}. */
    public RolloutController(RolloutConfig config, Clock clock, EvidenceSource evidence, List<TrafficRouter> routers,
                             RolloutRecorder metrics, Executor thread) {
        this(config, clock, evidence, routers, metrics, thread, RolloutState.DEFAULT_CANDIDATE);
    }

    /**
     * @param thread runs work on the controller's one thread: a router's late answer comes back through it
     * @param candidate the name of the candidate this rollout moves, as the state file records it
     */
    public RolloutController(RolloutConfig config, Clock clock, EvidenceSource evidence, List<TrafficRouter> routers,
                             RolloutRecorder metrics, Executor thread, String candidate) {
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
        this.evidence = requireNonNull(evidence, "evidence");
        this.routers = new RouterChain(routers);
        this.store = new StateStore(config.stateFile());
        this.audit = new AuditLog(config.auditLog());
        this.webhooks = new Webhooks(config.webhooks());
        this.metrics = requireNonNull(metrics, "metrics");
        this.thread = requireNonNull(thread, "thread");
        this.candidate = requireNonNull(candidate, "candidate");
    }

    /**
     * Resumes the saved state (or starts in the shadow stage) and applies its weight again, so the
     * routers agree with the state file whatever happened before a crash.
     *
     * @throws IOException when the state file exists but cannot be read
     */
    public void start() throws IOException {
        Step step = RolloutMachine.start(store.load(), candidate, clock.instant());
        rollout = step.next();
        RolloutState state = rollout.state();
        log.info("rollout {}: {} at {}% to {}{}", rollout.resumed() ? "resumed from " + store.file() : "started",
                state.phase(), state.candidatePercent(), state.candidate(),
                rollout.resumed() ? " (evidence starts again now)" : "");
        perform(step);
    }

    /** One judgement of the evidence, and at most one transition. */
    public void tick() {
        run(Command.TICK);
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
        run(new Command.Promote(toPercent, force));
    }

    /** Rolls back, at once: a weight still being applied is superseded by 0%. */
    public void rollback() {
        run(Command.ROLLBACK);
    }

    public void pause() {
        run(Command.PAUSE);
    }

    public void resume() {
        run(Command.RESUME);
    }

    /** Back to the shadow stage, e.g. for a new candidate. */
    public void restart() {
        run(Command.RESTART);
    }

    /**
     * One step, its effects, then the routers' answers already given.
     *
     * @throws RolloutConflictException when the machine refused the command
     */
    private void run(Command command) {
        Step step = step(command);
        if (step.refusal() != null) {
            throw step.refusal();
        }
    }

    /** The machine's step for {@code command} at the clock's now, on the evidence when it judges, performed. */
    private Step step(Command command) {
        Step step = RolloutMachine.step(rollout, command.judges() ? evidence.snapshot() : null, command,
                clock.instant(), config);
        rollout = step.next();
        perform(step);
        return step;
    }

    private void perform(Step step) {
        try {
            for (Effect effect : step.effects()) {
                perform(effect);
            }
        } finally {
            publish();
        }
        while (!answered.isEmpty()) {
            step(answered.poll());
        }
    }

    private void perform(Effect effect) {
        if (effect instanceof Effect.ApplyWeight apply) {
            applyWeight(apply);
        } else if (effect instanceof Effect.Abandon abandon) {
            AtomicBoolean abandoned = applying.get(abandon.apply());
            if (abandoned != null) {
                abandoned.set(true);
            }
        } else if (effect instanceof Effect.SaveState save) {
            saveState(save.state());
        } else if (effect instanceof Effect.NewStage) {
            evidence.newStage();
        } else if (effect instanceof Effect.Publish) {
            publish();
        } else if (effect instanceof Effect.Audit entry) {
            try {
                audit.append(entry.entry());
            } catch (IOException e) {
                log.error("cannot append to the audit log {}: {}", audit.file(), e.getMessage());
            }
        } else if (effect instanceof Effect.Count count) {
            metrics.transition(count.phase(), count.actor());
        } else if (effect instanceof Effect.Notify notify) {
            webhooks.notify(notify.entry());
        } else if (effect instanceof Effect.Log line) {
            if (line.warning()) {
                log.warn("{}", line.message());
            } else {
                log.info("{}", line.message());
            }
        } else {
            throw new IllegalArgumentException("unknown effect: " + effect);
        }
    }

    private void applyWeight(Effect.ApplyWeight apply) {
        AtomicBoolean abandoned = new AtomicBoolean();
        CompletableFuture<Void> applied = routers.apply(apply.percent(), apply.fromPercent(), abandoned::get);
        if (applied.isDone()) {
            answered.add(answer(apply.apply(), applied));
            return;
        }
        applying.put(apply.apply(), abandoned);
        if (apply.announce() != null) {
            log.info("{}", apply.announce());
        }
        applied.whenComplete((ok, failure) -> thread.execute(() -> {
            applying.remove(apply.apply());
            step(answer(apply.apply(), applied));
        }));
    }

    private static Command.Applied answer(long apply, CompletableFuture<Void> applied) {
        try {
            applied.join();
            return Command.Applied.ok(apply);
        } catch (RuntimeException e) {
            return new Command.Applied(apply, RouterChain.describe(e));
        }
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
     * Hands the machine's state to readers as one snapshot in one volatile write, the gauges
     * included. Called on the rollout's thread between steps, or at a step's {@link Effect.Publish}.
     */
    private void publish() {
        RolloutSnapshot next = RolloutSnapshot.of(rollout, stateError);
        snapshot = next;
        Judgement judgement = next.judgement();
        metrics.show(next.state().phase().name(), next.state().stage(), next.state().candidatePercent(),
                judgement == null ? "" : judgement.verdict().name().toLowerCase(Locale.ROOT),
                judgement == null ? Double.NaN : judgement.matchRate());
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
