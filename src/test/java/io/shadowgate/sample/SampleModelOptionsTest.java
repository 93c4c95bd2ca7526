package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleModelOptionsTest {
    private final SampleModelOptions defaults = SampleModelOptions.defaults();

    @Test
    void defaultsMatchTheCommandLine() {
        assertThat(defaults).isEqualTo(new SampleModelOptions(
                "127.0.0.1", 9101, ModelVariant.V1, Duration.ZERO, 0, 0, 1, 1));
        assertThat(defaults).isEqualTo(new SampleModelOptions("127.0.0.1", 9101, ModelVariant.V1, Duration.ZERO, 0, 0, 1, 1,
                LlmDrift.NONE, Duration.ofMillis(5), Duration.ZERO));
        assertThat(defaults.withLlmDrift(LlmDrift.LENGTH).withTokenDelay(Duration.ofMillis(2))
                .withFirstTokenDelay(Duration.ofMillis(300)).firstTokenDelay()).isEqualTo(Duration.ofMillis(300));
        assertThat(defaults.withPort(0).withVariant(ModelVariant.V2).withDrift(0.5).port()).isZero();
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheOption() {
        assertThatThrownBy(() -> defaults.withErrorRate(1.5)).hasMessage("error-rate 1.5: expected 0..1");
        assertThatThrownBy(() -> defaults.withErrorRate(Double.NaN)).hasMessage("error-rate NaN: expected 0..1");
        assertThatThrownBy(() -> defaults.withDrift(-0.1)).hasMessage("drift -0.1: expected 0..1");
        assertThatThrownBy(() -> defaults.withPort(70000)).hasMessage("port 70000: expected 0..65535");
        assertThatThrownBy(() -> defaults.withThreads(-1)).hasMessage("threads -1: expected 0..1024 (0 = one per core)");
        assertThatThrownBy(() -> defaults.withLatency(Duration.ofMillis(-5))).hasMessage("latency -5ms: expected 0ms..10m");
        assertThatThrownBy(() -> defaults.withTokenDelay(Duration.ofMillis(-1))).hasMessage("token-delay -1ms: expected 0ms..10m");
        assertThatThrownBy(() -> defaults.withFirstTokenDelay(Duration.ofMinutes(11)))
                .hasMessage("first-token-delay 660000ms: expected 0ms..10m");
        assertThatThrownBy(() -> defaults.withLlmDrift(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LlmDrift.parse("words")).hasMessage("words: expected none, vocabulary or length");
        assertThatThrownBy(() -> defaults.withHost(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withVariant(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "20ms, 20000000",
        "0, 0",
        "15, 15000000",
        "1.5s, 1500000000",
        "250us, 250000",
        "2m, 120000000000",
        "PT0.02S, 20000000",
        "0.5 ms, 500000",
    })
    void parsesDurations(String text, long nanos) {
        assertThat(SampleModelOptions.parseDuration(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @Test
    void rejectsBadDurations() {
        assertThatThrownBy(() -> SampleModelOptions.parseDuration("20 parsecs"))
                .hasMessage("20 parsecs: expected a duration like 20ms or 1.5s");
        assertThatThrownBy(() -> SampleModelOptions.parseDuration("-5ms")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleModelOptions.parseDuration("11m")).hasMessage("11m: expected at most 10m");
    }

    @Test
    void formatsForTheStartLine() {
        assertThat(SampleModelOptions.formatDuration(Duration.ZERO)).isEqualTo("0ms");
        assertThat(SampleModelOptions.formatDuration(Duration.ofMillis(20))).isEqualTo("20ms");
        assertThat(SampleModelOptions.formatDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(SampleModelOptions.formatDuration(Duration.ofNanos(250_000))).isEqualTo("0.25ms");
        assertThat(SampleModelOptions.formatShare(0)).isEqualTo("0");
        assertThat(SampleModelOptions.formatShare(0.02)).isEqualTo("0.02");
        assertThat(SampleModelOptions.formatShare(1.0)).isEqualTo("1");
    }

    @Test
    void parsesVariants() {
        assertThat(ModelVariant.parse("V2")).isEqualTo(ModelVariant.V2);
        assertThat(ModelVariant.V1).hasToString("v1");
        assertThatThrownBy(() -> ModelVariant.parse("v3")).hasMessage("v3: expected v1 or v2");
    }
}
