package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.shadowgate.config.CompareConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configs, answers and a one-line rendering of differences, shared by the compare tests. */
final class Fixtures {
    private Fixtures() {}

    /** Exact comparison, {@code auto} predictions, nothing ignored or redacted. */
    static CompareConfig exact() {
        return config(Optional.empty(), 0, 0, List.of(), List.of());
    }

    static CompareConfig tolerances(double absolute, double relative) {
        return config(Optional.empty(), absolute, relative, List.of(), List.of());
    }

    static CompareConfig ignoring(String... pointers) {
        return config(Optional.empty(), 0, 0, List.of(pointers), List.of());
    }

    static CompareConfig redacting(String... pointers) {
        return config(Optional.empty(), 0, 0, List.of(), List.of(pointers));
    }

    static CompareConfig predictionsAt(String pointer) {
        return config(Optional.of(pointer), 0, 0, List.of(), List.of());
    }

    static CompareConfig config(Optional<String> predictions, double absolute, double relative,
                                List<String> ignore, List<String> redact) {
        return new CompareConfig(predictions, absolute, relative, ignore, redact, 100, 0, Duration.ofMinutes(5));
    }

    /** A 200 JSON answer. */
    static Answer json(String body) {
        return new Answer(200, true, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A non-JSON answer. */
    static Answer text(int status, String body) {
        return new Answer(status, false, body.getBytes(StandardCharsets.UTF_8));
    }

    static Comparison compare(CompareConfig config, String stable, String candidate) {
        return new AnswerComparer(config).compare(json(stable), json(candidate));
    }

    /** {@code KIND path stable candidate}, values as JSON, an absent side as {@code -}. */
    static String describe(Difference difference) {
        return difference.kind() + " " + difference.path() + " " + value(difference.stable()) + " "
                + value(difference.candidate());
    }

    static List<String> describe(Comparison comparison) {
        return comparison.differences().stream().map(Fixtures::describe).toList();
    }

    private static String value(JsonNode node) {
        return node.isMissingNode() ? "-" : node.toString();
    }
}
