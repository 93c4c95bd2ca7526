package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void readsQuantilesBackWithinHalfAPercent() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long ms = 1; ms <= 1000; ms++) {
            histogram.record(ms * 1_000_000);
        }
        LatencyDistribution distribution = histogram.distribution();
        assertThat(distribution.count()).isEqualTo(1000);
        assertThat((double) distribution.quantile(0.99)).isCloseTo(990e6, within(990e6 * 0.005));
        assertThat((double) distribution.quantile(0.5)).isCloseTo(500e6, within(500e6 * 0.005));
        assertThat((double) distribution.valueAtRank(1)).isCloseTo(1e6, within(1e6 * 0.005));
        assertThat((double) distribution.valueAtRank(1000)).isCloseTo(1000e6, within(1000e6 * 0.005));
    }

    @Test
    void nearestRankQuantileOfOneHundredIsTheNinetyNinthValue() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long i = 1; i <= 100; i++) {
            histogram.record(i * 10_000_000); // 10 ms apart: every value in a bucket of its own
        }
        assertThat(histogram.distribution().quantile(0.99)).isEqualTo(histogram.distribution().valueAtRank(99));
        assertThat((double) histogram.distribution().quantile(0.99)).isCloseTo(990e6, within(990e6 * 0.005));
    }

    @Test
    void everyValueReadBackIsWithinHalfAPercentOfWhatWasRecorded() {
        for (long nanos = 1000; nanos < 600_000_000_000L; nanos = nanos * 13 / 10 + 7) {
            LatencyHistogram histogram = new LatencyHistogram();
            histogram.record(nanos);
            assertThat((double) histogram.distribution().valueAtRank(1)).isCloseTo(nanos, within(nanos * 0.0051));
        }
    }

    @Test
    void outOfRangeValuesAreClampedToOneNanosecondAndOneHour() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(0);
        histogram.record(-5);
        histogram.record(Long.MAX_VALUE);
        assertThat(histogram.count()).isEqualTo(3);
        assertThat(histogram.distribution().valueAtRank(1)).isEqualTo(1);
        assertThat((double) histogram.distribution().valueAtRank(3))
                .isCloseTo(LatencyHistogram.MAX_NANOS, within(LatencyHistogram.MAX_NANOS * 0.005));
    }

    @Test
    void aDistributionIsASnapshotThatLaterRecordsDoNotChange() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(5_000_000);
        LatencyDistribution before = histogram.distribution();
        histogram.record(9_000_000);
        assertThat(before.count()).isEqualTo(1);
        histogram.clear();
        assertThat(histogram.count()).isZero();
        assertThat(histogram.distribution().count()).isZero();
        assertThat(before.count()).isEqualTo(1);
    }

    @Test
    void ranksOutsideTheSampleAreRejected() {
        LatencyDistribution empty = LatencyDistribution.empty();
        assertThat(empty.count()).isZero();
        assertThatThrownBy(() -> empty.valueAtRank(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> empty.quantile(0.99)).isInstanceOf(IllegalArgumentException.class);
    }
}
