package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.config.ComparatorKind;
import io.shadowgate.config.TextMetric;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every comparator on bodies pieced together from OpenAI-ish fragments: no exception, a score in range. */
class ComparersFuzzTest {
    private static final String[] PIECES = {"{", "}", "[", "]", ",", ":", "\"choices\"", "\"message\"",
        "\"content\"", "\"text\"", "\"tool_calls\"", "\"function\"", "\"arguments\"", "\"name\"", "\"data\"",
        "\"embedding\"", "\"finish_reason\"", "\"role\"", "null", "1", "-2.5e3", "\"a b\"", "\"{\\\"x\\\":1}\"",
        "\"AAAAAAAAgD8=\"", "true", "\"é\""};

    @ParameterizedTest
    @EnumSource(ComparatorKind.class)
    void neverThrowsAndScoresInRange(ComparatorKind kind) {
        Random random = new Random(kind.ordinal());
        Comparer comparer = Routes.comparer(kind, TextMetric.ROUGE_L, 0.6);
        for (int i = 0; i < 1000; i++) {
            Answer stable = new Answer(200, true, body(random));
            Answer candidate = new Answer(200, random.nextBoolean(), body(random));
            Comparison comparison = comparer.compare(stable, candidate);
            assertThat(comparison.score().isPresent()).isEqualTo(kind.scored());
            comparison.score().ifPresent(score -> assertThat(score).isBetween(0.0, 1.0));
            assertThat(comparer.compare(stable, stable).matches()).as("an answer agrees with itself").isTrue();
        }
    }

    /** Mostly well-formed shapes with random values, sometimes random fragments. */
    private static byte[] body(Random random) {
        String body = switch (random.nextInt(4)) {
            case 0 -> "{\"choices\":[{\"message\":{\"role\":" + value(random) + ",\"content\":" + value(random)
                    + ",\"tool_calls\":[{\"function\":{\"name\":" + value(random) + ",\"arguments\":" + value(random)
                    + "}}]},\"text\":" + value(random) + ",\"finish_reason\":" + value(random) + "}]}";
            case 1 -> "{\"data\":[{\"embedding\":" + (random.nextBoolean() ? "[1," + random.nextInt(3) + "]"
                    : value(random)) + "}]}";
            default -> {
                StringBuilder text = new StringBuilder();
                for (int j = random.nextInt(30); j > 0; j--) {
                    text.append(PIECES[random.nextInt(PIECES.length)]);
                }
                yield text.toString();
            }
        };
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String value(Random random) {
        return PIECES[random.nextInt(PIECES.length)].startsWith("\"") || random.nextBoolean()
                ? "\"w" + random.nextInt(3) + " x\"" : PIECES[18 + random.nextInt(PIECES.length - 18)];
    }
}
