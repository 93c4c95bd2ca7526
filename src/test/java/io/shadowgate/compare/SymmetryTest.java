package io.shadowgate.compare;

import static io.shadowgate.compare.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.config.CompareConfig;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A property over generated pairs: swapping stable and candidate gives the same verdict, the
 * same number of differences, and the same differences with missing and extra swapped. Pairs are
 * mostly near-misses of each other (a number nudged, a key dropped, an array cut) wrapped in the
 * serving formats, so the interesting branches are reached. Fixed seeds: a failure reproduces.
 */
class SymmetryTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int PAIRS = 3000;
    private static final String[] KEYS = {"a", "b", "score", "label", "a/b", "m~n", "*", "", "0", "predictions"};

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.argumentSet("exact", config(Optional.empty(), 0, 0, List.of(), List.of()), 1L),
                Arguments.argumentSet("tolerant, ignoring, redacting",
                        config(Optional.empty(), 1e-3, 1e-2, List.of("/predictions/*/b", "/*/a~1b", "/outputs/o1"),
                                List.of("/predictions/*/label", "/outputs/*/data/0")), 2L),
                Arguments.argumentSet("a configured pointer",
                        config(Optional.of("/predictions/0"), 0.5, 0, List.of(), List.of()), 3L));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void swappingTheSidesGivesTheSameAnswer(CompareConfig config, long seed) {
        AnswerComparer comparer = new AnswerComparer(config);
        Random random = new Random(seed);
        int mismatches = 0;
        for (int i = 0; i < PAIRS; i++) {
            JsonNode a = wrap(random, value(random, 3));
            JsonNode b = random.nextInt(10) == 0 ? wrap(random, value(random, 3)) : mutate(random, a);
            Answer stable = answer(a);
            Answer candidate = answer(b);
            Comparison forward = comparer.compare(stable, candidate);
            Comparison backward = comparer.compare(candidate, stable);
            String pair = "pair " + i + ": " + a + " vs " + b;
            assertThat(forward.matches()).as(pair).isEqualTo(backward.matches());
            assertThat(forward.totalDifferences()).as(pair).isEqualTo(backward.totalDifferences());
            if (!forward.truncated()) {
                assertThat(mirrored(backward)).as(pair).containsExactlyInAnyOrderElementsOf(described(forward));
            }
            assertThat(comparer.compare(stable, stable).matches()).as("reflexive: " + a).isTrue();
            mismatches += forward.matches() ? 0 : 1;
        }
        assertThat(mismatches).as("the generator makes both outcomes").isBetween(PAIRS / 10, PAIRS - PAIRS / 10);
    }

    private static Answer answer(JsonNode node) {
        return new Answer(200, true, node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> described(Comparison comparison) {
        return comparison.differences().stream().map(d -> d.kind() + " " + d.path()).toList();
    }

    private static List<String> mirrored(Comparison comparison) {
        return comparison.differences().stream().map(d -> switch (d.kind()) {
            case MISSING -> Difference.Kind.EXTRA;
            case EXTRA -> Difference.Kind.MISSING;
            default -> d.kind();
        } + " " + d.path()).toList();
    }

    /** Puts a value in one of the serving formats, or leaves it a whole document. */
    private static JsonNode wrap(Random random, JsonNode value) {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.objectNode().set("predictions", rows(random, value));
            case 1 -> oip(random);
            case 2 -> rows(random, value);
            case 3 -> NODES.objectNode().put("id", random.nextInt(3)).set("outputs", rows(random, value));
            default -> value;
        };
    }

    private static ArrayNode rows(Random random, JsonNode first) {
        ArrayNode rows = NODES.arrayNode().add(first);
        for (int i = random.nextInt(4); i > 0; i--) {
            rows.add(value(random, 2));
        }
        return rows;
    }

    private static JsonNode oip(Random random) {
        ArrayNode outputs = NODES.arrayNode();
        for (int o = random.nextInt(4); o >= 0; o--) {
            int rows = random.nextInt(3);
            int perRow = 1 + random.nextInt(3);
            ArrayNode data = NODES.arrayNode();
            for (int i = 0; i < rows * perRow; i++) {
                data.add(number(random));
            }
            ObjectNode output = NODES.objectNode().put("name", "o" + o).put("datatype", "FP32");
            output.putArray("shape").add(rows).add(perRow);
            outputs.add(output.set("data", data));
        }
        return NODES.objectNode().put("model_name", "m").set("outputs", outputs);
    }

    private static JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 5);
        switch (kind) {
            case 0: return NODES.nullNode();
            case 1: return NODES.booleanNode(random.nextBoolean());
            case 2: return NODES.textNode(KEYS[random.nextInt(KEYS.length)]);
            case 3, 4: return number(random);
            case 5, 6: {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(KEYS[random.nextInt(KEYS.length)], value(random, depth - 1));
                }
                return object;
            }
            default: {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(random, depth - 1));
                }
                return array;
            }
        }
    }

    private static JsonNode number(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.numberNode(random.nextInt(5) - 2);
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(new BigInteger(80, random));
            case 3 -> NODES.numberNode(BigDecimal.valueOf(random.nextGaussian()));
            case 4 -> NODES.numberNode(BigDecimal.valueOf(random.nextDouble()).scaleByPowerOfTen(random.nextInt(600) - 300));
            default -> NODES.numberNode(new BigDecimal("1e" + (random.nextInt(2001) - 1000)));
        };
    }

    /** A copy with one small change somewhere (sometimes none, sometimes a number within tolerance). */
    private static JsonNode mutate(Random random, JsonNode document) {
        JsonNode copy = document.deepCopy();
        List<JsonNode> containers = new ArrayList<>();
        collect(copy, containers);
        if (containers.isEmpty() || random.nextInt(8) == 0) {
            return random.nextBoolean() ? copy : value(random, 2);
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            String key = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(4)) {
                case 0 -> object.remove(key);
                case 1 -> object.set(KEYS[random.nextInt(KEYS.length)], value(random, 1));
                case 2 -> object.set(key, nudge(random, object.get(key)));
                default -> reorder(object);
            }
        } else {
            ArrayNode array = (ArrayNode) target;
            int index = random.nextInt(array.size());
            switch (random.nextInt(3)) {
                case 0 -> array.remove(index);
                case 1 -> array.add(value(random, 1));
                default -> array.set(index, nudge(random, array.get(index)));
            }
        }
        return copy;
    }

    private static JsonNode nudge(Random random, JsonNode node) {
        if (node.isNumber() && random.nextBoolean()) {
            BigDecimal factor = BigDecimal.ONE.add(BigDecimal.valueOf(random.nextGaussian() / 1000));
            return NODES.numberNode(node.decimalValue().multiply(factor));
        }
        return value(random, 1);
    }

    private static void reorder(ObjectNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        for (int i = keys.size() - 1; i >= 0; i--) {
            JsonNode value = object.remove(keys.get(i));
            object.set(keys.get(i), value);
        }
    }

    /** Non-empty objects and arrays, where a mutation can happen. */
    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode() && !node.isEmpty()) {
            containers.add(node);
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            collect(children.next(), containers);
        }
    }
}
