package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Compares the tool calls of two chat messages structurally: their number ({@code LENGTH} at
 * {@code tool_calls}), then by position the type and the function name exactly, and the
 * arguments as JSON with the route's tolerances and ignored paths. Call ids are random and left
 * out. Arguments that do not parse on either side are compared as strings. One per comparison.
 */
final class ToolCallsDiff {
    private final TreeDiff diff;
    private final DifferenceLog log;

    ToolCallsDiff(TreeDiff diff, DifferenceLog log) {
        this.diff = diff;
        this.log = log;
    }

    /** {@code path} is the message's {@code tool_calls}; an absent or null list is empty. */
    void compare(NodePath path, JsonNode stable, JsonNode candidate) {
        if (diff.ignored(path)) {
            return;
        }
        int stableCount = stable.isArray() ? stable.size() : 0;
        int candidateCount = candidate.isArray() ? candidate.size() : 0;
        if (stableCount != candidateCount) {
            log.record(path, Difference.Kind.LENGTH, IntNode.valueOf(stableCount), IntNode.valueOf(candidateCount));
        }
        for (int j = 0; j < Math.min(stableCount, candidateCount); j++) {
            NodePath call = path.index(j);
            exactly(call.key("type"), stable.get(j).path("type"), candidate.get(j).path("type"));
            NodePath function = call.key("function");
            JsonNode stableFunction = stable.get(j).path("function");
            JsonNode candidateFunction = candidate.get(j).path("function");
            exactly(function.key("name"), stableFunction.path("name"), candidateFunction.path("name"));
            arguments(function.key("arguments"), stableFunction.path("arguments"), candidateFunction.path("arguments"));
        }
    }

    /** A {@code VALUE} difference when the two differ at all; missing and null are the same. */
    private void exactly(NodePath path, JsonNode stable, JsonNode candidate) {
        JsonNode left = stable.isMissingNode() ? NullOrMissing.NULL : stable;
        JsonNode right = candidate.isMissingNode() ? NullOrMissing.NULL : candidate;
        if (!left.equals(right) && !diff.ignored(path)) {
            log.record(path, Difference.Kind.VALUE, left, right);
        }
    }

    private void arguments(NodePath path, JsonNode stable, JsonNode candidate) {
        Optional<JsonNode> stableTree = tree(stable);
        Optional<JsonNode> candidateTree = tree(candidate);
        if (stableTree.isPresent() && candidateTree.isPresent()) {
            diff.compare(path, stableTree.get(), candidateTree.get());
        } else {
            exactly(path, stable, candidate);
        }
    }

    /** Arguments as OpenAI sends them, a JSON text, parsed; some servers send the object itself. */
    private static Optional<JsonNode> tree(JsonNode arguments) {
        if (arguments.isTextual()) {
            return Json.parse(arguments.textValue().getBytes(StandardCharsets.UTF_8));
        }
        return arguments.isContainerNode() ? Optional.of(arguments) : Optional.empty();
    }
}
