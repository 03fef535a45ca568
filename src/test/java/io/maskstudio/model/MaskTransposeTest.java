package io.maskstudio.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Mask#transpose()} against a plain boolean matrix read the other way round, for both storages. */
class MaskTransposeTest {

    /** Word-boundary shapes, where bit packing goes wrong. */
    private static final int[] SIZES = {1, 2, 63, 64, 65, 100, 127, 128, 130};

    @Test
    void transposedCellsAreTheReferenceReadColumnFirst() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 80; trial++) {
            int rows = SIZES[rnd.nextInt(SIZES.length)];
            int cols = SIZES[rnd.nextInt(SIZES.length)];
            double p = new double[]{0, 0.02, 0.3, 0.9, 1}[rnd.nextInt(5)];
            boolean[][] ref = new boolean[rows][cols];
            for (boolean[] row : ref) for (int i = 0; i < cols; i++) row[i] = rnd.nextDouble() < p;
            for (Mask m : new Mask[]{new Mask(rows, cols), Mask.sparse(rows, cols)}) {
                for (int o = 0; o < rows; o++) for (int i = 0; i < cols; i++) if (ref[o][i]) m.set(o, i, true);
                Mask t = m.transpose();
                String when = "trial " + trial + " [" + rows + "," + cols + "] sparse=" + m.isSparse();
                assertEquals(cols, t.rows(), when);
                assertEquals(rows, t.cols(), when);
                long nnz = 0;
                for (int i = 0; i < cols; i++) {
                    int fanIn = 0;
                    for (int o = 0; o < rows; o++) {
                        assertEquals(ref[o][i], t.get(i, o), when + " cell (" + i + "," + o + ")");
                        if (ref[o][i]) fanIn++;
                    }
                    assertEquals(fanIn, t.fanIn(i), when);
                    nnz += fanIn;
                }
                assertEquals(nnz, t.nnz(), when);
                assertEquals(m.isSparse(), t.isSparse(), when + ": small shapes keep their storage");
                assertEquals(m, t.transpose(), when);
                // rows built by the transpose must be ascending like any other (rowIndices would show disorder)
                for (int i = 0; i < cols; i++) {
                    int[] idx = t.rowIndices(i);
                    for (int k = 1; k < idx.length; k++) assertTrue(idx[k - 1] < idx[k], when);
                }
                // the result is an independent mask
                t.set(0, 0, !t.get(0, 0));
                assertEquals(ref[0][0], m.get(0, 0), when);
            }
        }
    }

    @Test
    void bothStoragesTransposeToEqualMasksWithEqualHashes() {
        Random rnd = new Random(12);
        for (int trial = 0; trial < 20; trial++) {
            int rows = 1 + rnd.nextInt(200), cols = 1 + rnd.nextInt(200);
            Mask dense = MaskTest.random(rnd, rows, cols, rnd.nextDouble());
            Mask sparse = Mask.sparse(rows, cols);
            sparse.assign(dense);
            assertEquals(dense.transpose(), sparse.transpose());
            assertEquals(dense.transpose().hashCode(), sparse.transpose().hashCode());
            assertArrayEquals(dense.fanOuts(), dense.transpose().fanIns());
        }
    }

    @Test
    void aLargeSparseShapeTransposesWithoutBits() {
        // [8200, 65536] and its transpose [65536, 8200] both need over 64 MB as bits, so both stay sparse
        Mask m = new Mask(8200, 65536);
        Random rnd = new Random(13);
        for (int k = 0; k < 5000; k++) {
            int o = rnd.nextInt(8200), i = rnd.nextInt(65536);
            m.set(o, i, true);
        }
        assertTrue(m.isSparse());
        Mask t = m.transpose();
        assertTrue(t.isSparse(), "65536 x 8200 as bits would take 67 MB");
        assertEquals(65536, t.rows());
        assertEquals(m.nnz(), t.nnz());
        m.forEachSet((o, i) -> assertTrue(t.get(i, o), "(" + i + "," + o + ")"));
        assertEquals(m, t.transpose());
    }

    @Test
    void aTallSparseShapeWhoseTransposeIsOrdinaryBecomesBits() {
        // [2,800,000, 129] takes 67 MB as bits, so it stays sparse; [129, 2,800,000] takes 45 MB and is a bit matrix
        int rows = 2_800_000;
        Mask m = new Mask(rows, 129);
        Random rnd = new Random(14);
        int[][] cells = new int[3000][];
        for (int k = 0; k < cells.length; k++) {
            cells[k] = new int[]{rnd.nextInt(rows), rnd.nextInt(129)};
            m.set(cells[k][0], cells[k][1], true);
        }
        cells[0] = new int[]{rows - 1, 128}; // the last bit of the last word
        m.set(rows - 1, 128, true);
        assertTrue(m.isSparse());
        Mask t = m.transpose();
        assertFalse(t.isSparse(), "new Mask(129, 2800000) is a bit matrix");
        assertEquals(m.nnz(), t.nnz());
        for (int[] c : cells) assertTrue(t.get(c[1], c[0]));
        assertEquals(m, t.transpose());
    }
}
