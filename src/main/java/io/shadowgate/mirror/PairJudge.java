package io.shadowgate.mirror;

import static java.util.Objects.requireNonNull;

import io.shadowgate.compare.Answer;
import io.shadowgate.compare.AnswerComparer;
import io.shadowgate.compare.BodyHeaders;
import io.shadowgate.compare.Comparison;
import io.shadowgate.compare.Difference;
import io.shadowgate.evidence.MatchRateWindow;
import io.shadowgate.evidence.MismatchLog;
import io.shadowgate.compare.MismatchSample;
import io.shadowgate.evidence.NoisyPaths;
import io.shadowgate.compare.Outcome;
import io.shadowgate.metrics.ShadowOutcome;
import io.shadowgate.metrics.ShadowRecorder;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a mirrored request once all its legs are in: decides its outcome, undoes both answers'
 * content codings (a pair that decodes past the size limit is skipped), compares stable's
 * answer with the candidate's when both arrived (whichever of them served the client), records
 * everything (metrics, the match-rate window, mismatch samples, the noise baseline) and hands the
 * rollout its evidence. A comparison that differs only on paths {@link NoisyPaths} calls noise is
 * counted as {@code noisy}, as a match in the match-rate window, and keeps no mismatch sample; the
 * rollout gets where it differed and decides for itself, with the classification of its tick.
 * Runs on the single comparison thread, never on an event loop. Whatever
 * happens, the request ends with exactly one outcome, its buffers are released and its in-flight
 * permit is returned.
 */
final class PairJudge {
    private static final Logger log = LoggerFactory.getLogger(PairJudge.class);
    private static final double NANOS_PER_MILLI = 1e6;

    private final AnswerComparer comparer;
    private final ShadowRecorder recorder;
    private final MatchRateWindow window;
    private final MismatchLog mismatches;
    private final NoisyPaths noisyPaths;
    private final InFlightLimit limit;
    private final Consumer<Outcome> evidence;
    private final BodyDecoder decoder;
    private final int sampleRequestBytes;
    private final String candidateName;

    PairJudge(String candidateName, AnswerComparer comparer, ShadowRecorder recorder, MatchRateWindow window, MismatchLog mismatches,
              NoisyPaths noisyPaths, InFlightLimit limit, Consumer<Outcome> evidence, BodyDecoder decoder,
              int sampleRequestBytes) {
        this.decoder = requireNonNull(decoder, "decoder");
        this.sampleRequestBytes = sampleRequestBytes;
        this.candidateName = requireNonNull(candidateName, "candidateName");
        this.comparer = comparer;
        this.recorder = recorder;
        this.window = window;
        this.mismatches = mismatches;
        this.noisyPaths = noisyPaths;
        this.limit = limit;
        this.evidence = evidence;
    }

    void judge(MirroredRequest pair) {
        ShadowOutcome outcome = ShadowOutcome.SKIPPED;
        try {
            LegResult primary = pair.primary();
            LegResult shadow = pair.shadow();
            LegResult stable = pair.candidateServes ? shadow : primary;
            LegResult candidate = pair.candidateServes ? primary : shadow;
            outcome = outcome(primary, shadow);
            LegResult noise = pair.noise();
            boolean noiseCompared = noise != null && noise.answered() && stable.answered();
            // Stable's answer is decoded once, for both of its comparisons.
            DecodedBody stableBody = noiseCompared || outcome == ShadowOutcome.COMPARED
                    ? ComparedBodies.decode(decoder, stable, recorder) : null;
            if (noiseCompared) {
                // Before the candidate's comparison, so that what this request shows of stable's
                // noise already counts for it (with noisePercent 100, from the very first request).
                ComparedBodies bodies = ComparedBodies.of(stable, stableBody, noise,
                        ComparedBodies.decode(decoder, noise, recorder), Mirror.NOISE_ROLE);
                if (!bodies.skipped()) {
                    Comparison noiseComparison = comparer.compare(answer(stable, bodies.stable()),
                            answer(noise, bodies.candidate()));
                    noisyPaths.baseline(noiseComparison);
                    mismatches.noise(noiseComparison);
                    recorder.noiseCompared(noiseComparison.matches());
                }
            }
            Outcome.Result result = new Outcome.NotCompared(outcome.label());
            if (outcome == ShadowOutcome.COMPARED) {
                ComparedBodies bodies = ComparedBodies.of(stable, stableBody, candidate,
                        ComparedBodies.decode(decoder, candidate, recorder), Mirror.CANDIDATE);
                if (bodies.skipped()) {
                    outcome = ShadowOutcome.SKIPPED;
                    result = new Outcome.NotCompared(bodies.tooLarge());
                    log.info("[{}] not compared: {}", pair.requestId, bodies.tooLarge());
                } else {
                    result = compare(pair, stable, candidate, bodies);
                }
            } else if (outcome == ShadowOutcome.TIMEOUT || outcome == ShadowOutcome.ERROR) {
                // The shadow's failures never reach a client, so INFO, not WARN: one line each to find them by id.
                log.info("[{}] shadow request failed ({}): {}", pair.requestId, outcome.label(), shadow.error());
            } else {
                log.debug("[{}] shadow not compared ({}): {}", pair.requestId, outcome.label(),
                        shadow.answered() ? primary.error() : shadow.error());
            }
            evidence.accept(new Outcome(route(pair.uri), candidateName, leg(stable), leg(candidate),
                    pair.candidateServes, result, timed(noise), timed(pair.secondNoise())));
        } catch (RuntimeException e) {
            outcome = ShadowOutcome.SKIPPED;
            log.warn("[{}] comparison failed; counted as skipped", pair.requestId, e);
        } finally {
            recorder.ended(outcome);
            pair.release();
            limit.release();
        }
    }

    /** Ends a pair that can no longer be judged (the comparison thread is gone: shutdown). */
    void abandon(MirroredRequest pair) {
        recorder.ended(ShadowOutcome.SKIPPED);
        pair.release();
        limit.release();
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

    /** The leg as the outcome record tells it. */
    private static Outcome.Leg leg(LegResult leg) {
        return switch (leg.ending()) {
            case ANSWERED -> Outcome.Leg.answered(leg.status(), leg.nanos());
            case TIMEOUT -> Outcome.Leg.ended(Outcome.End.TIMED_OUT);
            case ERROR -> Outcome.Leg.ended(Outcome.End.FAILED);
            case TOO_LARGE, SHED, ABANDONED -> Outcome.Leg.ended(Outcome.End.UNKNOWN);
        };
    }

    /** The request's path without its query: the route it is judged under. */
    private static String route(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** A noise copy's latency when it answered without error, else 0 (absent, failed, or 5xx). */
    private static long timed(LegResult noise) {
        return noise != null && noise.answered() && !noise.isError() ? Math.max(noise.nanos(), 1) : 0;
    }

    /** Compares the two answers, records what it found (metrics, window, a mismatch sample) and says it. */
    private Outcome.Result compare(MirroredRequest pair, LegResult stable, LegResult candidate, ComparedBodies bodies) {
        Comparison comparison = comparer.compare(answer(stable, bodies.stable()), answer(candidate, bodies.candidate()));
        Set<String> paths = new LinkedHashSet<>();
        for (Difference difference : comparison.differences()) {
            paths.add(difference.collapsedPath());
        }
        double ratio = (double) Math.max(candidate.nanos(), 1) / Math.max(stable.nanos(), 1);
        Outcome.Result result = comparison.matches() ? new Outcome.Match()
                : noisyPaths.onlyNoise(comparison) ? new Outcome.Noisy(noisyPaths.mismatchPaths(comparison))
                : new Outcome.Mismatch(noisyPaths.mismatchPaths(comparison), comparison.differences());
        recorder.compared(result.kind(), comparison.rowsMatched(), comparison.rowsDiffering(), paths, ratio);
        window.record(result.kind());
        if (result instanceof Outcome.Mismatch) {
            mismatches.mismatch(new MismatchSample(pair.requestId, Instant.ofEpochMilli(pair.sampledAtMillis),
                    pair.method, pair.uri, stable.status(), candidate.status(),
                    stable.nanos() / NANOS_PER_MILLI, candidate.nanos() / NANOS_PER_MILLI,
                    comparison.differences(), comparison.totalDifferences(),
                    MismatchSample.requestBody(pair.requestBody(), comparer.redactor(), sampleRequestBytes),
                    headers(stable), headers(candidate), comparison.bytes(), bodies.notes()), comparison.differences());
        }
        return result;
    }

    /** The leg's answer with its body as compared (decoded, or as received when it could not be). */
    private static Answer answer(LegResult leg, byte[] body) {
        return Answer.of(leg.status(), leg.contentType(), body);
    }

    private static BodyHeaders headers(LegResult leg) {
        return new BodyHeaders(leg.contentType(), leg.contentEncoding());
    }
}
