package io.shadowgate.compare;

/**
 * What the noise baseline says of one collapsed path, as of now. The gate counts a difference on
 * a {@link #NOISY} path as no difference, never rolls back on differences it cannot yet tell from
 * noise ({@link #UNDECIDED}), and counts a difference on a {@link #QUIET} path against the
 * candidate, as every difference was counted before noise was measured.
 */
public enum PathNoise {
    /** Stable differs from itself here more often than the floor, at the gates' confidence. */
    NOISY,
    /**
     * Stable may differ from itself here more often than the floor: it was seen to differ here but
     * not yet often enough to say, or the baseline is too young to have seen it at all.
     */
    UNDECIDED,
    /** Stable differs from itself here no more often than the floor, or noise is not measured. */
    QUIET
}
