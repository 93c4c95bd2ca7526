package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The {@code candidate}, {@code shadow} and {@code compare} sections of issue 3. */
class ShadowAndCompareSectionsTest {
    private static final String STABLE = "stable: { url: http://127.0.0.1:9101 }\n";
    /** Mirroring needs a candidate to mirror to. */
    private static final String CANDIDATE = "candidate: { url: http://127.0.0.1:9102 }\n";

    private static ShadowgateConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(STABLE + yaml, Map.of());
    }

    private static List<String> errors(String yaml) {
        return Reading.errorsOf(STABLE + yaml);
    }

    @Test
    void withoutACandidateNothingIsMirroredAndTheDefaultsApply() throws Exception {
        ShadowgateConfig config = parse("");

        assertThat(config.candidate()).isEmpty();
        assertThat(config.shadow()).isEqualTo(new ShadowConfig(100, Optional.empty(), 256, 10L * 1024 * 1024));
        assertThat(config.compare()).isEqualTo(new CompareConfig(Optional.empty(), 1e-6, 1e-4, List.of(), List.of(),
                100, 0, Duration.ofMinutes(5)));
    }

    @Test
    void theCandidateHasTheShapeOfStableWithAShorterDefaultTimeout() throws Exception {
        ShadowgateConfig config = parse("""
                candidate:
                  url: https://green.example.com/score
                  headers: { azureml-model-deployment: green }
                  maxConnections: 8
                """);

        assertThat(config.candidate()).contains(new UpstreamConfig(URI.create("https://green.example.com/score"),
                Map.of("azureml-model-deployment", "green"), Duration.ofSeconds(2), Duration.ofSeconds(10), 8));
        assertThat(config.stable().timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aCandidateSectionNeedsItsUrl() {
        assertThat(errors("candidate: { timeout: 5s }\n")).containsExactly("candidate.url: required");
    }

    @Test
    void everyShadowAndCompareKeyIsRead() throws Exception {
        ShadowgateConfig config = parse(CANDIDATE + """
                shadow:
                  percent: 12.5
                  stickyKey: "header:X-User-Id"
                  maxInFlight: 32
                  maxBodyBytes: 1MiB
                compare:
                  predictions: /outputs
                  absoluteTolerance: 0.001
                  relativeTolerance: 0
                  ignore: [/id, "/outputs/*/parameters"]
                  redact: [/input_data/data]
                  keepMismatches: 5
                  noisePercent: 2.5
                  window: 1m
                  sampleRequestBytes: 16KiB
                """);

        assertThat(config.shadow()).isEqualTo(new ShadowConfig(12.5,
                Optional.of(new RequestKey(RequestKey.Source.HEADER, "X-User-Id")), 32, 1024 * 1024));
        assertThat(config.compare()).isEqualTo(new CompareConfig(Optional.of("/outputs"), 0.001, 0,
                List.of("/id", "/outputs/*/parameters"), List.of("/input_data/data"), 5, 2.5, Duration.ofMinutes(1),
                CompareConfig.Noise.AUTO, CompareConfig.DEFAULT_NOISE_FLOOR, List.of(), 16 * 1024));
    }

    @Test
    void aSampleKeeps4KiBOfTheRequestByDefault() throws Exception {
        assertThat(parse("compare: { keepMismatches: 5 }\n").compare().sampleRequestBytes()).isEqualTo(4096);
        assertThat(parse("compare: { sampleRequestBytes: 0 }\n").compare().sampleRequestBytes()).isZero();
    }

    @Test
    void noiseIsAutoWithAOnePercentFloorAndNoListedPathsByDefault() throws Exception {
        CompareConfig compare = parse("").compare();

        assertThat(compare.noise()).isEqualTo(CompareConfig.Noise.AUTO);
        assertThat(compare.noiseFloor()).isEqualTo(0.01);
        assertThat(compare.noisyPaths()).isEmpty();
    }

    @Test
    void everyNoiseKeyIsRead() throws Exception {
        CompareConfig compare = parse("""
                compare:
                  noisePercent: 5
                  noise: off
                  noiseFloor: 0.002
                  noisyPaths: [/id, "/predictions/*/sampled_at"]
                """).compare();

        assertThat(compare).isEqualTo(new CompareConfig(Optional.empty(), 1e-6, 1e-4, List.of(), List.of(), 100, 5,
                Duration.ofMinutes(5), CompareConfig.Noise.OFF, 0.002, List.of("/id", "/predictions/*/sampled_at")));
    }

    @Test
    void predictionsAutoIsTheDefault() throws Exception {
        assertThat(parse("compare: { predictions: auto }\n").compare().predictions()).isEmpty();
    }

    @Test
    void aCookieStickyKey() throws Exception {
        assertThat(parse(CANDIDATE + "shadow: { stickyKey: 'cookie:session' }\n").shadow().stickyKey())
                .contains(new RequestKey(RequestKey.Source.COOKIE, "session"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            shadow: { percent: 101 }                  | shadow.percent: 101 (expected: 0..100)
            shadow: { percent: -1 }                   | shadow.percent: -1 (expected: 0..100)
            shadow: { maxInFlight: 0 }                | shadow.maxInFlight: 0 (expected: 1..1000000)
            shadow: { stickyKey: 'X-User-Id' }        | shadow.stickyKey: "X-User-Id" (expected: header:NAME or cookie:NAME, e.g. header:X-User-Id)
            shadow: { stickyKey: 'query:user' }       | shadow.stickyKey: "query:user" (expected: header:NAME or cookie:NAME, e.g. header:X-User-Id)
            shadow: { stickyKey: 'header:' }          | shadow.stickyKey: "header:" (expected: header:NAME or cookie:NAME, e.g. header:X-User-Id)
            shadow: { maxBodyBytes: 0 }               | shadow.maxBodyBytes: "0" (expected: 1..2147483647)
            compare: { predictions: predictions }     | compare.predictions: "predictions" (expected: a JSON Pointer such as /predictions or /outputs/*/data)
            compare: { predictions: '/outputs/**' }   | compare.predictions: "/outputs/**" (expected: a JSON Pointer without **, which is not supported
            compare: { ignore: [/id, 'a/b'] }         | compare.ignore[1]: "a/b" (expected: a JSON Pointer such as /predictions or /outputs/*/data)
            compare: { redact: ['/bad~2escape'] }     | compare.redact[0]: "/bad~2escape" (expected: a JSON Pointer such as /predictions or /outputs/*/data)
            compare: { relativeTolerance: 2 }         | compare.relativeTolerance: 2 (expected: 0..1)
            compare: { absoluteTolerance: -0.1 }      | compare.absoluteTolerance: -0.1 (expected: 0..1000000000)
            compare: { noisePercent: 150 }            | compare.noisePercent: 150 (expected: 0..100)
            compare: { window: 0s }                   | compare.window: "0s" (expected: a duration > 0 such as 250ms
            compare: { tolerance: 1 }                 | compare.tolerance: "1" (expected: a mapping)
            compare: { sampleRequestBytes: 2MiB }     | compare.sampleRequestBytes: "2MiB" (expected: 0..1MiB)
            compare: { sampleRequestBytes: -1 }       | compare.sampleRequestBytes: "-1"
            compare: { sampleRequestBytes: lots }     | compare.sampleRequestBytes: "lots"
            compare: { noise: sometimes }             | compare.noise: "sometimes" (expected: one of auto, off)
            compare: { noiseFloor: 1.5 }              | compare.noiseFloor: 1.5 (expected: 0..1)
            compare: { noiseFloor: -0.01 }            | compare.noiseFloor: -0.01 (expected: 0..1)
            compare: { noisyPaths: [/id, 'created'] } | compare.noisyPaths[1]: "created" (expected: a JSON Pointer such as /predictions or /outputs/*/data)
            shadow: { precent: 5 }                    | shadow.precent: unknown key (did you mean percent?)
            """)
    void invalidValuesAreReportedWithTheirKeyPath(String yaml, String expected) {
        assertThat(errors(CANDIDATE + yaml + "\n")).hasSize(1).first().asString().startsWith(expected);
    }

    @Test
    void escapedPointersAndTheWholeDocumentAreValid() throws Exception {
        assertThat(parse("compare: { ignore: ['', '/a~1b/~0c', '/*/x'] }\n").compare().ignore())
                .containsExactly("", "/a~1b/~0c", "/*/x");
    }

    @Test
    void theSectionsComeFromTheEnvironmentToo() throws Exception {
        ShadowgateConfig config = ConfigLoader.parse(STABLE + CANDIDATE + "shadow: { percent: '${SHADOW_PERCENT:-100}' }\n",
                Map.of("SHADOW_PERCENT", "7.5"));
        assertThat(config.shadow().percent()).isEqualTo(7.5);
        assertThatThrownBy(() -> ConfigLoader.parse(STABLE + CANDIDATE + "shadow: { percent: '${SHADOW_PERCENT}' }\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("shadow.percent");
    }
}
