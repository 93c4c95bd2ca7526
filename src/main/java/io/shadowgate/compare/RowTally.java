package io.shadowgate.compare;

import java.util.BitSet;

/**
 * Which rows of a batch differ. Several arrays may feed the same rows (each OIP V2 output holds
 * its own slice of every row), so a row is marked, not counted, and the batch is as long as the
 * longest of them.
 */
final class RowTally {
    private final BitSet differing = new BitSet();
    private int rows;
    private boolean batch;

    /** An array of rows was compared, so the result is a batch even if it is empty. */
    void batch(int rowCount) {
        batch = true;
        rows = Math.max(rows, rowCount);
    }

    void differs(int row) {
        differing.set(row);
    }

    void differs(int fromRow, int toRow) {
        differing.set(fromRow, toRow);
    }

    boolean isBatch() {
        return batch;
    }

    int differing() {
        return differing.cardinality();
    }

    int matched() {
        return rows - differing.cardinality();
    }
}
