package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The top-level {@code routes:} list of issue 15, and each route's {@code compare} over the top-level one. */
class RoutesSectionTest {
    private static final String STABLE = "stable: { url: http://127.0.0.1:9101 }\n";

    private static ShadowgateConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(STABLE + yaml, Map.of());
    }

    private static List<String> errors(String yaml) {
        return Reading.errorsOf(STABLE + yaml);
    }

    @Test
    void noRoutesByDefault() throws Exception {
        ShadowgateConfig config = parse("");
        assertThat(config.routes()).isEmpty();
        assertThat(config.routeTable().labels()).containsExactly("default");
    }

    @Test
    void everyKeyIsRead() throws Exception {
        ShadowgateConfig config = parse("""
                compare: { absoluteTolerance: 0.5, relativeTolerance: 0.01, ignore: [/id], noisePercent: 5 }
                routes:
                  - name: chat
                    match: { path: /v1/chat/completions, method: post }
                    compare:
                      comparator: OpenAI-Chat
                      text: { metric: embedding, threshold: 0.8, maxChars: 1000 }
                      embeddings: { url: "http://127.0.0.1:9300/v1/embeddings", model: small, timeout: 500ms }
                  - match: { path: /v2/models/*/infer }
                    compare:
                      predictions: /outputs/*/data
                      absoluteTolerance: 0.25
                      relativeTolerance: 0
                      ignore: []
                      redact: [/outputs/*/parameters]
                      noisyPaths: [/outputs/0/data]
                """);
        CompareConfig top = config.compare();
        RouteConfig chat = config.routes().get(0);
        assertThat(chat.name()).contains("chat");
        assertThat(chat.match()).isEqualTo(new RouteMatch("/v1/chat/completions", Optional.of("POST")));
        assertThat(chat.compare()).isEqualTo(new RouteCompareConfig(ComparatorKind.OPENAI_CHAT, top,
                new TextCompareConfig(TextMetric.EMBEDDING, 0.8, 1000),
                Optional.of(new EmbeddingsConfig(URI.create("http://127.0.0.1:9300/v1/embeddings"), "small",
                        Duration.ofMillis(500)))));

        RouteConfig infer = config.routes().get(1);
        assertThat(infer.label()).isEqualTo("/v2/models/*/infer");
        assertThat(infer.compare().comparator()).isEqualTo(ComparatorKind.JSON);
        assertThat(infer.compare().text()).isEqualTo(TextCompareConfig.DEFAULTS);
        assertThat(infer.compare().embeddings()).isEmpty();
        assertThat(infer.compare().json()).isEqualTo(new CompareConfig(Optional.of("/outputs/*/data"), 0.25, 0,
                List.of(), List.of("/outputs/*/parameters"), top.keepMismatches(), 5, top.window(), top.noise(),
                top.noiseFloor(), List.of("/outputs/0/data"), top.sampleRequestBytes()));
    }

    @Test
    void aRouteCompareWithoutJsonKeysIsTheTopLevelOne() throws Exception {
        ShadowgateConfig config = parse("""
                compare: { predictions: /scores, absoluteTolerance: 0.5, tolerance: { /scores/0: 1 }, redact: [/x] }
                routes:
                  - match: { path: /score }
                    compare: { comparator: text }
                  - match: { path: /other }
                """);
        assertThat(config.routes()).extracting(route -> route.compare().json()).containsOnly(config.compare());
        assertThat(config.routes().get(1).compare()).isEqualTo(RouteCompareConfig.json(config.compare()));
    }

    @Test
    void aRoutesToleranceMapReplacesTheTopLevelOneAndItsDefaultTheAbsoluteTolerance() throws Exception {
        ShadowgateConfig config = parse("""
                compare: { absoluteTolerance: 0.5, tolerance: { /a: 1 } }
                routes:
                  - match: { path: /x }
                    compare: { tolerance: { /b: 2 } }
                  - match: { path: /y }
                    compare: { tolerance: { default: 0.125 } }
                """);
        assertThat(config.routes().get(0).compare().json().absoluteTolerance()).isEqualTo(0.5);
        assertThat(config.routes().get(0).compare().json().pathTolerances()).isEqualTo(Map.of("/b", 2.0));
        assertThat(config.routes().get(1).compare().json().absoluteTolerance()).isEqualTo(0.125);
        assertThat(config.routes().get(1).compare().json().pathTolerances()).isEmpty();
    }

    @Test
    void textDefaultsAndTheOtherMetrics() throws Exception {
        ShadowgateConfig config = parse("""
                routes:
                  - match: { path: /a }
                    compare: { comparator: text, text: { metric: edit } }
                  - match: { path: /b }
                    compare: { comparator: openai-completions, text: { metric: TOKEN-F1, threshold: 1 } }
                  - match: { path: /c }
                    compare: { comparator: embedding-vectors, text: {} }
                """);
        assertThat(config.routes()).extracting(route -> route.compare().text()).containsExactly(
                new TextCompareConfig(TextMetric.EDIT, 0.6, 8192),
                new TextCompareConfig(TextMetric.TOKEN_F1, 1, 8192),
                TextCompareConfig.DEFAULTS);
        assertThat(config.routes()).extracting(route -> route.compare().comparator()).containsExactly(
                ComparatorKind.TEXT, ComparatorKind.OPENAI_COMPLETIONS, ComparatorKind.EMBEDDING_VECTORS);
    }

    @Test
    void embeddingsTimeoutDefaults() throws Exception {
        ShadowgateConfig config = parse("""
                routes:
                  - match: { path: /a }
                    compare: { comparator: text, text: { metric: embedding }, embeddings: { url: "https://e.example/v1/embeddings", model: m } }
                """);
        assertThat(config.routes().get(0).compare().embeddings()).contains(new EmbeddingsConfig(
                URI.create("https://e.example/v1/embeddings"), "m", EmbeddingsConfig.DEFAULT_TIMEOUT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            routes: [ { match: {} } ]                                        | routes[0].match.path: required
            routes: [ { compare: {} } ]                                      | routes[0].match.path: required
            routes: [ { match: { path: v1/* } } ]                            | routes[0].match.path: "v1/*" (expected: a path pattern starting with /, such as /v1/chat/completions, /v1/* or /v2/models/*/infer)
            routes: [ { match: { path: /v1/** } } ]                          | routes[0].match.path: "/v1/**" (expected: a pattern without **, which is not supported: * matches within one path segment, and a pattern ending in /* takes everything below)
            routes: [ { match: { path: "/a?x=1" } } ]                        | routes[0].match.path: "/a?x=1" (expected: a path pattern without a query or fragment, which routes do not match)
            routes: [ { match: { path: /a, method: "GET /a" } } ]            | routes[0].match.method: "GET /a" (expected: an HTTP method such as POST)
            routes: [ { match: { path: /a, verb: GET } } ]                   | routes[0].match.verb: unknown key (expected one of: method, path)
            routes: [ { name: " ", match: { path: /a } } ]                   | routes[0].name: "" (expected: a non-empty name, or no name to be labelled by the pattern)
            routes: [ { name: default, match: { path: /a } } ]               | routes[0].name: "default" (expected: another name: default is the label of requests that match no route)
            routes: [ { name: "chat#2", match: { path: /a } } ]              | routes[0].name: "chat#2" (expected: a name without '#')
            routes: [ { match: { path: /a }, comprae: {} } ]                 | routes[0].comprae: unknown key (did you mean compare?)
            routes: [ { match: { path: /a }, compare: { comparator: fuzzy } } ] | routes[0].compare.comparator: "fuzzy" (expected: one of json, exact, text, openai-chat, openai-completions, embedding-vectors, binary)
            routes: [ { match: { path: /a }, compare: { text: { metric: bleu } } } ] | routes[0].compare.text.metric: "bleu" (expected: one of edit, token-f1, rouge-l, embedding)
            routes: [ { match: { path: /a }, compare: { text: { threshold: 1.5 } } } ] | routes[0].compare.text.threshold: 1.5 (expected: 0..1)
            routes: [ { match: { path: /a }, compare: { text: { maxChars: 0 } } } ] | routes[0].compare.text.maxChars: 0 (expected: 1..10000000)
            routes: [ { match: { path: /a }, compare: { text: { metric: embedding } } } ] | routes[0].compare.embeddings: required
            routes: [ { match: { path: /a }, compare: { embeddings: { url: "http://127.0.0.1:1" } } } ] | routes[0].compare.embeddings: only used with text.metric: embedding (expected: remove it, or set the metric)
            routes: [ { match: { path: /a }, compare: { text: { metric: embedding }, embeddings: { url: "ftp://x/e", model: m } } } ] | routes[0].compare.embeddings.url: "ftp://x/e" (expected: an http or https URL)
            routes: [ { match: { path: /a }, compare: { text: { metric: embedding }, embeddings: { url: "http://127.0.0.1:1" } } } ] | routes[0].compare.embeddings.model: required
            routes: [ { match: { path: /a }, compare: { text: { metric: embedding }, embeddings: { model: m } } } ] | routes[0].compare.embeddings.url: required
            routes: [ { match: { path: /a }, compare: { text: { metric: embedding }, embeddings: { url: "http://127.0.0.1:1", model: m, timeout: 0s } } } ] | routes[0].compare.embeddings.timeout: "0s" (expected: a duration > 0 such as 250ms, 30s, 10m)
            routes: [ { match: { path: /a }, compare: { noisePercent: 5 } } ] | routes[0].compare.noisePercent: not a per-route key (set it under the top-level compare:)
            routes: [ { match: { path: /a }, compare: { keepMismatches: 5 } } ] | routes[0].compare.keepMismatches: not a per-route key (set it under the top-level compare:)
            routes: [ { match: { path: /a }, compare: { window: 1m } } ]     | routes[0].compare.window: not a per-route key (set it under the top-level compare:)
            routes: [ { match: { path: /a }, compare: { noise: off } } ]     | routes[0].compare.noise: not a per-route key (set it under the top-level compare:)
            routes: [ { match: { path: /a }, compare: { noiseFloor: 0.1 } } ] | routes[0].compare.noiseFloor: not a per-route key (set it under the top-level compare:)
            routes: [ { match: { path: /a }, compare: { sampleRequestBytes: 1KiB } } ] | routes[0].compare.sampleRequestBytes: not a per-route key (set it under the top-level compare:)
            routes: [ { match: { path: /a }, compare: { ignroe: [] } } ]     | routes[0].compare.ignroe: unknown key (did you mean ignore?)
            routes: [ { match: { path: /a }, compare: { predictions: outputs } } ] | routes[0].compare.predictions: "outputs" (expected: a JSON Pointer such as /predictions or /outputs/*/data)
            routes: [ { match: { path: /a }, compare: { absoluteTolerance: 1, tolerance: { default: 2 } } } ] | routes[0].compare.absoluteTolerance: cannot be given with tolerance.default (both are the absolute tolerance; keep one)
            routes: { match: { path: /a } }                                  | routes: a mapping (expected: a list)
            routes: [ /a ]                                                   | routes[0]: "/a" (expected: a mapping)
            """)
    void errorsNameTheirKeyPath(String yaml, String error) {
        assertThat(errors(yaml + "\n")).containsExactly(error);
    }

    @Test
    void theSecondRouteIsNamedInItsErrors() {
        assertThat(errors("""
                routes:
                  - match: { path: /a }
                  - match: { method: GET }
                """)).containsExactly("routes[1].match.path: required");
    }

    @Test
    void labelsAreUnique() {
        assertThat(errors("""
                routes:
                  - name: chat
                    match: { path: /a }
                  - name: chat
                    match: { path: /b }
                  - match: { path: /c }
                  - match: { path: /c }
                """)).containsExactly(
                "routes[1].name: \"chat\" (expected: a label no other route has; routes[0] has it)",
                "routes[3].match.path: the route's label, as it has no name (expected: a label no other route has;"
                        + " routes[2] has it; or give it a name)");
    }

    @Test
    void theSamePatternWithAnotherMethodOrNameIsAnotherLabel() throws Exception {
        ShadowgateConfig config = parse("""
                routes:
                  - match: { path: /c, method: POST }
                  - match: { path: /c }
                  - name: c-again
                    match: { path: /c }
                """);
        assertThat(config.routeTable().labels()).containsExactly("POST /c", "/c", "c-again", "default");
    }
}
