package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.function.Function;

/**
 * Answers a scored structural comparator cannot read (an error page, a body that is not the
 * expected JSON on either side): compared byte for byte, scoring 1 when equal and 0 otherwise.
 * The side that was not of the expected shape says so at the start of its preview, e.g.
 * {@code "<not an OpenAI chat completion> Internal error"}.
 */
final class UnshapedBodies {
    private UnshapedBodies() {}

    static Comparison compare(Answer stable, boolean stableShaped, Answer candidate, boolean candidateShaped,
                              String shape, DifferenceLog log) {
        Comparison comparison = ByteBodies.compare(stable.body(), candidate.body(), log,
                preview(stableShaped, shape), preview(candidateShaped, shape));
        return comparison.withScore(comparison.matches() ? 1 : 0);
    }

    private static Function<byte[], JsonNode> preview(boolean shaped, String shape) {
        return shaped ? BodyPreview::text
                : body -> TextNode.valueOf("<not " + shape + "> " + BodyPreview.text(body).textValue());
    }
}
