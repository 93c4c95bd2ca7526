package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** OpenAI fields that may be absent or null with the same meaning (no finish reason yet, no role). */
final class NullOrMissing {
    static final JsonNode NULL = NullNode.getInstance();

    private NullOrMissing() {}

    /** The field's value, null when absent. */
    static JsonNode field(JsonNode object, String name) {
        JsonNode value = object.path(name);
        return value.isMissingNode() ? NULL : value;
    }
}
