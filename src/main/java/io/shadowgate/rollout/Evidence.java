package io.shadowgate.rollout;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.MismatchPaths;
import io.shadowgate.compare.PathNoise;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A stage's evidence as a value: the counts per result, the similarity score sums, the mismatches
 * by the set of paths they differed on, and one HdrHistogram per {@link Timing}. Two values
 * {@link #merge} exactly (counts add, histograms add bucket by bucket; the score sums are doubles,
 * exact up to the order of rounding), so the evidence of several replicas, or of several windows of
 * one, sums to what one window would have seen; {@link #encode()} writes it
 * compactly for a replica to publish and {@link #decode} reads it back. The gates never read it
 * directly: {@link #judged} turns it into the {@link StageEvidence} they judge, with the noise
 * baseline's view of each mismatch path at that moment.
 *
 * <p>Immutable: the histograms are copies no one else holds, and are never recorded into again.
 */
public final class Evidence {
    /** Which latencies a histogram holds: who timed them, and in which construction (see {@link LatencyPath}). */
    public enum Timing {
        /** Stable's answers to clients, timed by the proxy. */
        STABLE_BY_PROXY,
        /** The candidate's answers to clients (canary stages), timed by the proxy. */
        CANDIDATE_BY_PROXY,
        /** The candidate's copies of requests stable served, timed by the mirror's client. */
        CANDIDATE_BY_MIRROR,
        /** The candidate's copy sent together with a stable noise copy of the same request. */
        CANDIDATE_COPY,
        /** That stable noise copy. */
        STABLE_NOISE_WITH_CANDIDATE,
        /** One of two copies to stable of one request, sent together: stable against itself. */
        STABLE_COPY,
        /** The other of those two. */
        STABLE_NOISE_WITH_STABLE
    }

    /** Format of {@link #encode()}; a reader refuses any other (1 had no paired similarity scores). */
    private static final byte VERSION = 2;
    private static final Evidence EMPTY = new Evidence(Counts.NONE, Map.of(), new EnumMap<>(Timing.class));

    private final Counts counts;
    private final Map<MismatchPaths, Long> mismatches;
    private final EnumMap<Timing, Histogram> latencies;

    /**
     * The counters of a stage.
     *
     * @param paired mirrored requests with a definitive outcome on both sides
     * @param stableErrors of those, the stable erred on this many
     * @param candidateErrors of those, the candidate erred on this many
     * @param comparisons pairs whose answers were compared
     * @param matches comparisons that agreed outright (mismatches later found noisy are not in it)
     * @param scored comparisons that yielded a similarity score (of the candidate against stable)
     * @param scoreSum the sum of those scores, each in [0, 1]
     * @param pairedScores of the scored, those with stable's own score on the same request (a noise copy)
     * @param scoreDifferenceSum the sum of {@code d = candidate score - stable's own score} over those
     * @param scoreDifferenceSquares the sum of {@code d * d}: with the sum, the differences' variance
     * @param noiseScoreSum the sum of stable's own scores over those
     */
    public record Counts(long paired, long stableErrors, long candidateErrors, long comparisons, long matches,
                         long scored, double scoreSum, long pairedScores, double scoreDifferenceSum,
                         double scoreDifferenceSquares, double noiseScoreSum) {
        static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);

        public Counts {
            if (paired < 0 || stableErrors < 0 || candidateErrors < 0 || comparisons < 0 || matches < 0 || scored < 0
                    || !(scoreSum >= 0) || pairedScores < 0 || !(scoreDifferenceSquares >= 0)
                    || !(noiseScoreSum >= 0) || !Double.isFinite(scoreDifferenceSum)) {
                throw new IllegalArgumentException("negative count in " + this);
            }
        }

        /** Counts without stable's own scores. */
        public Counts(long paired, long stableErrors, long candidateErrors, long comparisons, long matches,
                      long scored, double scoreSum) {
            this(paired, stableErrors, candidateErrors, comparisons, matches, scored, scoreSum, 0, 0, 0, 0);
        }

        Counts plus(Counts other) {
            return new Counts(paired + other.paired, stableErrors + other.stableErrors,
                    candidateErrors + other.candidateErrors, comparisons + other.comparisons, matches + other.matches,
                    scored + other.scored, scoreSum + other.scoreSum, pairedScores + other.pairedScores,
                    scoreDifferenceSum + other.scoreDifferenceSum,
                    scoreDifferenceSquares + other.scoreDifferenceSquares, noiseScoreSum + other.noiseScoreSum);
        }

        /** The similarity scores, as the gate judges them. */
        SimilarityEvidence similarity() {
            return new SimilarityEvidence(scored, scoreSum, pairedScores, scoreDifferenceSum, scoreDifferenceSquares,
                    noiseScoreSum);
        }
    }

    /** Takes ownership of the histograms: the caller must not record into them again. */
    Evidence(Counts counts, Map<MismatchPaths, Long> mismatches, EnumMap<Timing, Histogram> latencies) {
        this.counts = requireNonNull(counts, "counts");
        this.mismatches = Collections.unmodifiableMap(new HashMap<>(mismatches));
        this.latencies = latencies;
    }

    /** No traffic yet. */
    public static Evidence empty() {
        return EMPTY;
    }

    public Counts counts() {
        return counts;
    }

    /** Mismatches by where they differed (those whose paths are unknown are not kept here). */
    public Map<MismatchPaths, Long> mismatches() {
        return mismatches;
    }

    /** How many latencies of this timing were recorded. */
    public long latencies(Timing timing) {
        Histogram histogram = latencies.get(timing);
        return histogram == null ? 0 : histogram.getTotalCount();
    }

    /** The sum of both: counts added, mismatch sets added (up to {@link EvidenceWindow#MAX_PATH_SETS}), histograms merged. */
    public Evidence merge(Evidence other) {
        requireNonNull(other, "other");
        Map<MismatchPaths, Long> paths = new HashMap<>(mismatches);
        other.mismatches.forEach((key, count) -> {
            if (paths.size() < EvidenceWindow.MAX_PATH_SETS || paths.containsKey(key)) {
                paths.merge(key, count, Long::sum);
            }
        });
        EnumMap<Timing, Histogram> merged = new EnumMap<>(Timing.class);
        for (Timing timing : Timing.values()) {
            Histogram mine = latencies.get(timing);
            Histogram theirs = other.latencies.get(timing);
            if (mine != null || theirs != null) {
                Histogram sum = LatencyHistogram.newHistogram();
                if (mine != null) {
                    sum.add(mine);
                }
                if (theirs != null) {
                    sum.add(theirs);
                }
                merged.put(timing, sum);
            }
        }
        return new Evidence(counts.plus(other.counts), paths, merged);
    }

    /**
     * The evidence as the gates judge it: the mismatches whose paths are all noisy (as
     * {@code noise} says now) counted as noisy matches and those with no quiet path as undecided;
     * the like-for-like latencies with more pairs (each side's answers, timed by the proxy, on a
     * tie), or {@link LatencyPath#NONE}; stable by the proxy next to the candidate by the mirror;
     * and stable against itself.
     */
    public StageEvidence judged(Function<String, PathNoise> noise) {
        long noisy = 0;
        long undecided = 0;
        for (Map.Entry<MismatchPaths, Long> entry : mismatches.entrySet()) {
            PathNoise mismatch = entry.getKey().noise(noise);
            if (mismatch == PathNoise.NOISY) {
                noisy += entry.getValue();
            } else if (mismatch == PathNoise.UNDECIDED) {
                undecided += entry.getValue();
            }
        }
        long byProxy = Math.min(latencies(Timing.STABLE_BY_PROXY), latencies(Timing.CANDIDATE_BY_PROXY));
        long byMirror = Math.min(latencies(Timing.CANDIDATE_COPY), latencies(Timing.STABLE_NOISE_WITH_CANDIDATE));
        boolean untimed = latencies(Timing.STABLE_BY_PROXY) + latencies(Timing.CANDIDATE_BY_PROXY)
                + latencies(Timing.CANDIDATE_BY_MIRROR) == 0;
        LatencyPath path = byProxy == 0 && byMirror == 0 ? (untimed ? LatencyPath.PROXY : LatencyPath.NONE)
                : byProxy >= byMirror ? LatencyPath.PROXY : LatencyPath.MIRROR;
        LatencyPairs alike = switch (path) {
            case PROXY -> pair(Timing.STABLE_BY_PROXY, Timing.CANDIDATE_BY_PROXY);
            case MIRROR -> pair(Timing.STABLE_NOISE_WITH_CANDIDATE, Timing.CANDIDATE_COPY);
            case NONE -> LatencyPairs.empty();
        };
        LatencyPairs otherAlike = switch (path) {
            case PROXY -> pair(Timing.STABLE_NOISE_WITH_CANDIDATE, Timing.CANDIDATE_COPY);
            case MIRROR -> pair(Timing.STABLE_BY_PROXY, Timing.CANDIDATE_BY_PROXY);
            case NONE -> LatencyPairs.empty();
        };
        return new StageEvidence(counts.paired(), counts.stableErrors(), counts.candidateErrors(),
                counts.comparisons(), counts.matches() + noisy, alike.first(), alike.second(), path,
                distribution(Timing.STABLE_BY_PROXY), distribution(Timing.CANDIDATE_BY_MIRROR),
                pair(Timing.STABLE_COPY, Timing.STABLE_NOISE_WITH_STABLE), noisy, undecided, otherAlike,
                counts.similarity());
    }

    private LatencyPairs pair(Timing first, Timing second) {
        return new LatencyPairs(distribution(first), distribution(second));
    }

    private LatencyDistribution distribution(Timing timing) {
        Histogram histogram = latencies.get(timing);
        return histogram == null ? LatencyDistribution.empty() : LatencyHistogram.distributionOf(histogram);
    }

    /**
     * The evidence in a few hundred bytes to a few kilobytes: a version byte, the counts, the
     * mismatch path sets with their counts, and each timing's histogram in HdrHistogram's
     * compressed form.
     */
    public byte[] encode() {
        List<byte[]> histograms = new ArrayList<>();
        int size = 1 + 7 * Long.BYTES + 4 * Double.BYTES + Integer.BYTES;
        for (Map.Entry<MismatchPaths, Long> entry : mismatches.entrySet()) {
            size += Long.BYTES + Integer.BYTES;
            for (String path : entry.getKey().paths()) {
                size += Integer.BYTES + path.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        size += Integer.BYTES;
        for (Map.Entry<Timing, Histogram> entry : latencies.entrySet()) {
            ByteBuffer compressed = ByteBuffer.allocate(entry.getValue().getNeededByteBufferCapacity());
            int length = entry.getValue().encodeIntoCompressedByteBuffer(compressed);
            byte[] bytes = new byte[length];
            compressed.flip().get(bytes);
            histograms.add(bytes);
            size += 1 + Integer.BYTES + length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION);
        out.putLong(counts.paired()).putLong(counts.stableErrors()).putLong(counts.candidateErrors())
                .putLong(counts.comparisons()).putLong(counts.matches()).putLong(counts.scored())
                .putDouble(counts.scoreSum()).putLong(counts.pairedScores()).putDouble(counts.scoreDifferenceSum())
                .putDouble(counts.scoreDifferenceSquares()).putDouble(counts.noiseScoreSum());
        out.putInt(mismatches.size());
        mismatches.forEach((paths, count) -> {
            out.putLong(count).putInt(paths.paths().size());
            for (String path : paths.paths()) {
                byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
                out.putInt(utf8.length).put(utf8);
            }
        });
        out.putInt(latencies.size());
        int next = 0;
        for (Timing timing : latencies.keySet()) {
            byte[] bytes = histograms.get(next++);
            out.put((byte) timing.ordinal()).putInt(bytes.length).put(bytes);
        }
        return out.array();
    }

    /**
     * Reads what {@link #encode()} wrote.
     *
     * @throws IllegalArgumentException naming what is wrong, when the bytes are not such evidence
     */
    public static Evidence decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(requireNonNull(bytes, "bytes"));
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("evidence format " + version + " (expected: " + VERSION + ")");
            }
            Counts counts = new Counts(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                    in.getLong(), in.getDouble(), in.getLong(), in.getDouble(), in.getDouble(), in.getDouble());
            int sets = nonNegative(in.getInt(), "mismatch path sets");
            Map<MismatchPaths, Long> mismatches = new HashMap<>();
            for (int i = 0; i < sets; i++) {
                long count = in.getLong();
                int n = nonNegative(in.getInt(), "paths");
                List<String> paths = new ArrayList<>(n);
                for (int j = 0; j < n; j++) {
                    byte[] utf8 = new byte[nonNegative(in.getInt(), "path length")];
                    in.get(utf8);
                    paths.add(new String(utf8, StandardCharsets.UTF_8));
                }
                mismatches.put(MismatchPaths.of(paths), count);
            }
            int timings = nonNegative(in.getInt(), "histograms");
            EnumMap<Timing, Histogram> latencies = new EnumMap<>(Timing.class);
            for (int i = 0; i < timings; i++) {
                int ordinal = in.get();
                if (ordinal < 0 || ordinal >= Timing.values().length) {
                    throw new IllegalArgumentException("timing " + ordinal + " (expected: 0.." + (Timing.values().length - 1) + ")");
                }
                byte[] compressed = new byte[nonNegative(in.getInt(), "histogram length")];
                in.get(compressed);
                latencies.put(Timing.values()[ordinal],
                        Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the evidence");
            }
            return new Evidence(counts, mismatches, latencies);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("evidence cut short at byte " + in.position(), e);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupt latency histogram: " + e.getMessage(), e);
        }
    }

    private static int nonNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + ": " + value + " (expected: >= 0)");
        }
        return value;
    }

    /** Equal counts, mismatch sets and latency histograms (bucket by bucket). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Evidence that && counts.equals(that.counts) && mismatches.equals(that.mismatches)
                && latencies.equals(that.latencies);
    }

    @Override
    public int hashCode() {
        return counts.hashCode() * 31 + mismatches.hashCode();
    }

    @Override
    public String toString() {
        return "Evidence[" + counts + ", " + mismatches.size() + " mismatch path sets, latencies "
                + latencies.keySet() + "]";
    }
}
