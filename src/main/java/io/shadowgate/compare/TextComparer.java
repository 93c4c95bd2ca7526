package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * The {@code text} comparator: status classes as {@link AnswerComparer} compares them (a different
 * class scores 0), then each body read as UTF-8 text (malformed bytes as U+FFFD) and scored by the
 * route's metric. Below the threshold, one {@link Difference.Kind#SIMILARITY} difference at
 * {@code ""}.
 */
final class TextComparer implements Comparer {
    private final TextScorer scorer;
    private final Redactor redactor;

    TextComparer(TextScorer scorer, Redactor redactor) {
        this.scorer = requireNonNull(scorer, "scorer");
        this.redactor = requireNonNull(redactor, "redactor");
    }

    @Override
    public Comparison compare(Answer stable, Answer candidate) {
        if (stable.status() / 100 != candidate.status() / 100) {
            return Comparison.of(Difference.status(stable.status(), candidate.status())).withScore(0);
        }
        String stableText = new String(stable.body(), StandardCharsets.UTF_8);
        String candidateText = new String(candidate.body(), StandardCharsets.UTF_8);
        double score = scorer.score(stableText, candidateText);
        if (score >= scorer.threshold()) {
            return Comparison.match().withScore(score);
        }
        DifferenceLog log = new DifferenceLog(AnswerComparer.MAX_RECORDED_DIFFERENCES, redactor);
        log.record(NodePath.ROOT, Difference.Kind.SIMILARITY, SimilarityValues.text(stableText, score, scorer.metric()),
                SimilarityValues.text(candidateText, score, scorer.metric()));
        return new Comparison(log.recorded(), log.total(), 0, 0, false).withScore(score);
    }

    @Override
    public Redactor redactor() {
        return redactor;
    }
}
