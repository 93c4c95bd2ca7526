package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Locale;

/**
 * One way the candidate's answer differs from the stable one, at one place.
 *
 * <p>The path is an RFC 6901 JSON Pointer ({@code ~} written {@code ~0}, {@code /} written
 * {@code ~1}) relative to the root of the response, so it can be pasted into {@code ignore}. The
 * one exception is Open Inference Protocol V2 outputs, which are matched by name and reported as
 * {@code /outputs/<name>/...}; see the package documentation.
 *
 * <p>A side that has no value there is {@link MissingNode}, never {@code null}. The nodes are
 * copies, already redacted by the {@code redact} pointers; treat them as read-only.
 *
 * @param path where the difference is
 * @param kind what kind of difference it is
 * @param stable the stable side's value there (for {@link Kind#LENGTH} the array size, for
 *     {@link Kind#STATUS} the status code)
 * @param candidate the candidate side's value there, as for {@code stable}
 */
public record Difference(String path, Kind kind, JsonNode stable, JsonNode candidate) {
    /** The closed set of difference kinds; {@link #label()} is the metric label. */
    public enum Kind {
        /** The status classes (2xx, 3xx, 4xx, 5xx) differ; path {@code ""}, bodies not compared. */
        STATUS,
        /** Same type, different value (numbers beyond tolerance); also unequal non-JSON bodies at {@code ""}. */
        VALUE,
        /** Different JSON types, e.g. a number on one side and a string on the other. */
        TYPE,
        /** Present in the stable answer only. */
        MISSING,
        /** Present in the candidate answer only. */
        EXTRA,
        /** Arrays of different sizes; their common prefix is still compared element by element. */
        LENGTH,
        /**
         * A scored text (or vector) less similar than the route's threshold, at its path ({@code ""}
         * for a whole plain-text body); each side's value is an object with a preview of its text
         * (or its vector's dimension and first components), the pair's {@code score} and the
         * {@code metric}.
         */
        SIMILARITY;

        /** The kind in lowercase, for metric labels and JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Difference {
        requireNonNull(path, "path");
        requireNonNull(kind, "kind");
        // Copies, so a stored difference never pins or shares the parsed answer's mutable tree.
        stable = requireNonNull(stable, "stable").deepCopy();
        candidate = requireNonNull(candidate, "candidate").deepCopy();
    }

    /** A status class difference between two status codes. */
    static Difference status(int stable, int candidate) {
        return new Difference("", Kind.STATUS, IntNode.valueOf(stable), IntNode.valueOf(candidate));
    }

    /** The path with array indices replaced by {@code *}, a low-cardinality metric label. */
    public String collapsedPath() {
        return JsonPointers.collapse(path);
    }
}
