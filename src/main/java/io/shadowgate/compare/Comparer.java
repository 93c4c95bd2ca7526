package io.shadowgate.compare;

/**
 * Compares one route's two answers: a pure function of the answers and the route's settings, safe
 * on every thread. Answers that are streams are assembled first (see the package documentation),
 * so a comparer always sees whole answers.
 */
public interface Comparer {
    Comparison compare(Answer stable, Answer candidate);

    /** Blanks configured paths in stored mismatch samples. */
    Redactor redactor();
}
