package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The result record keeps its invariants: a verdict that agrees with the count, immutable lists. */
class ComparisonTest {
    private static final Difference DIFFERENCE =
            new Difference("/a", Difference.Kind.VALUE, IntNode.valueOf(1), IntNode.valueOf(2));

    @Test
    void countsAndRowsAreConsistent() {
        assertThatThrownBy(() -> new Comparison(List.of(DIFFERENCE, DIFFERENCE), 1, 0, 0, false))
                .hasMessageContaining("totalDifferences: 1 (expected: >= 2");
        assertThatThrownBy(() -> new Comparison(List.of(), 0, 3, 0, false))
                .hasMessageContaining("0 unless a batch");
        assertThatThrownBy(() -> new Comparison(List.of(), 0, -1, 0, true))
                .hasMessageContaining("expected: >= 0");
    }

    @Test
    void conveniences() {
        Comparison comparison = new Comparison(List.of(DIFFERENCE), 7, 2, 3, true);
        assertThat(comparison.matches()).isFalse();
        assertThat(comparison.truncated()).isTrue();
        assertThat(comparison.rows()).isEqualTo(5);
        assertThat(Comparison.match().matches()).isTrue();
        assertThat(Comparison.match().truncated()).isFalse();
    }

    @Test
    void theDifferencesCannotBeChangedAfterwards() {
        List<Difference> differences = new ArrayList<>(List.of(DIFFERENCE));
        Comparison comparison = new Comparison(differences, 1, 0, 0, false);
        differences.clear();
        assertThat(comparison.differences()).containsExactly(DIFFERENCE);
        assertThatThrownBy(() -> comparison.differences().add(DIFFERENCE)).isInstanceOf(UnsupportedOperationException.class);
    }
}
