package io.shadowgate.compare;

import static io.shadowgate.compare.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.config.CompareConfig;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A bounded fuzz of the comparison engine with generated answers (jqwik, fixed seeds so CI is
 * reproducible; 4,000 cases in all, a few seconds). Beyond {@link SymmetryTest}'s near-miss trees
 * it feeds what a broken model or client sends: truncated JSON, trailing junk, random bytes,
 * nesting past Jackson's limit, numbers at the edges of int, long, double and BigDecimal, and any
 * status and Content-Type claim. The engine must never throw, must give the same verdict and
 * number of differences both ways round (its tolerance is symmetric), must match every answer
 * with itself, and must match numbers nudged by less than the tolerance.
 */
class ComparisonFuzzTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> KEYS = List.of("predictions", "outputs", "data", "name", "a", "b", "", "a/b", "~1");
    private static final int[] STATUSES = {200, 201, 204, 400, 404, 500, 503};

    @Provide
    Arbitrary<JsonNode> trees() {
        return Arbitraries.recursive(this::leaves, this::containers, 0, 4);
    }

    private Arbitrary<JsonNode> leaves() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L).map(l -> (JsonNode) NODES.numberNode(l)),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(b -> (JsonNode) NODES.numberNode(b)),
                Arbitraries.doubles().between(-1e12, 1e12).ofScale(6).map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.of("1e308", "-1e308", "4.9e-324", "-0.0", "0.1", "1.0", "1.50", "1E+2", "123456789.123456789")
                        .map(text -> (JsonNode) DecimalNode.valueOf(new BigDecimal(text))),
                Arbitraries.strings().ofMaxLength(12).map(s -> (JsonNode) NODES.textNode(s)),
                Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()));
    }

    private Arbitrary<JsonNode> containers(Arbitrary<JsonNode> inner) {
        Arbitrary<JsonNode> arrays = inner.list().ofMaxSize(5).map(items -> {
            ArrayNode array = NODES.arrayNode();
            items.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Arbitraries.maps(Arbitraries.of(KEYS), inner).ofMaxSize(4).map(fields -> {
            ObjectNode object = NODES.objectNode();
            fields.forEach(object::set);
            return object;
        });
        return Arbitraries.oneOf(arrays, objects);
    }

    @Provide
    Arbitrary<CompareConfig> configs() {
        return Arbitraries.of(
                config(Optional.empty(), 0, 0, List.of(), List.of()),
                config(Optional.empty(), 1e-6, 1e-4, List.of(), List.of()),
                config(Optional.empty(), 0.5, 0.01, List.of("/predictions/*/a", "/*/name"), List.of("/a")),
                config(Optional.of("/predictions"), 1e-3, 0, List.of(), List.of()),
                config(Optional.of("/data/0"), 0, 1e-2, List.of("/*"), List.of()));
    }

    /** An answer as a model might send it, built from {@code tree} in one of several broken or unbroken ways. */
    private static Answer answer(JsonNode tree, Random random) {
        byte[] valid = Json.write(tree);
        byte[] body = switch (random.nextInt(10)) {
            case 0 -> Arrays.copyOf(valid, random.nextInt(valid.length + 1)); // truncated
            case 1 -> concat(valid, " }junk".getBytes(StandardCharsets.UTF_8)); // trailing tokens
            case 2 -> randomBytes(random);
            case 3 -> deepNesting(900 + random.nextInt(300)); // around Jackson's limit of 1000
            case 4 -> new byte[0];
            default -> valid;
        };
        return new Answer(STATUSES[random.nextInt(STATUSES.length)], random.nextInt(5) > 0, body);
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] deepNesting(int depth) {
        return ("[".repeat(depth) + "1" + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Property(tries = 2000, seed = "20261127")
    void anyTwoAnswersCompareWithoutAnExceptionAndTheSameBothWaysRound(
            @ForAll("trees") JsonNode first, @ForAll("trees") JsonNode second, @ForAll Random random,
            @ForAll("configs") CompareConfig config) {
        AnswerComparer comparer = new AnswerComparer(config);
        Answer a = answer(first, random);
        // Half the pairs share a document, so the comparison gets past the status and parse checks.
        Answer b = random.nextBoolean() ? answer(second, random) : new Answer(a.status(), a.json(),
                Json.write(nudge(first.deepCopy(), random, 1e-3)));
        Comparison forward = comparer.compare(a, b);
        Comparison backward = comparer.compare(b, a);
        assertThat(forward.matches()).as("%s vs %s", a, b).isEqualTo(backward.matches());
        assertThat(forward.totalDifferences()).as("%s vs %s", a, b).isEqualTo(backward.totalDifferences());
    }

    @Property(tries = 1000, seed = "20261128")
    void everyAnswerMatchesItself(@ForAll("trees") JsonNode tree, @ForAll Random random,
                                  @ForAll("configs") CompareConfig config) {
        Answer a = answer(tree, random);
        Comparison same = new AnswerComparer(config).compare(a, new Answer(a.status(), a.json(), a.body().clone()));
        assertThat(same.matches()).as("%s", a).isTrue();
        assertThat(same.totalDifferences()).isZero();
    }

    /** Every number moved by half of what the tolerance allows at its size: still a match, both ways. */
    @Property(tries = 1000, seed = "20261129")
    void numbersNudgedWithinTheToleranceMatchBothWaysRound(@ForAll("trees") JsonNode tree, @ForAll Random random) {
        double absolute = 1e-6;
        double relative = 1e-4;
        AnswerComparer comparer = new AnswerComparer(config(Optional.empty(), absolute, relative, List.of(), List.of()));
        Answer stable = new Answer(200, true, Json.write(tree));
        Answer candidate = new Answer(200, true, Json.write(nudgeWithin(tree.deepCopy(), random, absolute, relative)));
        assertThat(comparer.compare(stable, candidate).matches()).as("%s vs %s", stable, candidate).isTrue();
        assertThat(comparer.compare(candidate, stable).matches()).isTrue();
    }

    /** Multiplies some numbers by (1 + up to {@code scale}), anywhere in the tree. */
    private static JsonNode nudge(JsonNode node, Random random, double scale) {
        return map(node, number -> random.nextBoolean() ? number
                : number.add(number.abs().multiply(BigDecimal.valueOf(random.nextDouble() * scale))));
    }

    /**
     * Moves every number of moderate size by at most half of {@code abs + rel * |x|}; the bound uses
     * the larger of the two sides, so this is inside it whichever side is the larger. Numbers past
     * 1e15 are left as they are: there a double cannot tell the nudge from the number.
     */
    private static JsonNode nudgeWithin(JsonNode node, Random random, double absolute, double relative) {
        return map(node, number -> {
            if (number.abs().compareTo(BigDecimal.valueOf(1e15)) > 0) {
                return number;
            }
            BigDecimal allowed = BigDecimal.valueOf(absolute).add(number.abs().multiply(BigDecimal.valueOf(relative)));
            BigDecimal delta = allowed.multiply(BigDecimal.valueOf(0.49 * random.nextDouble()), MathContext.DECIMAL64);
            return random.nextBoolean() ? number.add(delta) : number.subtract(delta);
        });
    }

    /** The tree with every number replaced by {@code change} of it (containers changed in place). */
    private static JsonNode map(JsonNode node, java.util.function.UnaryOperator<BigDecimal> change) {
        if (node.isNumber()) {
            return DecimalNode.valueOf(change.apply(node.decimalValue()));
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, map(array.get(i), change));
            }
        } else if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<Map.Entry<String, JsonNode>> copy = new java.util.ArrayList<>();
            fields.forEachRemaining(copy::add);
            for (Map.Entry<String, JsonNode> field : copy) {
                object.set(field.getKey(), map(field.getValue(), change));
            }
        }
        return node;
    }
}
