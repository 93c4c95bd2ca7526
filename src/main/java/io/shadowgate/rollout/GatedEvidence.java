package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.PairOutcome;
import io.shadowgate.config.RolloutConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * The in-process evidence: what the mirror reports of each request, gathered in an
 * {@link EvidenceWindow} and judged by the {@link StageJudge}. This is the {@code EvidenceSource}
 * of the design for one replica; a fleet would sum the same counts from Prometheus instead.
 * Thread-safe: the mirror records from its comparison thread, the controller judges on its own.
 */
public final class GatedEvidence implements EvidenceJudge, Consumer<PairOutcome> {
    private final RolloutConfig config;
    private final EvidenceWindow window = new EvidenceWindow();
    private final StageJudge judge = new StageJudge();

    public GatedEvidence(RolloutConfig config) {
        this.config = requireNonNull(config, "config");
    }

    /**
     * One mirrored request. A request whose two sides did not both end definitively (shed,
     * skipped for size, the client gone) says nothing about the candidate and is not counted; a
     * request where either side erred counts for the error gate only, so a candidate's 5xx is not
     * also held against its match rate. A stable noise copy is timed against the copy it was sent
     * with only when both sides answered without error.
     */
    @Override
    public void accept(PairOutcome outcome) {
        record(window, outcome);
    }

    /** Records one mirrored request's outcome in {@code window}: what the gateway and the simulation both do. */
    static void record(EvidenceWindow window, PairOutcome outcome) {
        if (!outcome.errorsKnown()) {
            return;
        }
        boolean served = outcome.candidateServed();
        if (outcome.stableError() || outcome.candidateError()) {
            window.record(PairedOutcome.erred(outcome.stableError(), outcome.candidateError()), served);
            return;
        }
        if (outcome.compared()) {
            window.record(PairedOutcome.compared(outcome.match(), outcome.stableNanos(), outcome.candidateNanos()), served);
        } else if (outcome.latenciesKnown()) {
            window.record(PairedOutcome.answered(outcome.stableNanos(), outcome.candidateNanos()), served);
        }
        if (outcome.noiseNanos() > 0 && outcome.latenciesKnown()) {
            window.recordNoiseCopy(served, served ? outcome.stableNanos() : outcome.candidateNanos(),
                    outcome.noiseNanos());
        }
    }

    @Override
    public Judgement judge(Duration inStage, Duration minBake) {
        Decision decision = judge.judge(window.snapshot(), inStage, minBake, config);
        GateReport report = decision.report();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("samples", report.samples());
        evidence.put("matchRate", orNull(report.matchRate()));
        evidence.put("matchRateLower", orNull(report.matchRateLower()));
        evidence.put("errorRateIncrease", orNull(report.errorRateIncrease()));
        evidence.put("latencyIncrease", orNull(report.latencyIncrease()));
        List<Map<String, Object>> gates = report.results().stream().map(result -> {
            Map<String, Object> gate = new LinkedHashMap<>();
            gate.put("name", result.name());
            gate.put("verdict", result.verdict().name().toLowerCase(Locale.ROOT));
            gate.put("detail", result.detail());
            return gate;
        }).toList();
        return new Judgement(Judgement.Kind.valueOf(decision.action().name()), decision.reason(), evidence, gates);
    }

    @Override
    public void newStage() {
        window.reset();
    }

    private static Double orNull(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
