package io.shadowgate.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one section (a YAML mapping) with typed accessors that fall back to a default.
 *
 * <p>Every accessor remembers the key it was asked for; keys present in the file that nobody
 * asked for are reported as unknown when the read is finished, with a suggestion when one is
 * close. A key that is absent or explicitly {@code null} takes its default. An invalid value is
 * recorded in the shared {@link ConfigErrors} and the default (or, for required values, a
 * placeholder) is returned so reading can go on and find the rest; the loader throws before any
 * record built from such a value escapes.
 */
final class ConfigNode {
    /** Returned for a required URL that is missing or invalid; never escapes the loader. */
    static final URI PLACEHOLDER_URL = URI.create("http://required.invalid");

    private final ReadContext context;
    private final String path;
    private final YamlNode.Mapping mapping;
    private final int endOrder;
    private final boolean reportMissing;
    private final Set<String> asked = new LinkedHashSet<>();
    private final Map<String, ConfigNode> sections = new HashMap<>();

    /** Use {@link ReadContext#open}, which also registers the section for unknown-key checks. */
    ConfigNode(ReadContext context, String path, YamlNode.Mapping mapping, int endOrder, boolean reportMissing) {
        this.context = context;
        this.path = path;
        this.mapping = mapping;
        this.endOrder = endOrder;
        this.reportMissing = reportMissing;
    }

    String path() {
        return path;
    }

    /** The keys present, in document order (for sections whose keys are data, like headers). */
    Set<String> keys() {
        return mapping == null ? Set.of() : mapping.entries().keySet();
    }

    /** The value at {@code key}, or empty when it is absent or {@code null}. */
    Optional<ConfigValue> value(String key) {
        asked.add(key);
        YamlNode node = mapping == null ? null : mapping.entries().get(key);
        if (node == null || node instanceof YamlNode.Null) {
            return Optional.empty();
        }
        return Optional.of(new ConfigValue(context, ConfigErrors.child(path, key), node));
    }

    String string(String key, String fallback) {
        return value(key).flatMap(ConfigValue::asString).orElse(fallback);
    }

    /** A string that must contain something other than whitespace, such as a host. */
    String nonEmptyString(String key, String fallback) {
        String value = string(key, fallback);
        if (value.isBlank()) {
            reject(key, ConfigErrors.quote(value) + " (expected: a non-empty string)");
            return fallback;
        }
        return value;
    }

    int integer(String key, int fallback, int min, int max) {
        return value(key).flatMap(v -> v.asInteger(min, max)).orElse(fallback);
    }

    double decimal(String key, double fallback, double min, double max) {
        return value(key).flatMap(v -> v.asDecimal(min, max)).orElse(fallback);
    }

    boolean bool(String key, boolean fallback) {
        return value(key).flatMap(ConfigValue::asBool).orElse(fallback);
    }

    /** A duration {@code >= 0}. */
    Duration duration(String key, Duration fallback) {
        return value(key).flatMap(v -> v.asDuration(false)).orElse(fallback);
    }

    /** A duration {@code > 0}, for timeouts where zero would mean "fail at once". */
    Duration positiveDuration(String key, Duration fallback) {
        return value(key).flatMap(v -> v.asDuration(true)).orElse(fallback);
    }

    /** A size in bytes within {@code min..max}. */
    long size(String key, long fallback, long min, long max) {
        return value(key).flatMap(v -> v.asSize(min, max)).orElse(fallback);
    }

    /** An http or https URL (see {@link HttpUrls}). */
    URI url(String key, URI fallback) {
        return value(key).flatMap(ConfigValue::asHttpUrl).orElse(fallback);
    }

    /** A URL with no default: absent is an error. */
    URI requiredUrl(String key) {
        Optional<ConfigValue> value = value(key);
        if (value.isEmpty()) {
            required(key);
        }
        return value.flatMap(ConfigValue::asHttpUrl).orElse(PLACEHOLDER_URL);
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        return value(key).flatMap(v -> v.asEnum(type)).orElse(fallback);
    }

    /**
     * The section at {@code key}; absent means an empty section, so all its defaults apply.
     * Asking twice returns the same section, so its problems are reported once.
     */
    ConfigNode section(String key) {
        return sections.computeIfAbsent(key, k -> value(k).map(ConfigValue::asSection).orElseGet(
                () -> context.open(ConfigErrors.child(path, k), null, endOrder, reportMissing)));
    }

    /** The list at {@code key}, elements at paths like {@code rollout.stages[2]}; absent is empty. */
    List<ConfigValue> list(String key) {
        return value(key).map(ConfigValue::asList).orElse(List.of());
    }

    /** The mapping at {@code key} as strings, in document order; absent is empty. */
    Map<String, String> stringMap(String key) {
        return section(key).asStringMap();
    }

    /** This whole section as strings, in document order; an explicit null value reads as "". */
    Map<String, String> asStringMap() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys()) {
            values.put(key, string(key, ""));
        }
        return values;
    }

    /** Records {@code path.key: message} for a check that spans more than one value. */
    void reject(String key, String message) {
        YamlNode node = mapping == null ? null : mapping.entries().get(key);
        context.errors().add(node == null ? endOrder : node.order(), ConfigErrors.child(path, key), message);
    }

    /** Records that {@code key} is required (unless this section was itself invalid). */
    void required(String key) {
        if (reportMissing) {
            context.errors().add(endOrder, ConfigErrors.child(path, key), "required");
        }
    }

    /** Called by {@link ReadContext#finish()} once every section has been read. */
    void reportUnknownKeys() {
        for (String key : keys()) {
            if (!asked.contains(key)) {
                String hint = Suggestions.closest(key, asked)
                        .map(known -> " (did you mean " + known + "?)")
                        .orElse(asked.isEmpty() ? "" : " (expected one of: " + String.join(", ", asked) + ")");
                reject(key, "unknown key" + hint);
            }
        }
    }
}
