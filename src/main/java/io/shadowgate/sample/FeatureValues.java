package io.shadowgate.sample;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads feature values out of JSON, shared by the {@code /score} and V2 readers. Paths are only
 * turned into strings when something is wrong, so the happy path allocates nothing extra.
 */
final class FeatureValues {
    /** Larger magnitudes could overflow the logits; no flower is 1e100 cm long. */
    static final double MAX_MAGNITUDE = 1e100;

    private FeatureValues() {}

    /** The number in {@code node}; {@code path} names it in the error message. */
    static double number(JsonNode node, String path) throws BadRequestException {
        double v = valueOrNaN(node);
        if (Double.isNaN(v)) {
            throw reject(node, path);
        }
        return v;
    }

    /**
     * The number in {@code node}, or NaN when it is not an acceptable feature value (JSON has no
     * NaN, so it cannot be one); callers on hot loops then build the path and call
     * {@link #reject}.
     */
    static double valueOrNaN(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return Double.NaN;
        }
        double v = node.asDouble();
        return Math.abs(v) <= MAX_MAGNITUDE ? v : Double.NaN;
    }

    /** The error for a value that {@link #valueOrNaN} refused. */
    static BadRequestException reject(JsonNode node, String path) {
        if (node == null || !node.isNumber()) {
            return new BadRequestException(path + ": expected a number, got " + describe(node));
        }
        return new BadRequestException(path + ": " + node.asText() + " is out of range (expected |x| <= 1e100)");
    }

    /** A short description of a JSON value for error messages: its type, and short scalars' text. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array of " + node.size();
            case OBJECT -> "an object";
            case NULL -> "null";
            case BOOLEAN -> "boolean " + node.asText();
            case STRING -> "string " + quote(node.asText());
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String quote(String s) {
        String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "\"" + shown + "\"";
    }
}
