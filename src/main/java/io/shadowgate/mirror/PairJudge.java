package io.shadowgate.mirror;

import io.shadowgate.compare.Answer;
import io.shadowgate.compare.AnswerComparer;
import io.shadowgate.compare.Comparison;
import io.shadowgate.compare.Difference;
import io.shadowgate.compare.MatchRateWindow;
import io.shadowgate.compare.MismatchLog;
import io.shadowgate.compare.MismatchSample;
import io.shadowgate.metrics.ShadowOutcome;
import io.shadowgate.metrics.ShadowRecorder;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a mirrored request once all its legs are in: decides its outcome, compares the two
 * answers when both arrived, and records everything (metrics, the match-rate window, mismatch
 * samples, the noise baseline). Runs on the single comparison thread, never on an event loop.
 * Whatever happens, the request ends with exactly one outcome, its buffers are released and its
 * in-flight permit is returned.
 */
final class PairJudge {
    private static final Logger log = LoggerFactory.getLogger(PairJudge.class);
    private static final double NANOS_PER_MILLI = 1e6;

    private final AnswerComparer comparer;
    private final ShadowRecorder recorder;
    private final MatchRateWindow window;
    private final MismatchLog mismatches;
    private final InFlightLimit limit;

    PairJudge(AnswerComparer comparer, ShadowRecorder recorder, MatchRateWindow window, MismatchLog mismatches,
              InFlightLimit limit) {
        this.comparer = comparer;
        this.recorder = recorder;
        this.window = window;
        this.mismatches = mismatches;
        this.limit = limit;
    }

    void judge(MirroredRequest pair) {
        ShadowOutcome outcome = ShadowOutcome.SKIPPED;
        try {
            LegResult primary = pair.primary();
            LegResult shadow = pair.shadow();
            outcome = outcome(primary, shadow);
            if (outcome == ShadowOutcome.COMPARED) {
                compare(pair, primary, shadow);
            } else {
                log.debug("[{}] shadow not compared ({}): {}", pair.requestId, outcome.label(),
                        shadow.answered() ? primary.error() : shadow.error());
            }
            LegResult noise = pair.noise();
            if (noise != null && noise.answered() && primary.answered()) {
                Comparison noiseComparison = comparer.compare(answer(primary), answer(noise));
                mismatches.noise(noiseComparison);
                recorder.noiseCompared(noiseComparison.matches());
            }
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
            case TOO_LARGE -> ShadowOutcome.SKIPPED;
            case ANSWERED -> primary.answered() ? ShadowOutcome.COMPARED : ShadowOutcome.SKIPPED;
        };
    }

    private void compare(MirroredRequest pair, LegResult primary, LegResult shadow) {
        Comparison comparison = comparer.compare(answer(primary), answer(shadow));
        Set<String> paths = new LinkedHashSet<>();
        for (Difference difference : comparison.differences()) {
            paths.add(difference.collapsedPath());
        }
        double ratio = (double) Math.max(shadow.nanos(), 1) / Math.max(primary.nanos(), 1);
        recorder.compared(comparison.matches(), comparison.rowsMatched(), comparison.rowsDiffering(), paths, ratio);
        window.record(comparison.matches());
        if (!comparison.matches()) {
            mismatches.mismatch(new MismatchSample(pair.requestId, Instant.ofEpochMilli(pair.sampledAtMillis),
                    pair.method, pair.uri, primary.status(), shadow.status(),
                    primary.nanos() / NANOS_PER_MILLI, shadow.nanos() / NANOS_PER_MILLI,
                    comparison.differences(), comparison.totalDifferences(),
                    MismatchSample.requestBody(pair.requestBody(), comparer.redactor())), comparison.differences());
        }
    }

    private static Answer answer(LegResult leg) {
        return Answer.of(leg.status(), leg.contentType(), leg.body());
    }
}
