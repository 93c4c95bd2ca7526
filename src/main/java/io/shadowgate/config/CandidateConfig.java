package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One candidate deployment: the requests mirrored to it are compared with stable's answers on
 * their own, and its metrics carry its name in a {@code candidate} label. The rollout drives one
 * of them ({@code rollout.candidate}); the others are only ever shadows.
 *
 * @param name lowercase letters, digits and {@code -}; also the {@code upstream} and
 *     {@code candidate} label of its metrics, so never {@code stable}
 * @param upstream where it listens and how to talk to it
 * @param shadowPercent share of requests mirrored to it, 0..100, drawn independently of the others
 */
public record CandidateConfig(String name, UpstreamConfig upstream, double shadowPercent) {
    /** The name the {@code candidate:} shorthand gives its one candidate; also the metrics' old upstream label. */
    public static final String SHORTHAND_NAME = "candidate";
    /** What a name may look like: a label value, a query parameter and a JSON key without escaping. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    /** Taken by the stable upstream's label. */
    static final String RESERVED_NAME = "stable";

    public CandidateConfig {
        requireNonNull(name, "name");
        requireNonNull(upstream, "upstream");
        if (!validName(name)) {
            throw new IllegalArgumentException("name: \"" + name + "\" (expected: " + NAME_EXPECTED + ")");
        }
        if (!(shadowPercent >= 0 && shadowPercent <= 100)) {
            throw new IllegalArgumentException("shadowPercent: " + shadowPercent + " (expected: 0..100)");
        }
    }

    static final String NAME_EXPECTED = "lowercase letters, digits and -, at most 32, not starting with -,"
            + " and not \"stable\"";

    static boolean validName(String name) {
        return NAME.matcher(name).matches() && !RESERVED_NAME.equals(name);
    }
}
