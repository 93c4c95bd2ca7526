package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code openai-chat} and {@code openai-completions} comparators. After the status classes
 * (a different class scores 0), both bodies are read as OpenAI answers; what varies between two
 * correct answers is never compared ({@code id}, {@code created}, {@code model},
 * {@code system_fingerprint}, {@code usage}, {@code object}, {@code logprobs}). Compared, choice by
 * choice in order: the number of choices ({@code LENGTH} at {@code /choices}), the role
 * ({@code VALUE} at {@code /choices/i/message/role}), the text by the route's metric (a
 * {@code SIMILARITY} difference at its path when below the threshold), the tool calls (see
 * {@link ToolCallsDiff}) and the {@code finish_reason} ({@code VALUE}). The route's {@code ignore}
 * pointers apply to all of these paths.
 *
 * <p>The score is the mean over the choices both answers have: a choice without text on either
 * side scores 1, text against none scores 0; answers with no choices in common score 1 when both
 * have none, else 0. A body that is not of the shape on either side is compared byte for byte
 * ({@link UnshapedBodies}).
 */
final class OpenAiComparer implements Comparer {
    private final OpenAiShape shape;
    private final AnswerComparer json;
    private final TextScorer scorer;

    /** {@code json} brings the route's tolerances, ignored paths and redactions. */
    OpenAiComparer(OpenAiShape shape, AnswerComparer json, TextScorer scorer) {
        this.shape = requireNonNull(shape, "shape");
        this.json = requireNonNull(json, "json");
        this.scorer = requireNonNull(scorer, "scorer");
    }

    @Override
    public Comparison compare(Answer stable, Answer candidate) {
        if (stable.status() / 100 != candidate.status() / 100) {
            return Comparison.of(Difference.status(stable.status(), candidate.status())).withScore(0);
        }
        DifferenceLog log = new DifferenceLog(AnswerComparer.MAX_RECORDED_DIFFERENCES, json.redactor());
        Optional<JsonNode> stableBody = Json.parse(stable.body()).filter(shape::fits);
        Optional<JsonNode> candidateBody = Json.parse(candidate.body()).filter(shape::fits);
        if (stableBody.isEmpty() || candidateBody.isEmpty()) {
            return UnshapedBodies.compare(stable, stableBody.isPresent(), candidate, candidateBody.isPresent(),
                    shape.description(), log);
        }
        TreeDiff diff = json.treeDiff(log);
        JsonNode stableChoices = stableBody.get().get("choices");
        JsonNode candidateChoices = candidateBody.get().get("choices");
        NodePath choicesPath = NodePath.ROOT.key("choices");
        if (stableChoices.size() != candidateChoices.size() && !diff.ignored(choicesPath)) {
            log.record(choicesPath, Difference.Kind.LENGTH, IntNode.valueOf(stableChoices.size()),
                    IntNode.valueOf(candidateChoices.size()));
        }
        int common = Math.min(stableChoices.size(), candidateChoices.size());
        double[] scores = scores(stableChoices, candidateChoices, common);
        ToolCallsDiff toolCalls = new ToolCallsDiff(diff, log);
        double sum = 0;
        for (int i = 0; i < common; i++) {
            JsonNode stableChoice = stableChoices.get(i);
            JsonNode candidateChoice = candidateChoices.get(i);
            NodePath choice = choicesPath.index(i);
            if (shape == OpenAiShape.CHAT) {
                exactly(diff, log, choice.key("message").key("role"),
                        NullOrMissing.field(stableChoice.path("message"), "role"),
                        NullOrMissing.field(candidateChoice.path("message"), "role"));
            }
            NodePath textPath = shape.textPath(i);
            if (scores[i] < scorer.threshold() && !diff.ignored(textPath)) {
                log.record(textPath, Difference.Kind.SIMILARITY,
                        SimilarityValues.text(shape.text(stableChoice), scores[i], scorer.metric()),
                        SimilarityValues.text(shape.text(candidateChoice), scores[i], scorer.metric()));
            }
            if (shape == OpenAiShape.CHAT) {
                toolCalls.compare(choice.key("message").key("tool_calls"),
                        stableChoice.path("message").path("tool_calls"),
                        candidateChoice.path("message").path("tool_calls"));
            }
            exactly(diff, log, choice.key("finish_reason"), NullOrMissing.field(stableChoice, "finish_reason"),
                    NullOrMissing.field(candidateChoice, "finish_reason"));
            sum += scores[i];
        }
        double score = common > 0 ? sum / common : stableChoices.size() == candidateChoices.size() ? 1 : 0;
        Comparison comparison = log.total() == 0 ? Comparison.match()
                : new Comparison(log.recorded(), log.total(), 0, 0, false);
        return comparison.withScore(score);
    }

    /** Each common choice's score; the texts to score go to the scorer together (one embedding call). */
    private double[] scores(JsonNode stableChoices, JsonNode candidateChoices, int common) {
        double[] scores = new double[common];
        List<Integer> scored = new ArrayList<>();
        List<String> stableTexts = new ArrayList<>();
        List<String> candidateTexts = new ArrayList<>();
        for (int i = 0; i < common; i++) {
            String stableText = shape.text(stableChoices.get(i));
            String candidateText = shape.text(candidateChoices.get(i));
            if (stableText == null || candidateText == null) {
                scores[i] = stableText == candidateText ? 1 : 0;
            } else {
                scored.add(i);
                stableTexts.add(stableText);
                candidateTexts.add(candidateText);
            }
        }
        double[] computed = scorer.scores(stableTexts, candidateTexts);
        for (int k = 0; k < computed.length; k++) {
            scores[scored.get(k)] = computed[k];
        }
        return scores;
    }

    private static void exactly(TreeDiff diff, DifferenceLog log, NodePath path, JsonNode stable, JsonNode candidate) {
        if (!stable.equals(candidate) && !diff.ignored(path)) {
            log.record(path, Difference.Kind.VALUE, stable, candidate);
        }
    }

    @Override
    public Redactor redactor() {
        return json.redactor();
    }
}
