package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DriftTest {
    private static final List<double[]> ROWS = IrisDataset.bundled().features();
    private static final IrisModel MODEL = IrisModel.of(ModelVariant.V1);

    @Test
    void fullDriftChangesEveryPredictedClass() {
        Drift drift = new Drift(1.0);
        for (double[] row : ROWS) {
            double[] p = MODEL.predictRow(row);
            double[] drifted = drift.apply(row, p);
            assertThat(IrisModel.argmax(drifted)).isNotEqualTo(IrisModel.argmax(p));
            assertThat(drifted).containsExactlyInAnyOrder(p); // a permutation: still sums to 1
        }
    }

    @Test
    void noDriftChangesNothing() {
        Drift drift = new Drift(0);
        for (double[] row : ROWS) {
            double[] p = MODEL.predictRow(row);
            assertThat(drift.apply(row, p)).isSameAs(p);
        }
    }

    @Test
    void aPartialRateDriftsAboutThatShareAndAlwaysTheSameRows() {
        Drift drift = new Drift(0.3);
        int drifted = 0;
        for (double[] row : ROWS) {
            double[] p = MODEL.predictRow(row);
            double[] first = drift.apply(row, p);
            assertThat(new Drift(0.3).apply(row.clone(), p.clone())).containsExactly(first);
            if (first != p) {
                drifted++;
            }
        }
        assertThat(drifted).isBetween(25, 65); // 45 expected
    }

    @Test
    void negativeZeroDriftsLikeZero() {
        Drift drift = new Drift(0.5);
        double[] p = {0.7, 0.2, 0.1};
        for (int i = 0; i < 50; i++) {
            double[] plus = {i, 0.0, 1, 2};
            double[] minus = {i, -0.0, 1, 2};
            assertThat(drift.apply(minus, p)).containsExactly(drift.apply(plus, p));
        }
    }
}
