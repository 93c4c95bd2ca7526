package io.shadowgate.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written as a number and a unit: {@code 250ms}, {@code 30s}, {@code 1.5s},
 * {@code 10m}, {@code 1h}, {@code 1d}, and plain {@code 0}.
 *
 * <p>A bare number other than 0 is rejected: {@code timeout: 30} could mean seconds or
 * milliseconds, and guessing wrong by a factor of 1000 is worse than asking.
 */
final class Durations {
    static final String EXPECTED = "a duration such as 250ms, 30s, 10m";

    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L,
            "d", 86_400_000_000_000L);
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private Durations() {}

    /** The duration {@code text} denotes; throws {@link IllegalArgumentException} otherwise. */
    static Duration parse(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        BigDecimal nanos = new BigDecimal(m.group(1))
                .multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(m.group(2))))
                .setScale(0, RoundingMode.HALF_UP);
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException(EXPECTED + " (at most 292 years)");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }
}
