package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.shadowgate.config.CompareConfig;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        TreeDiff diff = new TreeDiff(ignore, tolerance, log);
        RowTally rows = new RowTally();
        Optional<JsonNode> stableJson = stable.json() && candidate.json() ? Json.parse(stable.body()) : Optional.empty();
        Optional<JsonNode> candidateJson = stableJson.isPresent() ? Json.parse(candidate.body()) : Optional.empty();
        if (candidateJson.isPresent()) {
            predictions.compare(stableJson.get(), candidateJson.get(), diff, rows);
        } else if (!Arrays.equals(stable.body(), candidate.body()) && !diff.ignored(NodePath.ROOT)) {
            log.record(NodePath.ROOT, Difference.Kind.VALUE, preview(stable.body()), preview(candidate.body()));
            return new Comparison(log.recorded(), log.total(), 0, 0, false,
                    Optional.of(BytesDiff.of(stable.body(), candidate.body())));
        }
        if (log.total() == 0 && !rows.isBatch()) {
            return Comparison.match();
        }
        return new Comparison(log.recorded(), log.total(),
                rows.matched(), rows.differing(), rows.isBatch());
    }

    /**
     * The start of a body as text; a multi-byte character cut at the end shows as U+FFFD. A binary
     * body shows as its length only: as text it would be noise, and the comparison's
     * {@link BytesDiff} says where it differs.
     */
    private static JsonNode preview(byte[] body) {
        if (!BodyText.isText(body)) {
            return TextNode.valueOf("<binary, " + body.length + " bytes>");
        }
        if (body.length <= BODY_PREVIEW_BYTES) {
            return TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
        }
        return TextNode.valueOf(new String(body, 0, BODY_PREVIEW_BYTES, StandardCharsets.UTF_8)
                + "... (" + body.length + " bytes)");
    }
}
