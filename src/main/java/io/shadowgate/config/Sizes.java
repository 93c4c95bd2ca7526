package io.shadowgate.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses byte sizes: plain bytes ({@code 1048576}) or a whole number with {@code B},
 * {@code KiB}, {@code MiB} or {@code GiB}.
 *
 * <p>{@code KB}, {@code MB} and {@code GB} are rejected rather than guessed: people use them for
 * both 1000 and 1024, and a limit that is off by 5% surprises someone at the boundary.
 */
final class Sizes {
    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long GIB = 1024 * MIB;
    static final String EXPECTED = "a size such as 1048576, 512KiB, 10MiB";

    private static final Pattern FORMAT = Pattern.compile("(\\d+) ?(B|KiB|MiB|GiB)?");
    private static final Pattern DECIMAL_UNIT = Pattern.compile("(\\d+) ?([kKmMgG])[bB]?");
    private static final Map<String, Long> UNITS = Map.of("B", 1L, "KiB", KIB, "MiB", MIB, "GiB", GIB);

    private Sizes() {}

    /** The number of bytes {@code text} denotes; throws {@link IllegalArgumentException} otherwise. */
    static long parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (m.matches()) {
            try {
                long unit = m.group(2) == null ? 1 : UNITS.get(m.group(2));
                return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException(EXPECTED); // beyond a long: no limit allows it
            }
        }
        Matcher decimal = DECIMAL_UNIT.matcher(text);
        if (decimal.matches()) {
            String suggestion = decimal.group(1) + decimal.group(2).toUpperCase(Locale.ROOT) + "iB";
            throw new IllegalArgumentException(
                    EXPECTED + "; write " + suggestion + ", sizes use 1024-based units");
        }
        throw new IllegalArgumentException(EXPECTED);
    }

    /** {@code bytes} in the largest unit that divides it exactly, e.g. {@code 16KiB}. */
    static String format(long bytes) {
        if (bytes != 0) {
            for (String unit : new String[] {"GiB", "MiB", "KiB"}) {
                long size = UNITS.get(unit);
                if (bytes % size == 0) {
                    return bytes / size + unit;
                }
            }
        }
        return Long.toString(bytes);
    }
}
