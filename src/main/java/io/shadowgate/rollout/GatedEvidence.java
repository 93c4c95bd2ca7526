package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.PairOutcome;
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
public final class GatedEvidence implements EvidenceSource, Consumer<PairOutcome> {
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
        if (outcome.noiseNanos() > 0 && outcome.secondNoiseNanos() > 0) {
            // Stable against itself says how noisy the host is, whatever became of the request.
            window.recordStableAgainstItself(outcome.noiseNanos(), outcome.secondNoiseNanos());
        }
        if (!outcome.errorsKnown()) {
            return;
        }
        boolean served = outcome.candidateServed();
        if (outcome.stableError() || outcome.candidateError()) {
            window.record(PairedOutcome.erred(outcome.stableError(), outcome.candidateError()), served);
            return;
        }
        if (outcome.compared()) {
            window.record(outcome.match()
                    ? PairedOutcome.compared(true, outcome.stableNanos(), outcome.candidateNanos())
                    : PairedOutcome.mismatched(outcome.mismatchPaths(), outcome.stableNanos(), outcome.candidateNanos()),
                    served);
        } else if (outcome.latenciesKnown()) {
            window.record(PairedOutcome.answered(outcome.stableNanos(), outcome.candidateNanos()), served);
        }
        if (outcome.noiseNanos() > 0 && outcome.latenciesKnown()) {
            window.recordNoiseCopy(served, served ? outcome.stableNanos() : outcome.candidateNanos(),
                    outcome.noiseNanos());
        }
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
