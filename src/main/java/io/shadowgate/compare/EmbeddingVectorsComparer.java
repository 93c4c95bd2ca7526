package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.List;
import java.util.Optional;

/**
 * The {@code embedding-vectors} comparator, for {@code /v1/embeddings} answers. After the status
 * classes (a different class scores 0): the number of vectors ({@code LENGTH} at {@code /data}),
 * then by position each vector's dimension ({@code LENGTH} at {@code /data/i/embedding}, scoring
 * 0) and cosine similarity (a {@code SIMILARITY} difference there when below the route's
 * threshold). The score is the lowest cosine of the vectors both have (1 when both have none, 0
 * when only one has any): one bad vector in a batch is a bad answer. Everything else in the
 * answers ({@code model}, {@code usage}) is left out; a body that is not such an answer on either
 * side is compared byte for byte ({@link UnshapedBodies}).
 */
final class EmbeddingVectorsComparer implements Comparer {
    private static final String SHAPE = "an OpenAI embeddings answer";

    private final double threshold;
    private final Redactor redactor;

    EmbeddingVectorsComparer(double threshold, Redactor redactor) {
        this.threshold = threshold;
        this.redactor = requireNonNull(redactor, "redactor");
    }

    @Override
    public Comparison compare(Answer stable, Answer candidate) {
        if (stable.status() / 100 != candidate.status() / 100) {
            return Comparison.of(Difference.status(stable.status(), candidate.status())).withScore(0);
        }
        DifferenceLog log = new DifferenceLog(AnswerComparer.MAX_RECORDED_DIFFERENCES, redactor);
        Optional<List<float[]>> stableVectors = Json.parse(stable.body()).flatMap(EmbeddingVectors::read);
        Optional<List<float[]>> candidateVectors = Json.parse(candidate.body()).flatMap(EmbeddingVectors::read);
        if (stableVectors.isEmpty() || candidateVectors.isEmpty()) {
            return UnshapedBodies.compare(stable, stableVectors.isPresent(), candidate, candidateVectors.isPresent(),
                    SHAPE, log);
        }
        List<float[]> left = stableVectors.get();
        List<float[]> right = candidateVectors.get();
        NodePath data = NodePath.ROOT.key("data");
        if (left.size() != right.size()) {
            log.record(data, Difference.Kind.LENGTH, IntNode.valueOf(left.size()), IntNode.valueOf(right.size()));
        }
        int common = Math.min(left.size(), right.size());
        double lowest = common > 0 || left.size() == right.size() ? 1 : 0;
        for (int i = 0; i < common; i++) {
            NodePath path = data.index(i).key("embedding");
            float[] a = left.get(i);
            float[] b = right.get(i);
            if (a.length != b.length) {
                log.record(path, Difference.Kind.LENGTH, IntNode.valueOf(a.length), IntNode.valueOf(b.length));
                lowest = 0;
                continue;
            }
            double cosine = TextSimilarity.cosine(a, b);
            lowest = Math.min(lowest, cosine);
            if (cosine < threshold) {
                log.record(path, Difference.Kind.SIMILARITY, SimilarityValues.vector(a, cosine),
                        SimilarityValues.vector(b, cosine));
            }
        }
        Comparison comparison = log.total() == 0 ? Comparison.match()
                : new Comparison(log.recorded(), log.total(), 0, 0, false);
        return comparison.withScore(lowest);
    }

    @Override
    public Redactor redactor() {
        return redactor;
    }
}
