package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.shadowgate.config.CompareConfig;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * When two JSON numbers match: {@code |a-b| <= abs + rel * max(|a|,|b|)}, computed in decimal
 * so the boundary holds as written ({@code 1.0} and {@code 1.1} are exactly {@code 0.1} apart,
 * which a double subtraction gets wrong) and integers beyond 2^53 are not rounded together.
 * {@code 1} and {@code 1.0} are the same number.
 *
 * <p>Numbers under a path of {@code compare.tolerance} use that path's absolute tolerance instead
 * (the relative one stays): the first pattern, in the order written, that names the number or one
 * of its ancestors decides, as {@link #at} finds.
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
    /** The per-path tolerances, in the order written; each has no per-path tolerances of its own. */
    private final List<PathPattern> patterns;
    private final List<Tolerance> byPattern;

    Tolerance(double absolute, double relative) {
        this(absolute, relative, Map.of());
    }

    /** {@code pathAbsolutes}: pointer ({@code *} any index or key) to the absolute tolerance there, in order. */
    Tolerance(double absolute, double relative, Map<String, Double> pathAbsolutes) {
        if (!(absolute >= 0 && relative >= 0) || Double.isInfinite(absolute) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException("tolerance: absolute " + absolute + ", relative " + relative
                    + " (expected: finite and >= 0)");
        }
        this.absolute = absolute;
        this.relative = relative;
        // valueOf goes through Double.toString: 0.1 in the config means the decimal 0.1.
        this.absoluteDecimal = BigDecimal.valueOf(absolute);
        this.relativeDecimal = BigDecimal.valueOf(relative);
        List<PathPattern> compiled = new ArrayList<>();
        List<Tolerance> tolerances = new ArrayList<>();
        pathAbsolutes.forEach((pointer, pathAbsolute) -> {
            compiled.add(PathPattern.compile(pointer));
            tolerances.add(new Tolerance(pathAbsolute, relative));
        });
        this.patterns = List.copyOf(compiled);
        this.byPattern = List.copyOf(tolerances);
    }

    /** The configuration's tolerances. */
    static Tolerance of(CompareConfig config) {
        return new Tolerance(config.absoluteTolerance(), config.relativeTolerance(), config.pathTolerances());
    }

    /** The tolerance for the numbers at {@code path}: the first per-path one that covers it, else this. */
    Tolerance at(NodePath path) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).coversOrIsAbove(path)) {
                return byPattern.get(i);
            }
        }
        return this;
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
