package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.shadowgate.config.CompareConfig;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a candidate's answer agrees with the stable one: a pure function of the two
 * {@link Answer}s and the {@code compare} configuration, with no I/O and no shared mutable state.
 * Pointers are compiled once here; one instance serves every thread.
 *
 * <p>In order: different status classes (2xx, 3xx, 4xx, 5xx) are one
 * {@link Difference.Kind#STATUS} difference and the bodies are not compared (a 500 has no
 * predictions); two answers that both say JSON and both parse have their predictions compared
 * (see the package documentation); anything else is compared byte for byte, and unequal bodies
 * are one {@link Difference.Kind#VALUE} difference at {@code ""} whose values are the start of
 * each body as text (or its length, for a binary body), with a {@link BytesDiff} on the comparison:
 * lengths, SHA-256 digests and a hex preview of where the bodies first differ.
 */
public final class AnswerComparer implements Comparer {
    /** Differences kept per comparison; more are counted but not kept. */
    public static final int MAX_RECORDED_DIFFERENCES = 100;

    /** How much of a non-JSON body a difference shows: enough to recognise it, not a whole page. */
    private static final int BODY_PREVIEW_BYTES = 256;

    private final List<PathPattern> ignore;
    private final Tolerance tolerance;
    private final Redactor redactor;
    private final PredictionsDiff predictions;

    /** @throws IllegalArgumentException for a pointer or tolerance the config loader would have rejected */
    public AnswerComparer(CompareConfig config) {
        requireNonNull(config, "config");
        this.ignore = PathPattern.compileAll(config.ignore());
        this.tolerance = Tolerance.of(config);
        this.redactor = Redactor.of(config);
        this.predictions = new PredictionsDiff(config.predictions());
    }

    /**
     * A tree walk with this configuration's ignored paths and tolerances, writing into {@code log}:
     * how the scored comparers compare the JSON inside an answer (tool call arguments) as this one would.
     */
    TreeDiff treeDiff(DifferenceLog log) {
        return new TreeDiff(ignore, tolerance, log);
    }

    /** The redactor of this configuration, for the bodies of stored mismatch samples. */
    @Override
    public Redactor redactor() {
        return redactor;
    }

    @Override
    public Comparison compare(Answer stable, Answer candidate) {
        requireNonNull(stable, "stable");
        requireNonNull(candidate, "candidate");
        if (stable.status() / 100 != candidate.status() / 100) {
            return Comparison.of(Difference.status(stable.status(), candidate.status()));
        }
        DifferenceLog log = new DifferenceLog(MAX_RECORDED_DIFFERENCES, redactor);
        TreeDiff diff = treeDiff(log);
        RowTally rows = new RowTally();
        Optional<JsonNode> stableJson = stable.json() && candidate.json() ? Json.parse(stable.body()) : Optional.empty();
        Optional<JsonNode> candidateJson = stableJson.isPresent() ? Json.parse(candidate.body()) : Optional.empty();
        if (candidateJson.isPresent()) {
            predictions.compare(stableJson.get(), candidateJson.get(), diff, rows);
        } else if (!diff.ignored(NodePath.ROOT)) {
            return ByteBodies.compare(stable.body(), candidate.body(), log, BodyPreview::text);
        }
        if (log.total() == 0 && !rows.isBatch()) {
            return Comparison.match();
        }
        return new Comparison(log.recorded(), log.total(),
                rows.matched(), rows.differing(), rows.isBatch());
    }
}
