package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.Outcome;
import io.shadowgate.compare.PathNoise;
import io.shadowgate.config.RolloutConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The in-process evidence: what the mirror reports of each request, gathered in an
 * {@link EvidenceWindow} and judged by the {@link StageJudge}. This is the {@code EvidenceSource}
 * of the design for one replica; a fleet would sum the same counts from Prometheus instead.
 * Thread-safe: the mirror records from its comparison thread, the controller judges on its own.
 *
 * <p>A mismatch whose every difference lies on a noisy path counts as a match, and is reported as
 * {@code noisy} in the evidence; one whose paths the baseline cannot yet tell from noise is
 * {@code undecided} (see {@link MatchRateGate}). Paths are classified anew on every judgement, so
 * the stage's earlier mismatches follow what the noise baseline has learnt since.
 */
public final class GatedEvidence implements EvidenceSource, EvidenceJudge, Consumer<Outcome> {
    private final RolloutConfig config;
    private final Function<String, PathNoise> noise;
    private final EvidenceWindow window = new EvidenceWindow();
    private final StageJudge judge = new StageJudge();

    /** Evidence in which no path is noise. */
    public GatedEvidence(RolloutConfig config) {
        this(config, path -> PathNoise.QUIET);
    }

    /** @param noise what the noise baseline says of a collapsed JSON path now; called on the controller's thread */
    public GatedEvidence(RolloutConfig config, Function<String, PathNoise> noise) {
        this.config = requireNonNull(config, "config");
        this.noise = requireNonNull(noise, "noise");
    }

    /** One mirrored request's outcome, as {@link EvidenceWindow#record(Outcome)} counts it. */
    @Override
    public void accept(Outcome outcome) {
        window.record(outcome);
    }

    /** Everything recorded in this stage, as a value that merges with other replicas'. */
    public Evidence evidence() {
        return window.evidence();
    }

    @Override
    public StageEvidence snapshot() {
        return window.snapshot(noise);
    }

    @Override
    public Judgement judge(Duration inStage, Duration minBake) {
        StageEvidence snapshot = snapshot();
        Decision decision = judge.judge(snapshot, inStage, minBake, config);
        GateReport report = decision.report();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("samples", report.samples());
        evidence.put("noisy", snapshot.noisy());
        evidence.put("undecided", snapshot.undecided());
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
