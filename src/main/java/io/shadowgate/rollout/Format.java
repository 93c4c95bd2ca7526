package io.shadowgate.rollout;

import java.math.BigDecimal;
import java.time.Duration;

/** How numbers read in gate details and decision reasons: one style everywhere. */
final class Format {
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000};
    private Format() {}

    /** A rate or bound to four places: 0.9871. */
    static String rate(double value) {
        return fixed(value, 4);
    }

    /** A configured threshold as written: 0.99, not 0.9900. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A signed change in percent: +2.31%. */
    static String change(double fraction) {
        String digits = fixed(fraction * 100, 2);
        return (digits.startsWith("-") ? digits : "+" + digits) + "%";
    }

    /** A rate in percent: 0.49%. */
    static String percent(double fraction) {
        return fixed(fraction * 100, 2) + "%";
    }

    static String millis(long nanos) {
        return fixed(nanos / 1e6, 2) + " ms";
    }

    /** 1 comparison, 2 comparisons; "es" after s, x, ch and sh: 2 mismatches. */
    static String count(long n, String singular) {
        if (n == 1) {
            return n + " " + singular;
        }
        boolean sibilant = singular.endsWith("s") || singular.endsWith("x") || singular.endsWith("ch")
                || singular.endsWith("sh");
        return n + " " + singular + (sibilant ? "es" : "s");
    }

    /** 10m, 1h30m, 45s, 1m30s, 250ms: the way the config file writes durations. */
    static String duration(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder(duration.isNegative() ? "-" : "");
        Duration rest = duration.abs();
        append(text, rest.toHours(), "h");
        append(text, rest.toMinutesPart(), "m");
        append(text, rest.toSecondsPart(), "s");
        return text.toString();
    }

    /**
     * {@code value} rounded half up to {@code places} decimals, like {@code %.4f} in the root
     * locale; by hand, since the judge formats a dozen numbers on every tick and
     * {@link String#format} costs microseconds each.
     */
    static String fixed(double value, int places) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        long scale = POWERS_OF_TEN[places];
        long scaled = Math.round(Math.abs(value) * scale);
        String fraction = Long.toString(scaled % scale);
        return (value < 0 && scaled != 0 ? "-" : "") + scaled / scale + "."
                + "0".repeat(places - fraction.length()) + fraction;
    }

    private static void append(StringBuilder text, long value, String unit) {
        if (value != 0) {
            text.append(value).append(unit);
        }
    }
}
