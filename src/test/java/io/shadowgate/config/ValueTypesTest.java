package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.config.Reading.Result;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each typed accessor of {@link ConfigNode}: what it accepts and how it reports what it does not. */
class ValueTypesTest {

    enum Mode { SHADOW, CANARY_FIRST }

    private static <T> Result<T> read(String yaml, Function<ConfigNode, T> reader) {
        return Reading.read(yaml, reader);
    }

    @ParameterizedTest
    @CsvSource({"250ms, PT0.25S", "30s, PT30S", "10m, PT10M", "1h, PT1H", "1.5s, PT1.5S", "0, PT0S",
        "0s, PT0S", "2d, PT48H", "0.5ms, PT0.0005S"})
    void durations(String text, String iso) {
        Result<Duration> r = read("d: " + text, n -> n.duration("d", Duration.ofDays(9)));
        assertThat(r.errors()).isEmpty();
        assertThat(r.value()).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"30", "30 s", "-1s", "1.s", "30sec", "PT30S", "abc", "''"})
    void invalidDurations(String text) {
        Result<Duration> r = read("d: \"" + text + "\"", n -> n.duration("d", Duration.ofDays(9)));
        assertThat(r.errors()).containsExactly(
                "d: " + ConfigErrors.quote(text) + " (expected: a duration such as 250ms, 30s, 10m)");
        assertThat(r.value()).as("falls back to the default").isEqualTo(Duration.ofDays(9));
    }

    @Test
    void positiveDurationRejectsZero() {
        assertThat(read("d: 0ms", n -> n.positiveDuration("d", Duration.ofSeconds(1))).errors())
                .containsExactly("d: \"0ms\" (expected: a duration > 0 such as 250ms, 30s, 10m)");
    }

    @ParameterizedTest
    @CsvSource({"1048576, 1048576", "0, 0", "7B, 7", "512KiB, 524288", "10MiB, 10485760",
        "1GiB, 1073741824", "'16 KiB', 16384"})
    void sizes(String text, long bytes) {
        Result<Long> r = read("s: " + text, n -> n.size("s", -1, 0, Long.MAX_VALUE));
        assertThat(r.errors()).isEmpty();
        assertThat(r.value()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10MB | ; write 10MiB, sizes use 1024-based units",
        "512kb | ; write 512KiB, sizes use 1024-based units",
        "1G | ; write 1GiB, sizes use 1024-based units",
        "1.5MiB | ''", "-1 | ''", "10 mib | ''", "lots | ''", "99999999999GiB | ''"})
    void invalidSizes(String text, String hint) {
        assertThat(read("s: " + text, n -> n.size("s", 1, 0, Long.MAX_VALUE)).errors()).containsExactly(
                "s: \"" + text + "\" (expected: a size such as 1048576, 512KiB, 10MiB" + hint + ")");
    }

    @Test
    void sizeOutOfRangeShowsTheRangeInUnits() {
        assertThat(read("s: 2MiB", n -> n.size("s", 1, Sizes.KIB, Sizes.MIB)).errors())
                .containsExactly("s: \"2MiB\" (expected: 1KiB..1MiB)");
    }

    @Test
    void integers() {
        assertThat(read("i: 42", n -> n.integer("i", 0, 0, 100)).value()).isEqualTo(42);
        assertThat(read("i: '42'", n -> n.integer("i", 0, 0, 100)).value()).isEqualTo(42);
        assertThat(read("i: 101", n -> n.integer("i", 0, 0, 100)).errors())
                .containsExactly("i: 101 (expected: 0..100)");
        assertThat(read("i: 99999999999999999999", n -> n.integer("i", 0, 0, 100)).errors())
                .containsExactly("i: 99999999999999999999 (expected: 0..100)");
        assertThat(read("i: 4.5", n -> n.integer("i", 0, 0, 100)).errors())
                .containsExactly("i: \"4.5\" (expected: an integer 0..100)");
        assertThat(read("i: [1]", n -> n.integer("i", 0, 0, 100)).errors())
                .containsExactly("i: a list (expected: an integer 0..100)");
    }

    @Test
    void decimals() {
        assertThat(read("x: 0.25", n -> n.decimal("x", 0, 0, 1)).value()).isEqualTo(0.25);
        assertThat(read("x: 1", n -> n.decimal("x", 0, 0, 1)).value()).isEqualTo(1.0);
        assertThat(read("x: 1.5", n -> n.decimal("x", 0, 0, 1)).errors())
                .containsExactly("x: 1.5 (expected: 0..1)");
        assertThat(read("x: .nan", n -> n.decimal("x", 0, 0, 1)).errors())
                .containsExactly("x: \".nan\" (expected: a number 0..1)");
    }

    @Test
    void booleansAreOnlyTrueOrFalse() {
        assertThat(read("b: true", n -> n.bool("b", false)).value()).isTrue();
        assertThat(read("b: False", n -> n.bool("b", true)).value()).isFalse();
        assertThat(read("b: yes", n -> n.bool("b", false)).errors())
                .containsExactly("b: \"yes\" (expected: true or false)");
    }

    @Test
    void enumsIgnoreCaseAndAcceptDashes() {
        assertThat(read("m: canary-first", n -> n.enumValue("m", Mode.class, Mode.SHADOW)).value())
                .isEqualTo(Mode.CANARY_FIRST);
        assertThat(read("m: SHADOW", n -> n.enumValue("m", Mode.class, null)).value()).isEqualTo(Mode.SHADOW);
        assertThat(read("m: canary", n -> n.enumValue("m", Mode.class, Mode.SHADOW)).errors())
                .containsExactly("m: \"canary\" (expected: one of shadow, canary-first)");
    }

    @Test
    void stringsKeepTheirTextAsWritten() {
        Result<List<String>> r = read("a: 0777\nb: 1.50\nc: 'x y'\nd: 12345678901234567890\n",
                n -> List.of(n.string("a", ""), n.string("b", ""), n.string("c", ""), n.string("d", "")));
        assertThat(r.value()).containsExactly("0777", "1.50", "x y", "12345678901234567890");
    }

    @Test
    void absentAndNullKeysTakeTheDefault() {
        assertThat(read("a: ~\nb: null\n", n -> n.string("a", "d1") + n.string("b", "d2") + n.string("c", "d3"))
                .value()).isEqualTo("d1d2d3");
    }

    @Test
    void nonEmptyString() {
        assertThat(read("h: ''", n -> n.nonEmptyString("h", "dflt")).errors())
                .containsExactly("h: \"\" (expected: a non-empty string)");
    }

    @Test
    void urls() {
        assertThat(read("u: HTTP://h:81/p", n -> n.url("u", null)).value()).isEqualTo(URI.create("http://h:81/p"));
        assertThat(read("u: https://[::1]/", n -> n.url("u", null)).value()).isEqualTo(URI.create("https://[::1]/"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://x | ftp://x | ''",
        "127.0.0.1:9101 | 127.0.0.1:9101 | ''",
        "http:opaque | http:opaque | ''",
        "http://h/a b | http://h/a b | ''",
        "http:///path | http:///path | ' with a host'",
        "http://h:0 | http://h:0 | ' with a port in 1..65535'",
        "http://h:70000 | http://h:70000 | ' with a port in 1..65535'",
        "http://h/p?code=s3cret | http://h/p?<redacted> | ' without a query or fragment'",
        "http://h/#top | http://h/#top | ' without a query or fragment'",
        "https://me:s3cret@h/ | https://<redacted>@h/ | ' without user info; put credentials in headers'"})
    void invalidUrls(String text, String shown, String detail) {
        assertThat(read("u: " + text, n -> n.url("u", null)).errors())
                .containsExactly("u: \"" + shown + "\" (expected: an http or https URL" + detail + ")");
    }

    @Test
    void listElementsHaveIndexedPaths() {
        String yaml = """
                rollout:
                  stages:
                    - weight: 5
                    - weight: 25
                    - weight: 150
                    - wieght: 50
                  gates: [1, x]
                """;
        Result<List<Integer>> r = read(yaml, root -> {
            ConfigNode rollout = root.section("rollout");
            rollout.list("gates").forEach(v -> v.asInteger(0, 9));
            return rollout.list("stages").stream().map(v -> v.asSection().integer("weight", 0, 1, 100)).toList();
        });
        assertThat(r.value()).containsExactly(5, 25, 0, 0);
        assertThat(r.errors()).containsExactly(
                "rollout.stages[2].weight: 150 (expected: 1..100)",
                "rollout.stages[3].wieght: unknown key (did you mean weight?)",
                "rollout.gates[1]: \"x\" (expected: an integer 0..9)");
    }

    @Test
    void listThatIsNotAListIsReportedAndReadsEmpty() {
        Result<List<ConfigValue>> r = read("l: {a: 1}", n -> n.list("l"));
        assertThat(r.value()).isEmpty();
        assertThat(r.errors()).containsExactly("l: a mapping (expected: a list)");
    }

    @Test
    void stringMapKeepsOrderAndAbsentOrEmptyIsEmpty() {
        Result<Map<String, String>> r = read("m:\n  z: 1\n  a: two\n  m: ''\n", n -> n.stringMap("m"));
        assertThat(r.value()).containsExactly(Map.entry("z", "1"), Map.entry("a", "two"), Map.entry("m", ""));
        assertThat(read("x: 1", n -> n.stringMap("m")).value()).isEmpty();
        assertThat(read("m:\n  # nothing yet\n", n -> n.stringMap("m")).value()).isEmpty();
        assertThat(read("m: [a]", n -> n.stringMap("m")).errors()).containsExactly("m: a list (expected: a mapping)");
    }

    @Test
    void sectionAskedTwiceReportsItsUnknownKeysOnce() {
        Result<Integer> r = read("s:\n  a: 1\n  zzz: 2\n", n -> n.section("s").integer("a", 0, 0, 9)
                + n.section("s").integer("a", 0, 0, 9));
        assertThat(r.value()).isEqualTo(2);
        assertThat(r.errors()).containsExactly("s.zzz: unknown key (expected one of: a)");
    }

    @Test
    void absentSectionIsEmptyAndAllItsDefaultsApply() {
        Result<Optional<ConfigValue>> r = read("other: {}", n -> n.section("missing").value("k"));
        assertThat(r.value()).isEmpty();
        assertThat(r.errors()).containsExactly("other: unknown key (expected one of: missing)");
    }
}
