package io.shadowgate.evidence;

import io.shadowgate.compare.Comparison;
import io.shadowgate.compare.Difference;
import io.shadowgate.compare.MismatchSample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MismatchLogTest {
    private static Difference value(String path) {
        return new Difference(path, Difference.Kind.VALUE, IntNode.valueOf(1), IntNode.valueOf(2));
    }

    private static MismatchSample sample(String id, List<Difference> differences) {
        return new MismatchSample(id, Instant.EPOCH, "POST", "/score", 200, 200, 1.0, 2.0, differences,
                differences.size(), TextNode.valueOf(""));
    }

    @Test
    void keepsTheNewestSamplesNewestFirst() {
        MismatchLog log = new MismatchLog(3);
        for (int i = 0; i < 5; i++) {
            log.mismatch(sample("r" + i, List.of(value("/predictions/0"))), List.of(value("/predictions/0")));
        }
        assertThat(log.newest(10)).extracting(MismatchSample::requestId).containsExactly("r4", "r3", "r2");
        assertThat(log.newest(2)).extracting(MismatchSample::requestId).containsExactly("r4", "r3");
    }

    @Test
    void countsDifferencesByCollapsedPathAndKindMostFrequentFirst() {
        MismatchLog log = new MismatchLog(0);
        log.mismatch(sample("a", List.of()), List.of(value("/predictions/0"), value("/predictions/7/label")));
        log.mismatch(sample("b", List.of()), List.of(value("/predictions/3/label")));
        assertThat(log.newest(5)).isEmpty();
        assertThat(log.differenceCounts()).containsExactly(
                Map.entry(new MismatchLog.PathKind("/predictions/*/label", Difference.Kind.VALUE), 2L),
                Map.entry(new MismatchLog.PathKind("/predictions/*", Difference.Kind.VALUE), 1L));
    }

    @Test
    void countedPathsAreCappedUnderOther() {
        MismatchLog log = new MismatchLog(0);
        for (int i = 0; i < MismatchLog.MAX_COUNTED_PATHS + 10; i++) {
            log.mismatch(sample("x", List.of()), List.of(value("/f" + i)));
        }
        Map<MismatchLog.PathKind, Long> counts = log.differenceCounts();
        assertThat(counts).hasSize(MismatchLog.MAX_COUNTED_PATHS + 1);
        assertThat(counts.get(new MismatchLog.PathKind("other", Difference.Kind.VALUE))).isEqualTo(10L);
    }

    @Test
    void theNoiseBaselineIsCountedApart() {
        MismatchLog log = new MismatchLog(10);
        log.noise(new Comparison(List.of(value("/predictions/1")), 1, 0, 0, false));
        log.noise(new Comparison(List.of(), 0, 0, 0, false));
        assertThat(log.noiseTotals()).isEqualTo(new MismatchLog.NoiseTotals(2, 1));
        assertThat(log.noisyPaths()).containsOnlyKeys(new MismatchLog.PathKind("/predictions/*", Difference.Kind.VALUE));
        assertThat(log.differenceCounts()).isEmpty();
    }

    @Test
    void aSampleNeverShowsTheValuesOfTheRequestsQuery() {
        assertThat(MismatchSample.redactQuery("/api/score?code=s3cret&version=2&flag")).isEqualTo(
                "/api/score?code=<redacted>&version=<redacted>&flag");
        assertThat(MismatchSample.redactQuery("/score")).isEqualTo("/score");
        assertThat(sample("id", List.of()).path()).isEqualTo("/score");
    }
}
