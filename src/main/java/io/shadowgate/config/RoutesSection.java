package io.shadowgate.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the top-level {@code routes:} list: per entry an optional {@code name}, a {@code match}
 * ({@code path} required, {@code method} optional) and a {@code compare} whose JSON keys go over
 * the top-level {@code compare} section (see {@link CompareSection#readForRoute}). Labels are
 * unique, and {@value RouteConfig#DEFAULT_LABEL} is kept for requests that match no route.
 */
final class RoutesSection {
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]+");

    private RoutesSection() {}

    /** The routes in configured order; {@code compare} is the top-level section, the base of each route's. */
    static List<RouteConfig> read(ConfigNode root, CompareConfig compare) {
        Map<String, String> labels = new LinkedHashMap<>(); // label -> path of the route that has it
        List<RouteConfig> routes = new ArrayList<>();
        for (ConfigValue element : root.list("routes")) {
            ConfigNode node = element.asSection();
            Optional<String> name = name(node);
            Optional<RouteMatch> match = match(node.section("match"));
            Optional<RouteCompareConfig> routeCompare = compare(node.section("compare"), compare);
            if (match.isEmpty() || routeCompare.isEmpty()) {
                continue; // already reported
            }
            RouteConfig route = new RouteConfig(name, match.get(), routeCompare.get());
            String previous = labels.putIfAbsent(route.label(), element.path());
            if (previous != null) {
                rejectLabel(node, name, "a label no other route has; " + previous + " has it");
            } else if (route.label().equals(RouteConfig.DEFAULT_LABEL)) {
                rejectLabel(node, name, "another name: " + RouteConfig.DEFAULT_LABEL
                        + " is the label of requests that match no route");
            } else {
                routes.add(route);
            }
        }
        return routes;
    }

    /** Reports the label at {@code name} when it was given, else at the pattern it comes from. */
    private static void rejectLabel(ConfigNode node, Optional<String> name, String expected) {
        if (name.isPresent()) {
            node.reject("name", ConfigErrors.quote(name.get()) + " (expected: " + expected + ")");
        } else {
            ConfigNode match = node.section("match");
            match.reject("path", "the route's label, as it has no name (expected: " + expected
                    + "; or give it a name)");
        }
    }

    private static Optional<String> name(ConfigNode node) {
        Optional<String> name = node.value("name").flatMap(ConfigValue::asString).map(String::trim);
        if (name.isPresent() && name.get().isEmpty()) {
            node.reject("name", "\"\" (expected: a non-empty name, or no name to be labelled by the pattern)");
        }
        // The noise baseline keeps a configured route's paths as "label#pointer" (RouteNoise).
        if (name.isPresent() && name.get().indexOf('#') >= 0) {
            node.reject("name", ConfigErrors.quote(name.get()) + " (expected: a name without '#')");
            return Optional.empty();
        }
        return name;
    }

    private static Optional<RouteMatch> match(ConfigNode node) {
        Optional<String> method = node.value("method").flatMap(ConfigValue::asString).map(String::trim);
        boolean methodValid = method.map(m -> METHOD.matcher(m).matches()).orElse(true);
        if (!methodValid) {
            node.reject("method", ConfigErrors.quote(method.get()) + " (expected: an HTTP method such as POST)");
        }
        Optional<ConfigValue> pathValue = node.value("path");
        if (pathValue.isEmpty()) {
            node.required("path");
            return Optional.empty();
        }
        Optional<String> path = pathValue.get().asString().map(String::trim);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        if (!path.get().startsWith("/")) {
            return pathValue.get().invalid(ConfigErrors.quote(path.get()),
                    "a path pattern starting with /, such as /v1/chat/completions, /v1/* or /v2/models/*/infer");
        }
        if (path.get().contains("?") || path.get().contains("#")) {
            return pathValue.get().invalid(ConfigErrors.quote(path.get()),
                    "a path pattern without a query or fragment, which routes do not match");
        }
        if (path.get().contains("**")) {
            return pathValue.get().invalid(ConfigErrors.quote(path.get()), "a pattern without **, which is not"
                    + " supported: * matches within one path segment, and a pattern ending in /* takes everything below");
        }
        return methodValid ? Optional.of(new RouteMatch(path.get(), method)) : Optional.empty();
    }

    /** Empty when a value it needs is invalid (and reported). */
    private static Optional<RouteCompareConfig> compare(ConfigNode node, CompareConfig top) {
        Optional<ComparatorKind> comparator = comparator(node);
        Optional<TextCompareConfig> text = text(node.section("text"));
        boolean embeddingsWanted = text.map(t -> t.metric() == TextMetric.EMBEDDING).orElse(false);
        Optional<EmbeddingsConfig> embeddings = Optional.empty();
        if (node.value("embeddings").isPresent()) {
            if (embeddingsWanted) {
                embeddings = Optional.of(embeddings(node.section("embeddings")));
            } else if (text.isPresent()) {
                node.reject("embeddings", "only used with text.metric: embedding (expected: remove it, or set the metric)");
            }
        } else if (embeddingsWanted) {
            node.required("embeddings");
        }
        CompareConfig json = CompareSection.readForRoute(node, top);
        if (comparator.isEmpty() || text.isEmpty() || embeddingsWanted != embeddings.isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new RouteCompareConfig(comparator.get(), json, text.get(), embeddings));
    }

    private static Optional<ComparatorKind> comparator(ConfigNode node) {
        Optional<ConfigValue> value = node.value("comparator");
        if (value.isEmpty()) {
            return Optional.of(ComparatorKind.JSON);
        }
        return value.get().asString().flatMap(text -> ComparatorKind.named(text).or(() -> value.get().invalid(
                ConfigErrors.quote(text), "one of " + String.join(", ",
                        Arrays.stream(ComparatorKind.values()).map(ComparatorKind::configName).toList()))));
    }

    private static Optional<TextCompareConfig> text(ConfigNode node) {
        TextMetric metric = TextCompareConfig.DEFAULTS.metric();
        Optional<ConfigValue> value = node.value("metric");
        if (value.isPresent()) {
            Optional<String> name = value.get().asString();
            Optional<TextMetric> named = name.flatMap(TextMetric::named);
            if (named.isEmpty()) {
                name.ifPresent(text -> value.get().invalid(ConfigErrors.quote(text), "one of " + String.join(", ",
                        Arrays.stream(TextMetric.values()).map(TextMetric::configName).toList())));
                return Optional.empty();
            }
            metric = named.get();
        }
        return Optional.of(new TextCompareConfig(metric,
                node.decimal("threshold", TextCompareConfig.DEFAULT_THRESHOLD, 0, 1),
                node.integer("maxChars", TextCompareConfig.DEFAULT_MAX_CHARS, 1, 10_000_000)));
    }

    private static EmbeddingsConfig embeddings(ConfigNode node) {
        Optional<ConfigValue> model = node.value("model");
        if (model.isEmpty()) {
            node.required("model");
        }
        return new EmbeddingsConfig(node.requiredUrl("url"), node.nonEmptyString("model", "required"),
                node.positiveDuration("timeout", EmbeddingsConfig.DEFAULT_TIMEOUT));
    }
}
