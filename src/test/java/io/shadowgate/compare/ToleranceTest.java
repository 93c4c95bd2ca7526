package io.shadowgate.compare;

import static io.shadowgate.compare.Fixtures.compare;
import static io.shadowgate.compare.Fixtures.describe;
import static io.shadowgate.compare.Fixtures.tolerances;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbers match when {@code |a-b| <= abs + rel * max(|a|,|b|)}, exactly as written in the JSON. */
class ToleranceTest {

    @ParameterizedTest(name = "{0} vs {1}, abs {2}, rel {3}: {4}")
    @CsvSource(textBlock = """
            # both zero: equal numbers only, whatever their notation
            1,                      1,                      0,      0,      true
            1,                      1.0,                    0,      0,      true
            1.0,                    1.000,                  0,      0,      true
            100,                    1e2,                    0,      0,      true
            0,                      -0.0,                   0,      0,      true
            1,                      2,                      0,      0,      false
            0.1,                    0.10000000000000001,    0,      0,      false
            # absolute, inclusive at the boundary as written (a double subtraction says 0.10000000000000009)
            1.0,                    1.1,                    0.1,    0,      true
            1.0,                    1.1,                    0.0999, 0,      false
            -1.0,                   -1.1,                   0.1,    0,      true
            -1,                     1,                      2,      0,      true
            -1,                     1,                      1.9,    0,      false
            3,                      3.5,                    0.5,    0,      true
            # relative, against the larger magnitude
            100,                    101,                    0,      0.01,   true
            101,                    100,                    0,      0.01,   true
            100,                    102,                    0,      0.01,   false
            -100,                   -101,                   0,      0.01,   true
            0,                      1e-7,                   0,      0.5,    false
            # both add up
            100,                    101,                    0.5,    0.005,  true
            100,                    101.1,                  0.5,    0.005,  false
            # large magnitudes
            1e20,                   1.0001e20,              0,      1e-3,   true
            1e20,                   1.01e20,                0,      1e-3,   false
            1e300,                  1.0000001e300,          0,      1e-6,   true
            1.7976931348623157e308, 1.7976931348623157e308, 0,      0,      true
            1.7976931348623157e308, -1.7976931348623157e308, 1e-6,  0.5,    false
            9007199254740993,       9007199254740992,       0,      0,      false
            12345678901234567890,   12345678901234567891,   0,      0,      false
            12345678901234567890,   12345678901234567891,   1,      0,      true
            12345678901234567890,   12345678901234567891.5, 1,      0,      false
            # tiny values near zero
            1e-12,                  2e-12,                  1e-12,  0,      true
            1e-12,                  3e-12,                  1e-12,  0,      false
            1e-12,                  1.1e-12,                0,      0.1,    true
            1e-12,                  -1e-12,                 0,      0.5,    false
            0,                      1e-300,                 1e-6,   0,      true
            5e-324,                 0,                      0,      0,      false
            # a float32 value printed at double precision
            0.1,                    0.10000000149011612,    0,      1e-7,   true
            0.1,                    0.10000000149011612,    1e-9,   0,      false
            # exponents no double can hold: decided without expanding a billion digits
            1e999999999,            1e999999999,            0,      0,      true
            1e999999999,            1.0001e999999999,       0,      1e-3,   true
            1e999999999,            1,                      1e-6,   1e-4,   false
            1e-999999999,           0,                      1e-6,   0,      true
            """)
    void numbers(String stable, String candidate, double absolute, double relative, boolean match) {
        Comparison comparison = compare(tolerances(absolute, relative),
                "{\"predictions\":[" + stable + "]}", "{\"predictions\":[" + candidate + "]}");
        assertThat(comparison.matches()).isEqualTo(match);
        if (!match) {
            assertThat(comparison.differences()).singleElement()
                    .satisfies(d -> assertThat(d.kind()).isEqualTo(Difference.Kind.VALUE))
                    .satisfies(d -> assertThat(d.path()).isEqualTo("/predictions/0"));
        }
    }

    @Test
    void theToleranceAppliesToNumbersOnly() {
        Comparison comparison = compare(tolerances(10, 0.5), "{\"predictions\":[1,\"a\",true]}",
                "{\"predictions\":[\"1\",\"A\",false]}");
        assertThat(describe(comparison)).containsExactly("TYPE /predictions/0 1 \"1\"",
                "VALUE /predictions/1 \"a\" \"A\"", "VALUE /predictions/2 true false");
    }

    @Test
    void numbersKeepTheirNotationInDifferences() {
        assertThat(describe(compare(tolerances(0, 0), "{\"predictions\":[1.50, 12345678901234567890]}",
                "{\"predictions\":[1.5000001, 12345678901234567891]}")))
                .containsExactly("VALUE /predictions/0 1.50 1.5000001",
                        "VALUE /predictions/1 12345678901234567890 12345678901234567891");
    }

    @ParameterizedTest
    @CsvSource({"-1, 0", "0, -1", "NaN, 0", "0, Infinity"})
    void rejectsToleranceTheLoaderWouldHaveRejected(double absolute, double relative) {
        assertThatThrownBy(() -> new Tolerance(absolute, relative))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: finite and >= 0");
    }
}
