package io.shadowgate.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One value present in the document, at a known path, with typed conversions.
 *
 * <p>Each conversion expands {@code ${...}} first and accepts the scalar's text whatever YAML
 * type it had: an interpolated {@code port: ${PORT:-8080}} is a string in YAML but must read as
 * an int. A conversion that fails records {@code path: value (expected: ...)} and returns empty.
 */
final class ConfigValue {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern JSON_POINTER = Pattern.compile("(/([^~/]|~[01])*)*");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final ReadContext context;
    private final String path;
    private final YamlNode node;

    ConfigValue(ReadContext context, String path, YamlNode node) {
        this.context = context;
        this.path = path;
        this.node = node;
    }

    String path() {
        return path;
    }

    /** The scalar's text with {@code ${...}} expanded. */
    Optional<String> asString() {
        return text("a string");
    }

    Optional<Integer> asInteger(int min, int max) {
        return text("an integer " + min + ".." + max).flatMap(text -> {
            if (!INTEGER.matcher(text).matches()) {
                return invalid(ConfigErrors.quote(text), "an integer " + min + ".." + max);
            }
            BigInteger value = new BigInteger(text);
            if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
                return invalid(text, min + ".." + max);
            }
            return Optional.of(value.intValue());
        });
    }

    Optional<Double> asDecimal(double min, double max) {
        String range = plain(min) + ".." + plain(max);
        return text("a number " + range).flatMap(text -> {
            if (!DECIMAL.matcher(text).matches()) {
                return invalid(ConfigErrors.quote(text), "a number " + range);
            }
            double value = new BigDecimal(text).doubleValue();
            return value < min || value > max ? invalid(text, range) : Optional.of(value);
        });
    }

    /** Only {@code true} and {@code false}: YAML 1.1's {@code yes}/{@code on} are too easy to misread. */
    Optional<Boolean> asBool() {
        return text("true or false").flatMap(text -> {
            String lower = text.toLowerCase(Locale.ROOT);
            return lower.equals("true") || lower.equals("false")
                    ? Optional.of(lower.equals("true"))
                    : invalid(ConfigErrors.quote(text), "true or false");
        });
    }

    /** A duration {@code >= 0}, or {@code > 0} when {@code positive}. */
    Optional<Duration> asDuration(boolean positive) {
        return parsed(Durations.EXPECTED, Durations::parse,
                value -> !positive || !value.isZero(), "a duration > 0 such as 250ms, 30s, 10m");
    }

    Optional<Long> asSize(long min, long max) {
        return parsed(Sizes.EXPECTED, Sizes::parse,
                value -> value >= min && value <= max, Sizes.format(min) + ".." + Sizes.format(max));
    }

    Optional<URI> asHttpUrl() {
        return text(HttpUrls.EXPECTED).flatMap(text -> {
            try {
                return Optional.of(HttpUrls.parse(text));
            } catch (IllegalArgumentException e) {
                return invalid(ConfigErrors.quote(HttpUrls.redactCredentials(text)), e.getMessage());
            }
        });
    }

    /** Matches constant names ignoring case, with {@code -} standing for {@code _}. */
    <E extends Enum<E>> Optional<E> asEnum(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        String expected = "one of " + String.join(", ", names);
        return text(expected).flatMap(text -> {
            int index = names.indexOf(text.toLowerCase(Locale.ROOT).replace('_', '-'));
            return index < 0 ? invalid(ConfigErrors.quote(text), expected)
                    : Optional.of(type.getEnumConstants()[index]);
        });
    }

    /** This value as a section; an empty value ({@code key:} with nothing) is an empty section. */
    ConfigNode asSection() {
        if (node instanceof YamlNode.Mapping mapping) {
            return context.open(path, mapping, mapping.endOrder(), true);
        }
        if (isEmpty()) {
            return context.open(path, null, node.order(), true);
        }
        invalid(YamlNode.describe(node), "a mapping");
        return context.open(path, null, node.order(), false);
    }

    /**
     * A JSON Pointer (RFC 6901): empty for the whole document, else {@code /}-separated tokens
     * where {@code ~} is only ever {@code ~0} or {@code ~1}. With {@code wildcards}, a token
     * {@code *} stands for any array index or key.
     */
    Optional<String> asJsonPointer(boolean wildcards) {
        String expected = wildcards ? "a JSON Pointer such as /predictions or /outputs/*/data"
                : "a JSON Pointer such as /predictions";
        return text(expected).flatMap(text -> isJsonPointer(text, wildcards)
                ? Optional.of(text) : invalid(ConfigErrors.quote(text), expected));
    }

    /** Whether {@code text} is a JSON Pointer as {@link #asJsonPointer} takes it (also for pointers written as keys). */
    static boolean isJsonPointer(String text, boolean wildcards) {
        return JSON_POINTER.matcher(text).matches() && (wildcards || !text.matches("(.*/)?\\*(/.*)?"));
    }

    /** This value's elements, each at {@code path[i]}; an empty value is an empty list. */
    List<ConfigValue> asList() {
        if (node instanceof YamlNode.Sequence sequence) {
            List<ConfigValue> values = new ArrayList<>();
            for (YamlNode item : sequence.items()) {
                values.add(new ConfigValue(context, ConfigErrors.element(path, values.size()), item));
            }
            return List.copyOf(values);
        }
        if (!isEmpty()) {
            invalid(YamlNode.describe(node), "a list");
        }
        return List.of();
    }

    /** Whether this value is a list (an empty one included). */
    boolean isList() {
        return node instanceof YamlNode.Sequence;
    }

    /** Whether {@code key:} was written with nothing after it (as when its entries are commented out). */
    private boolean isEmpty() {
        return node instanceof YamlNode.Null || node instanceof YamlNode.Scalar s && s.text().isEmpty();
    }

    /** Parses with {@code parser} (which throws the expected form), then checks the range. */
    private <T> Optional<T> parsed(
            String expected, Function<String, T> parser, Predicate<T> inRange, String range) {
        return text(expected).flatMap(text -> {
            T value;
            try {
                value = parser.apply(text);
            } catch (IllegalArgumentException e) {
                return invalid(ConfigErrors.quote(text), e.getMessage());
            }
            return inRange.test(value) ? Optional.of(value) : invalid(ConfigErrors.quote(text), range);
        });
    }

    /** The expanded scalar text, or empty after recording why there is none. */
    private Optional<String> text(String expected) {
        if (!(node instanceof YamlNode.Scalar scalar)) {
            return invalid(YamlNode.describe(node), expected);
        }
        boolean[] failed = {false};
        String text = Interpolator.expand(scalar.text(), context.env(), problem -> {
            context.errors().add(node.order(), path, problem);
            failed[0] = true;
        });
        return failed[0] ? Optional.empty() : Optional.of(text);
    }

    /** Records {@code path: shown (expected: expected)} and returns empty. */
    <T> Optional<T> invalid(String shown, String expected) {
        context.errors().add(node.order(), path, shown + " (expected: " + expected + ")");
        return Optional.empty();
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString(); // 100, not 100.0
    }
}
