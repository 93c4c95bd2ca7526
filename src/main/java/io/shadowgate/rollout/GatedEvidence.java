package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.Outcome;
import io.shadowgate.compare.PathNoise;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The in-process evidence: what the mirror reports of each request, gathered in an
 * {@link EvidenceWindow} and handed out as a {@link StageEvidence} value for the rollout to judge.
 * This is the {@code EvidenceSource} of the design for one replica; a fleet would sum the same
 * counts from its replicas instead. Thread-safe: the mirror records from its comparison thread,
 * the controller takes snapshots on its own.
 *
 * <p>A mismatch whose every difference lies on a noisy path counts as a match, and is reported as
 * {@code noisy} in the evidence; one whose paths the baseline cannot yet tell from noise is
 * {@code undecided} (see {@link MatchRateGate}). Paths are classified anew on every snapshot, so
 * the stage's earlier mismatches follow what the noise baseline has learnt since.
 */
public final class GatedEvidence implements EvidenceSource, Consumer<Outcome> {
    private final Function<String, PathNoise> noise;
    private final EvidenceWindow window = new EvidenceWindow();

    /** Evidence in which no path is noise. */
    public GatedEvidence() {
        this(path -> PathNoise.QUIET);
    }

    /** @param noise what the noise baseline says of a collapsed JSON path now; called on the controller's thread */
    public GatedEvidence(Function<String, PathNoise> noise) {
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
    public void newStage() {
        window.reset();
    }
}
