package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * What one mirrored request told about one candidate next to stable, whichever of the two
 * answered the client: the one record every consumer takes (the shadow metrics, the match-rate
 * window, the rollout's evidence). Built once, on the comparison thread, when all the request's
 * legs are in.
 *
 * @param route the request's path, without its query
 * @param candidate the candidate's name
 * @param stable how stable's leg ended
 * @param candidateLeg how the candidate's leg ended
 * @param candidateServed the candidate answered the client (timed by the proxy) and stable got the
 *     copy (timed by the mirror's client); false the other way round
 * @param result what the comparison of the two answers found
 * @param noiseNanos the latency of a stable noise copy sent together with the request's copy and
 *     answered without error, else 0
 * @param secondNoiseNanos the latency of a second such copy sent with the first, else 0: the two
 *     time stable against itself
 * @param similarity the scores of a route compared by similarity, else {@link Similarity#NONE}
 */
public record Outcome(String route, String candidate, Leg stable, Leg candidateLeg, boolean candidateServed,
                      Result result, long noiseNanos, long secondNoiseNanos, Similarity similarity) {
    /** An outcome of a route not compared by similarity. */
    public Outcome(String route, String candidate, Leg stable, Leg candidateLeg, boolean candidateServed,
                   Result result, long noiseNanos, long secondNoiseNanos) {
        this(route, candidate, stable, candidateLeg, candidateServed, result, noiseNanos, secondNoiseNanos,
                Similarity.NONE);
    }

    public Outcome {
        requireNonNull(similarity, "similarity");
        requireNonNull(route, "route");
        requireNonNull(candidate, "candidate");
        requireNonNull(stable, "stable");
        requireNonNull(candidateLeg, "candidateLeg");
        requireNonNull(result, "result");
        if (!(result instanceof NotCompared) && !(stable.answered() && candidateLeg.answered())) {
            throw new IllegalArgumentException(result.kind().label() + " needs both answers, got " + stable.end()
                    + " and " + candidateLeg.end());
        }
        if (noiseNanos < 0 || secondNoiseNanos < 0) {
            throw new IllegalArgumentException("noise latencies " + noiseNanos + ", " + secondNoiseNanos
                    + " (expected: >= 0)");
        }
    }

    /** Both legs ended in a way that says whether the upstream erred: the request counts for the error gate. */
    public boolean definitive() {
        return stable.definitive() && candidateLeg.definitive();
    }

    /** Both answered without error: their latencies say how fast each scores. */
    public boolean timed() {
        return stable.answered() && candidateLeg.answered() && !stable.error() && !candidateLeg.error();
    }

    /**
     * The similarity scores of one request, each in [0, 1] or NaN when there is none.
     *
     * @param candidate the candidate's answer against stable's
     * @param noise a stable noise copy's answer against stable's, on the same request: stable against
     *     itself, the score a candidate identical to stable would get on it
     */
    public record Similarity(double candidate, double noise) {
        /** No scores: the route is not compared by similarity, or its answers were not compared. */
        public static final Similarity NONE = new Similarity(Double.NaN, Double.NaN);

        public Similarity {
            if (!Double.isNaN(candidate) && !(candidate >= 0 && candidate <= 1)
                    || !Double.isNaN(noise) && !(noise >= 0 && noise <= 1)) {
                throw new IllegalArgumentException("scores " + candidate + ", " + noise + " (expected: 0..1 or NaN)");
            }
        }

        public boolean scored() {
            return !Double.isNaN(candidate);
        }

        /** Both scores: the request pairs the candidate's score with stable's own. */
        public boolean paired() {
            return !Double.isNaN(candidate) && !Double.isNaN(noise);
        }
    }

    /** How one side's leg of the request ended. */
    public enum End {
        /** An HTTP answer arrived (any status). */
        ANSWERED,
        /** The connection failed or the answer was not HTTP. */
        FAILED,
        /** No answer within the upstream's timeout. */
        TIMED_OUT,
        /** Says nothing about the upstream: shed, over the size limit as received, or the client went away. */
        UNKNOWN
    }

    /**
     * One side's leg.
     *
     * @param end how it ended
     * @param status the HTTP status when it answered, else 0
     * @param nanos from dispatch to the last byte when it answered, at least 1; else 0
     */
    public record Leg(End end, int status, long nanos) {
        public Leg {
            requireNonNull(end, "end");
            if ((end == End.ANSWERED) != (status > 0) || (end == End.ANSWERED) != (nanos > 0)) {
                throw new IllegalArgumentException("leg " + end + " with status " + status + " and " + nanos
                        + " ns (expected: a status and a latency exactly when answered)");
            }
        }

        /** An answer; a latency of 0 (below the clock's resolution) counts as 1 ns. */
        public static Leg answered(int status, long nanos) {
            if (nanos < 0) {
                throw new IllegalArgumentException("latency " + nanos + " ns (expected: >= 0)");
            }
            return new Leg(End.ANSWERED, status, Math.max(nanos, 1));
        }

        public static Leg ended(End end) {
            if (end == End.ANSWERED) {
                throw new IllegalArgumentException("an answered leg has a status: use answered()");
            }
            return new Leg(end, 0, 0);
        }

        public boolean answered() {
            return end == End.ANSWERED;
        }

        /** Ended in a way that says whether the upstream erred. */
        public boolean definitive() {
            return end != End.UNKNOWN;
        }

        /** A 5xx answer, a timeout or a failed connection. */
        public boolean error() {
            return end == End.FAILED || end == End.TIMED_OUT || end == End.ANSWERED && status >= 500;
        }

        /** {@code 2xx}, {@code 5xx}, ... when it answered; else the way it ended, e.g. {@code timed_out}. */
        public String statusClass() {
            return answered() ? status / 100 + "xx" : end.name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the comparison found: a closed set, each with the label metrics use. */
    public enum Kind {
        MATCH, NOISY, MISMATCH, NOT_COMPARED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The comparison's result. */
    public sealed interface Result permits Match, Noisy, Mismatch, NotCompared {
        Kind kind();
    }

    /** The answers agree. */
    public record Match() implements Result {
        @Override
        public Kind kind() {
            return Kind.MATCH;
        }
    }

    /**
     * The answers differed only on paths the noise baseline called noise when they were compared.
     * The rollout classifies {@code paths} again on each judgement, with what the baseline knows then.
     */
    public record Noisy(MismatchPaths paths) implements Result {
        public Noisy {
            requireNonNull(paths, "paths");
        }

        @Override
        public Kind kind() {
            return Kind.NOISY;
        }
    }

    /**
     * The answers differ.
     *
     * @param paths where, for the rollout to tell noise from a real difference when it judges;
     *     {@link MismatchPaths#UNKNOWN} when that cannot be said
     * @param differences the differences kept (at most the comparer's limit)
     */
    public record Mismatch(MismatchPaths paths, List<Difference> differences) implements Result {
        public Mismatch {
            requireNonNull(paths, "paths");
            differences = List.copyOf(differences);
        }

        @Override
        public Kind kind() {
            return Kind.MISMATCH;
        }
    }

    /**
     * Not compared: a side failed or erred, or an answer was over the size limit.
     *
     * @param reason why, for logs
     */
    public record NotCompared(String reason) implements Result {
        public NotCompared {
            requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.NOT_COMPARED;
        }
    }
}
