package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class IrisDatasetTest {
    private final IrisDataset data = IrisDataset.bundled();

    @Test
    void holdsFiftyRowsOfEachSpecies() {
        assertThat(data.size()).isEqualTo(150);
        assertThat(data.features()).hasSize(150).allSatisfy(row -> assertThat(row).hasSize(4));
        for (String species : IrisModel.CLASSES) {
            assertThat(Collections.frequency(data.labels(), species)).as(species).isEqualTo(50);
        }
    }

    @Test
    void keepsFishersValues() {
        assertThat(data.features().get(0)).containsExactly(5.1, 3.5, 1.4, 0.2);
        assertThat(data.features().get(149)).containsExactly(5.9, 3.0, 5.1, 1.8);
        // The two rows the UCI copy gets wrong.
        assertThat(data.features().get(34)).containsExactly(4.9, 3.1, 1.5, 0.2);
        assertThat(data.features().get(37)).containsExactly(4.9, 3.6, 1.4, 0.1);
        assertThat(data.labels().get(0)).isEqualTo("setosa");
        assertThat(data.labels().get(149)).isEqualTo("virginica");
    }

    @Test
    void handsOutCopies() {
        data.features().get(0)[0] = 99;
        assertThat(data.features().get(0)[0]).isEqualTo(5.1);
    }

    @Test
    void buildsScoreBodiesThatWrapAround() throws Exception {
        JsonNode body = TestHttp.JSON.readTree(IrisDataset.scoreRequestBody(149, 3));
        JsonNode frame = body.get("input_data");
        assertThat(frame.get("columns").toString())
                .isEqualTo("[\"sepal_length\",\"sepal_width\",\"petal_length\",\"petal_width\"]");
        assertThat(frame.get("index").toString()).isEqualTo("[149,0,1]");
        assertThat(frame.get("data").toString()).isEqualTo("[[5.9,3.0,5.1,1.8],[5.1,3.5,1.4,0.2],[4.9,3.0,1.4,0.2]]");
        assertThat(ScoreRequestReader.read(body)).hasNumberOfRows(3);
    }

    @Test
    void buildsAnEmptyBodyAndRejectsNegativeArguments() throws Exception {
        assertThat(TestHttp.JSON.readTree(IrisDataset.scoreRequestBody(0, 0)).at("/input_data/data").size()).isZero();
        assertThatThrownBy(() -> IrisDataset.scoreRequestBody(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
