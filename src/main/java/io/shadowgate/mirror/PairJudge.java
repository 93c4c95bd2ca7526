package io.shadowgate.mirror;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.BodyHeaders;
import io.shadowgate.compare.Comparison;
import io.shadowgate.compare.Difference;
import io.shadowgate.evidence.MatchRateWindow;
import io.shadowgate.evidence.MismatchLog;
import io.shadowgate.compare.MismatchSample;
import io.shadowgate.evidence.NoisyPaths;
import io.shadowgate.evidence.RouteNoise;
import io.shadowgate.compare.EmbeddingUnavailable;
import io.shadowgate.config.LatencyMeasure;
import io.shadowgate.config.RouteConfig;
import io.shadowgate.compare.Outcome;
import io.shadowgate.metrics.ShadowOutcome;
import io.shadowgate.metrics.ShadowRecorder;
import io.shadowgate.metrics.UpstreamRecorder;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a mirrored request once all its legs are in: decides its outcome, undoes both answers'
 * content codings (a pair that decodes past the size limit is skipped), assembles streamed answers
 * into whole ones and times their tokens, compares stable's answer with the candidate's by the
 * request's route when both arrived (whichever of them served the client), records everything
 * (metrics, the match-rate window, mismatch samples, the route's noise baseline) and hands the
 * rollout its evidence, with the similarity scores of a scored route and the latencies the latency
 * gate measures. A stream that cannot be read as its route's format says counts as an error of its
 * side, never as a comparison. A comparison that differs only on paths {@link NoisyPaths} calls noise is
 * counted as {@code noisy}, as a match in the match-rate window, and keeps no mismatch sample; the
 * rollout gets where it differed and decides for itself, with the classification of its tick.
 * Runs on the single comparison thread, never on an event loop. Whatever
 * happens, the request ends with exactly one outcome, its buffers are released and its in-flight
 * permit is returned.
 */
final class PairJudge {
    private static final Logger log = LoggerFactory.getLogger(PairJudge.class);
    private static final double NANOS_PER_MILLI = 1e6;

    private final RouteComparers comparers;
    private final ShadowRecorder recorder;
    private final MatchRateWindow window;
    private final MismatchLog mismatches;
    private final RouteNoise noise;
    private final InFlightLimit limit;
    private final Consumer<Outcome> evidence;
    private final BodyDecoder decoder;
    private final int sampleRequestBytes;
    private final String candidateName;
    private final LatencyMeasure measure;
    private final StreamLegs streams;

    PairJudge(Settings settings, RouteComparers comparers, ShadowRecorder recorder, MatchRateWindow window,
              MismatchLog mismatches, RouteNoise noise, InFlightLimit limit, Consumer<Outcome> evidence,
              StreamLegs streams) {
        this.candidateName = requireNonNull(settings.candidateName(), "candidateName");
        this.decoder = requireNonNull(settings.decoder(), "decoder");
        this.sampleRequestBytes = settings.sampleRequestBytes();
        this.measure = requireNonNull(settings.measure(), "measure");
        this.comparers = requireNonNull(comparers, "comparers");
        this.recorder = requireNonNull(recorder, "recorder");
        this.window = requireNonNull(window, "window");
        this.mismatches = requireNonNull(mismatches, "mismatches");
        this.noise = requireNonNull(noise, "noise");
        this.limit = requireNonNull(limit, "limit");
        this.evidence = requireNonNull(evidence, "evidence");
        this.streams = requireNonNull(streams, "streams");
    }

    /**
     * The judge's fixed settings.
     *
     * @param candidateName the candidate's name, on every outcome
     * @param decoder undoes content codings, within the size limit
     * @param sampleRequestBytes the most of a request body a mismatch sample keeps
     * @param measure which latency of each leg the rollout's latency gate compares
     */
    record Settings(String candidateName, BodyDecoder decoder, int sampleRequestBytes, LatencyMeasure measure) {}

    void judge(MirroredRequest pair, RouteConfig route) {
        String label = route.label();
        ShadowOutcome outcome = ShadowOutcome.SKIPPED;
        try {
            RouteComparers.RouteComparer comparer = comparers.of(label);
            LegResult primary = pair.primary();
            LegResult shadow = pair.shadow();
            LegResult stable = pair.candidateServes ? shadow : primary;
            LegResult candidate = pair.candidateServes ? primary : shadow;
            outcome = outcome(primary, shadow);
            LegResult noiseLeg = pair.noise();
            boolean noiseCompared = noiseLeg != null && noiseLeg.answered() && stable.answered();
            // Stable's answer is decoded once, for both of its comparisons.
            DecodedBody stableBody = noiseCompared || outcome == ShadowOutcome.COMPARED
                    ? ComparedBodies.decode(decoder, stable, recorder) : null;
            double noiseScore = Double.NaN;
            if (noiseCompared) {
                // Before the candidate's comparison, so that what this request shows of stable's
                // noise already counts for it (with noisePercent 100, from the very first request).
                noiseScore = compareNoise(pair, label, comparer, stable, stableBody, noiseLeg);
            }
            Outcome.Result result = new Outcome.NotCompared(outcome.label());
            Outcome.Leg stableOutcome = leg(stable, stable.nanos());
            Outcome.Leg candidateOutcome = leg(candidate, candidate.nanos());
            double score = Double.NaN;
            if (outcome == ShadowOutcome.COMPARED) {
                ComparedBodies bodies = ComparedBodies.of(stable, stableBody, candidate,
                        ComparedBodies.decode(decoder, candidate, recorder), Mirror.CANDIDATE);
                if (bodies.skipped()) {
                    outcome = ShadowOutcome.SKIPPED;
                    result = new Outcome.NotCompared(bodies.tooLarge());
                    log.info("[{}] not compared: {}", pair.requestId, bodies.tooLarge());
                } else {
                    PreparedAnswer stableAnswer = prepare(stable, bodies.stable(), comparer);
                    PreparedAnswer candidateAnswer = prepare(candidate, bodies.candidate(), comparer);
                    interToken(streams.stable(pair.candidateServes), stableAnswer);
                    interToken(streams.candidate(pair.candidateServes), candidateAnswer);
                    if (stableAnswer.malformed().isPresent() || candidateAnswer.malformed().isPresent()) {
                        outcome = ShadowOutcome.ERROR;
                        result = new Outcome.NotCompared("malformed stream");
                        stableOutcome = malformed(stable, stableAnswer, pair, Mirror.STABLE);
                        candidateOutcome = malformed(candidate, candidateAnswer, pair, Mirror.CANDIDATE);
                    } else {
                        stableOutcome = leg(stable, stableAnswer.latency(stable, measure));
                        candidateOutcome = leg(candidate, candidateAnswer.latency(candidate, measure));
                        Comparison comparison = compare(comparer, stableAnswer, candidateAnswer, pair);
                        if (comparison == null) {
                            outcome = ShadowOutcome.SKIPPED;
                            result = new Outcome.NotCompared("comparison unavailable");
                        } else {
                            result = judged(pair, label, stable, candidate, bodies, comparison);
                            score = comparison.score().orElse(Double.NaN);
                        }
                    }
                }
            } else if (outcome == ShadowOutcome.TIMEOUT || outcome == ShadowOutcome.ERROR) {
                // The shadow's failures never reach a client, so INFO, not WARN: one line each to find them by id.
                log.info("[{}] shadow request failed ({}): {}", pair.requestId, outcome.label(), shadow.error());
            } else {
                log.debug("[{}] shadow not compared ({}): {}", pair.requestId, outcome.label(),
                        shadow.answered() ? primary.error() : shadow.error());
            }
            Outcome.Similarity similarity = Double.isNaN(score) ? Outcome.Similarity.NONE
                    : new Outcome.Similarity(score, noiseScore);
            evidence.accept(new Outcome(label, candidateName, stableOutcome, candidateOutcome, pair.candidateServes,
                    result, timed(noiseLeg, comparer), timed(pair.secondNoise(), comparer), similarity));
        } catch (RuntimeException e) {
            outcome = ShadowOutcome.SKIPPED;
            log.warn("[{}] comparison failed; counted as skipped", pair.requestId, e);
        } finally {
            recorder.ended(label, outcome);
            pair.release();
            limit.release();
        }
    }

    /** Ends a pair that can no longer be judged (the comparison thread is gone: shutdown). */
    void abandon(MirroredRequest pair, RouteConfig route) {
        recorder.ended(route.label(), ShadowOutcome.SKIPPED);
        pair.release();
        limit.release();
    }

    /** Compares stable with its noise copy, feeds the route's baseline, and gives the copy's score (NaN if none). */
    private double compareNoise(MirroredRequest pair, String label, RouteComparers.RouteComparer comparer,
                                LegResult stable, DecodedBody stableBody, LegResult noiseLeg) {
        ComparedBodies bodies = ComparedBodies.of(stable, stableBody, noiseLeg,
                ComparedBodies.decode(decoder, noiseLeg, recorder), Mirror.NOISE_ROLE);
        if (bodies.skipped()) {
            return Double.NaN;
        }
        PreparedAnswer stableAnswer = prepare(stable, bodies.stable(), comparer);
        PreparedAnswer noiseAnswer = prepare(noiseLeg, bodies.candidate(), comparer);
        interToken(streams.noise(), noiseAnswer);
        if (stableAnswer.malformed().isPresent() || noiseAnswer.malformed().isPresent()) {
            return Double.NaN;
        }
        Comparison noiseComparison = compare(comparer, stableAnswer, noiseAnswer, pair);
        if (noiseComparison == null) {
            return Double.NaN;
        }
        noise.of(label).baseline(noiseComparison);
        mismatches.noise(noiseComparison);
        recorder.noiseCompared(noiseComparison.matches());
        return noiseComparison.score().orElse(Double.NaN);
    }

    /**
     * The leg's answer as its route compares it. Its pieces' arrival times apply only to a body
     * sent without a content coding: a compressed stream's offsets are not the decoded body's.
     */
    private static PreparedAnswer prepare(LegResult leg, byte[] body, RouteComparers.RouteComparer comparer) {
        return PreparedAnswer.of(leg, body, leg.contentEncoding() == null, comparer.format());
    }

    /** A streamed answer's mean time between tokens, on its upstream and role's histogram. */
    private static void interToken(UpstreamRecorder leg, PreparedAnswer answer) {
        if (answer.meanInterTokenNanos() > 0) {
            leg.interToken(answer.meanInterTokenNanos());
        }
    }

    /** The comparison, or null when the comparer could not score it (its embeddings endpoint failed). */
    private static Comparison compare(RouteComparers.RouteComparer comparer, PreparedAnswer stable,
                                      PreparedAnswer other, MirroredRequest pair) {
        try {
            return comparer.comparer().compare(stable.answer(), other.answer());
        } catch (EmbeddingUnavailable e) {
            log.info("[{}] not compared: {}", pair.requestId, e.getMessage());
            return null;
        }
    }

    /** A side whose stream could not be read: an error of that side (logged), or its answer as it was. */
    private Outcome.Leg malformed(LegResult leg, PreparedAnswer answer, MirroredRequest pair, String side) {
        if (answer.malformed().isEmpty()) {
            return leg(leg, leg.nanos());
        }
        log.info("[{}] {} answered a malformed stream: {}", pair.requestId, side, answer.malformed().get());
        return Outcome.Leg.ended(Outcome.End.FAILED);
    }

    private static ShadowOutcome outcome(LegResult primary, LegResult shadow) {
        return switch (shadow.ending()) {
            case SHED -> ShadowOutcome.SHED;
            case TIMEOUT -> ShadowOutcome.TIMEOUT;
            case ERROR -> ShadowOutcome.ERROR;
            case TOO_LARGE, ABANDONED -> ShadowOutcome.SKIPPED;
            case ANSWERED -> primary.answered() ? ShadowOutcome.COMPARED : ShadowOutcome.SKIPPED;
        };
    }

    /** The leg as the outcome record tells it, with the latency the rollout measures when it answered. */
    private static Outcome.Leg leg(LegResult leg, long nanos) {
        return switch (leg.ending()) {
            case ANSWERED -> Outcome.Leg.answered(leg.status(), nanos);
            case TIMEOUT -> Outcome.Leg.ended(Outcome.End.TIMED_OUT);
            case ERROR -> Outcome.Leg.ended(Outcome.End.FAILED);
            case TOO_LARGE, SHED, ABANDONED -> Outcome.Leg.ended(Outcome.End.UNKNOWN);
        };
    }

    /**
     * A noise copy's latency, as the rollout measures it, when it answered without error, else 0
     * (absent, failed, or 5xx).
     */
    private long timed(LegResult noiseLeg, RouteComparers.RouteComparer comparer) {
        if (noiseLeg == null || !noiseLeg.answered() || noiseLeg.isError()) {
            return 0;
        }
        long nanos = measure == LatencyMeasure.FIRST_TOKEN && noiseLeg.contentEncoding() == null
                ? PreparedAnswer.of(noiseLeg, noiseLeg.body(), true, comparer.format()).firstTokenNanos()
                : noiseLeg.nanos();
        return Math.max(nanos, 1);
    }

    /** Says what a comparison found, and records it (metrics, window, a mismatch sample). */
    private Outcome.Result judged(MirroredRequest pair, String label, LegResult stable, LegResult candidate,
                                  ComparedBodies bodies, Comparison comparison) {
        Set<String> paths = new LinkedHashSet<>();
        for (Difference difference : comparison.differences()) {
            paths.add(difference.collapsedPath());
        }
        NoisyPaths routeNoise = noise.of(label);
        double ratio = (double) Math.max(candidate.nanos(), 1) / Math.max(stable.nanos(), 1);
        Outcome.Result result = comparison.matches() ? new Outcome.Match()
                : routeNoise.onlyNoise(comparison) ? new Outcome.Noisy(noise.mismatchPaths(label, comparison))
                : new Outcome.Mismatch(noise.mismatchPaths(label, comparison), comparison.differences());
        recorder.compared(label, result.kind(), comparison.rowsMatched(), comparison.rowsDiffering(), paths, ratio);
        window.record(result.kind());
        if (result instanceof Outcome.Mismatch) {
            mismatches.mismatch(new MismatchSample(pair.requestId, Instant.ofEpochMilli(pair.sampledAtMillis),
                    pair.method, pair.uri, stable.status(), candidate.status(),
                    stable.nanos() / NANOS_PER_MILLI, candidate.nanos() / NANOS_PER_MILLI,
                    comparison.differences(), comparison.totalDifferences(),
                    MismatchSample.requestBody(pair.requestBody(), comparers.of(label).comparer().redactor(),
                            sampleRequestBytes),
                    headers(stable), headers(candidate), comparison.bytes(), bodies.notes(), label,
                    comparison.score()), comparison.differences());
        }
        return result;
    }

    private static BodyHeaders headers(LegResult leg) {
        return new BodyHeaders(leg.contentType(), leg.contentEncoding());
    }
}
