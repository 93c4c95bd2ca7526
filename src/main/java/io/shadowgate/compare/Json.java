package io.shadowgate.compare;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The one JSON mapper of the package, shared by every thread (a configured {@code JsonMapper} is
 * thread-safe). Floats are read as {@code BigDecimal} so a number is compared as written, not as
 * the nearest double; integers stay exact as int, long or BigInteger.
 */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // "{...} trailing junk" is not JSON: compare such a body byte for byte instead.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Keep 1.50 as written, so a redacted sample shows the numbers the model sent.
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {}

    /** The document, or empty when the bytes are not one JSON value (including an empty body). */
    static Optional<JsonNode> parse(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException e) {
            // Reading a byte array does no I/O: this is malformed JSON or a limit Jackson enforces
            // (nesting deeper than 1000, a number longer than 1000 digits).
            return Optional.empty();
        }
    }

    static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            // A tree that was just parsed always serializes; this would be a bug, not bad input.
            throw new UncheckedIOException(e);
        }
    }
}
