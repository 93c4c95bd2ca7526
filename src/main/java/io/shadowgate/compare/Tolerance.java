package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * When two JSON numbers match: {@code |a-b| <= abs + rel * max(|a|,|b|)}, computed in decimal
 * so the boundary holds as written ({@code 1.0} and {@code 1.1} are exactly {@code 0.1} apart,
 * which a double subtraction gets wrong) and integers beyond 2^53 are not rounded together.
 * {@code 1} and {@code 1.0} are the same number.
 */
final class Tolerance {
    /**
     * 34 significant digits: far beyond a double's 17, so rounding never decides a comparison of
     * model outputs; and a bounded precision keeps 1e999999999 minus 1 from expanding to a
     * billion digits (BigDecimal aligns such far-apart operands without writing them out).
     */
    private static final MathContext PRECISION = MathContext.DECIMAL128;

    private final double absolute;
    private final double relative;
    private final BigDecimal absoluteDecimal;
    private final BigDecimal relativeDecimal;

    Tolerance(double absolute, double relative) {
        if (!(absolute >= 0 && relative >= 0) || Double.isInfinite(absolute) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException("tolerance: absolute " + absolute + ", relative " + relative
                    + " (expected: finite and >= 0)");
        }
        this.absolute = absolute;
        this.relative = relative;
        // valueOf goes through Double.toString: 0.1 in the config means the decimal 0.1.
        this.absoluteDecimal = BigDecimal.valueOf(absolute);
        this.relativeDecimal = BigDecimal.valueOf(relative);
    }

    boolean matches(JsonNode stable, JsonNode candidate) {
        BigDecimal a = stable.decimalValue();
        BigDecimal b = candidate.decimalValue();
        if (a.compareTo(b) == 0) {
            return true;
        }
        if (absolute == 0 && relative == 0) {
            return false;
        }
        try {
            BigDecimal difference = a.subtract(b, PRECISION).abs();
            BigDecimal allowed = absoluteDecimal.add(relativeDecimal.multiply(a.abs().max(b.abs()), PRECISION),
                    PRECISION);
            return difference.compareTo(allowed) <= 0;
        } catch (ArithmeticException e) {
            // Only an exponent near Integer.MIN/MAX_VALUE (1e-2147483647) overflows the scale.
            return matchesAsDoubles(a.doubleValue(), b.doubleValue());
        }
    }

    /** Outside the decimal range; unequal numbers that are both beyond the double range never match. */
    private boolean matchesAsDoubles(double a, double b) {
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            return false;
        }
        return Math.abs(a - b) <= absolute + relative * Math.max(Math.abs(a), Math.abs(b));
    }
}
