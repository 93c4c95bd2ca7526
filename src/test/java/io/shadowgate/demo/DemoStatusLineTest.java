package io.shadowgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The live view's lines, from {@code /status} bodies shaped as the gateway writes them. */
class DemoStatusLineTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void aJudgedStageShowsWeightEvidenceBothP99sAndEveryGate() throws Exception {
        JsonNode rollout = json("""
                {'phase':'CANARY','stage':0,'candidatePercent':5,
                 'evidence':{'since':'2026-01-01T00:00:00Z','samples':1834,'matchRate':1.0,'matchRateLower':0.99791,
                             'errorRateIncrease':0.0,'latencyIncrease':0.0303},
                 'gates':[{'name':'matchRate','verdict':'pass','detail':'lower bound 0.9979 >= 0.99 after 1834 comparisons (0 mismatches)'},
                          {'name':'errorRateIncrease','verdict':'pass','detail':'upper bound +0.21% <= +1.00% after 1834 requests'},
                          {'name':'latencyIncrease','verdict':'pending','detail':'lower bound -4.00% <= +20.00% < upper bound +25.00% after 1834 pairs (p99 candidate 19.03 ms, stable 18.47 ms)'}]}
                """);

        assertThat(DemoStatusLine.live(rollout, Duration.ofSeconds(72)))
                .isEqualTo("1:12  CANARY        5%   1834 samples  match 1.0000 (lower 0.9979)  errors +0.00%  "
                        + "p99 stable 18.47 ms, candidate 19.03 ms (+3.03%)  "
                        + "gates: matchRate pass, errorRateIncrease pass, latencyIncrease pending");
    }

    @Test
    void aRouteScoredBySimilarityShowsTheCandidatesMeanScoreNextToStablesOwn() throws Exception {
        JsonNode rollout = json("""
                {'phase':'SHADOW','candidatePercent':0,
                 'evidence':{'samples':300,'matchRate':1.0,'matchRateLower':0.9874,'errorRateIncrease':0.0,
                             'latencyIncrease':null,'candidateMeanScore':0.2772,'stableMeanScore':0.68625},
                 'gates':[{'name':'similarity','verdict':'fail','detail':'upper bound -0.3205 < -0.0500'}]}
                """);
        JsonNode unscored = json("""
                {'phase':'SHADOW','candidatePercent':0,
                 'evidence':{'samples':300,'matchRate':1.0,'matchRateLower':0.9874,'errorRateIncrease':0.0,
                             'latencyIncrease':null,'candidateMeanScore':null,'stableMeanScore':null},
                 'gates':[]}
                """);

        assertThat(DemoStatusLine.live(rollout, Duration.ofSeconds(10)))
                .contains("p99 - (fewer than 100 pairs)  similarity 0.277 (stable's own 0.686)  gates: similarity fail");
        assertThat(DemoStatusLine.live(unscored, Duration.ofSeconds(10))).doesNotContain("similarity");
    }

    @Test
    void beforeTheFirstJudgementAndBeforeAP99TheLineSaysSo() throws Exception {
        JsonNode fresh = json("{'phase':'SHADOW','candidatePercent':0,'evidence':{'since':'x'},'gates':[]}");
        JsonNode thin = json("""
                {'phase':'SHADOW','candidatePercent':0,
                 'evidence':{'samples':12,'matchRate':1.0,'matchRateLower':0.75,'errorRateIncrease':null,'latencyIncrease':null},
                 'gates':[{'name':'latencyIncrease','verdict':'pending','detail':'12 of the 100 paired latencies a p99 needs'}]}
                """);

        assertThat(DemoStatusLine.live(fresh, Duration.ofSeconds(3)))
                .isEqualTo("0:03  SHADOW        0%  waiting for the stage's first judgement");
        assertThat(DemoStatusLine.live(thin, Duration.ofSeconds(4)))
                .contains("12 samples  match 1.0000 (lower 0.7500)  errors -  p99 - (fewer than 100 pairs)");
    }

    @Test
    void transitionsNameTheWeightOnlyWhereItIsNotImpliedByThePhase() throws Exception {
        JsonNode canary = json("{'to':'CANARY','weight':25,'actor':'auto','reason':'every gate passed on 2006 comparisons after 10s'}");
        JsonNode rolledBack = json("{'to':'ROLLED_BACK','weight':0,'actor':'auto','reason':'gate matchRate FAIL: upper bound 0.9419 < 0.99'}");

        assertThat(DemoStatusLine.transition(canary, Duration.ofSeconds(28)))
                .isEqualTo("0:28  -> CANARY 25% (auto): every gate passed on 2006 comparisons after 10s");
        assertThat(DemoStatusLine.transition(rolledBack, Duration.ofSeconds(18)))
                .isEqualTo("0:18  -> ROLLED_BACK (auto): gate matchRate FAIL: upper bound 0.9419 < 0.99");
    }

    @Test
    void aPausedRolloutShowsWhereItWasPaused() throws Exception {
        assertThat(DemoStatusLine.phase(json("{'phase':'PAUSED','pausedFrom':'CANARY','candidatePercent':25}")))
                .isEqualTo("PAUSED(CANARY)  25%");
    }
}
