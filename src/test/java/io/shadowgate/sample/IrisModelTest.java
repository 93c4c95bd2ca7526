package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class IrisModelTest {
    private static final IrisDataset DATA = IrisDataset.bundled();
    private static final double[][] ROWS = DATA.features().toArray(new double[0][]);

    @Test
    void v1ClassifiesTheDatasetWell() {
        assertThat(accuracy(IrisModel.of(ModelVariant.V1))).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void v2ClassifiesTheDatasetWellEnough() {
        assertThat(accuracy(IrisModel.of(ModelVariant.V2))).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void v1AndV2MostlyAgreeButNotEverywhere() {
        double[][] p1 = IrisModel.of(ModelVariant.V1).predict(ROWS);
        double[][] p2 = IrisModel.of(ModelVariant.V2).predict(ROWS);
        int argmaxDisagree = 0;
        int differ = 0;
        int withinTolerance = 0;
        for (int i = 0; i < ROWS.length; i++) {
            if (IrisModel.argmax(p1[i]) != IrisModel.argmax(p2[i])) {
                argmaxDisagree++;
            }
            double maxDiff = 0;
            for (int k = 0; k < 3; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(p1[i][k] - p2[i][k]));
            }
            if (maxDiff > 1e-9) {
                differ++;
            }
            if (maxDiff <= 1e-2) {
                withinTolerance++;
            }
        }
        assertThat(argmaxDisagree).as("rows whose class differs").isBetween(1, 7); // at most ~5%
        assertThat(differ).as("rows whose probabilities differ at all").isGreaterThan(ROWS.length * 9 / 10);
        assertThat(withinTolerance).as("rows equal within 1e-2").isGreaterThan(ROWS.length / 2).isLessThan(ROWS.length);
    }

    @Test
    void probabilitiesArePositiveAndSumToOne() {
        for (ModelVariant v : ModelVariant.values()) {
            for (double[] p : IrisModel.of(v).predict(ROWS)) {
                assertThat(p).hasSize(3);
                assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
                for (double x : p) {
                    assertThat(x).isBetween(0.0, 1.0);
                }
            }
        }
    }

    @Test
    void classifiesTheTextbookExamples() {
        double[][] p = IrisModel.of(ModelVariant.V1).predict(new double[][] {
            {5.1, 3.5, 1.4, 0.2}, {7.0, 3.2, 4.7, 1.4}, {6.3, 3.3, 6.0, 2.5}});
        assertThat(IrisModel.argmax(p[0])).isEqualTo(0);
        assertThat(IrisModel.argmax(p[1])).isEqualTo(1);
        assertThat(IrisModel.argmax(p[2])).isEqualTo(2);
        assertThat(p[0][0]).isGreaterThan(0.95);
    }

    @Test
    void extremeInputsStillGiveProbabilities() {
        double[] p = IrisModel.of(ModelVariant.V1).predict(new double[][] {{1e100, -1e100, 1e100, 1e100}})[0];
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
        assertThat(p).doesNotContain(Double.NaN);
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> IrisModel.of(ModelVariant.V1).predict(new double[][] {{1, 2, 3, 4}, {1, 2, 3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rows[1]: expected 4 features, got 3");
    }

    @Test
    void knowsItsVariantAndNames() {
        assertThat(IrisModel.of(ModelVariant.V2).variant()).isEqualTo(ModelVariant.V2);
        assertThat(IrisModel.CLASSES).containsExactly("setosa", "versicolor", "virginica");
        assertThat(IrisModel.FEATURES).containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width");
    }

    private static double accuracy(IrisModel model) {
        double[][] p = model.predict(ROWS);
        List<String> labels = DATA.labels();
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            if (IrisModel.CLASSES.get(IrisModel.argmax(p[i])).equals(labels.get(i))) {
                correct++;
            }
        }
        return (double) correct / p.length;
    }
}
