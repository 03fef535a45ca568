package io.maskstudio.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sparse-row storage behaves exactly like the bit matrix: seeded random edit sequences applied to a
 * bit-matrix mask, a sparse-row mask and a plain boolean reference must agree on everything observable.
 */
class MaskSparseStorageTest {

    @Test
    void randomEditSequencesAgreeWithTheBitMatrixAndAReference() {
        for (int seed = 0; seed < 60; seed++) {
            Random r = new Random(seed);
            int rows = 1 + r.nextInt(9);
            int cols = 1 + r.nextInt(150); // crosses 64-column word boundaries
            Mask dense = new Mask(rows, cols);
            Mask sparse = Mask.sparse(rows, cols);
            boolean[][] ref = new boolean[rows][cols];
            assertFalse(dense.isSparse());
            for (int step = 0; step < 40; step++) {
                int o = r.nextInt(rows);
                int a = r.nextInt(cols + 10) - 5;
                int b = a + r.nextInt(80);
                boolean v = r.nextBoolean();
                switch (r.nextInt(7)) {
                    case 0, 1, 2 -> {
                        int i = r.nextInt(cols);
                        dense.set(o, i, v);
                        sparse.set(o, i, v);
                        ref[o][i] = v;
                    }
                    case 3 -> {
                        dense.setRowRange(o, a, b, v);
                        sparse.setRowRange(o, a, b, v);
                        for (int i = Math.max(0, a); i < Math.min(cols, b); i++) ref[o][i] = v;
                    }
                    case 4 -> {
                        int i = r.nextInt(cols);
                        dense.setColumn(i, v);
                        sparse.setColumn(i, v);
                        for (int k = 0; k < rows; k++) ref[k][i] = v;
                    }
                    case 5 -> {
                        int[] idx = r.ints(r.nextInt(cols + 1), 0, cols).distinct().sorted().toArray();
                        dense.setRowIndices(o, idx);
                        sparse.setRowIndices(o, idx);
                        Arrays.fill(ref[o], false);
                        for (int i : idx) ref[o][i] = true;
                    }
                    default -> {
                        if (r.nextInt(8) == 0) {
                            dense.fill(v);
                            sparse.fill(v);
                            for (boolean[] row : ref) Arrays.fill(row, v);
                        }
                    }
                }
                assertSame(ref, dense, sparse, "seed " + seed + " step " + step);
            }
            assertTrue(sparse.isSparse(), "Mask.sparse keeps its storage");
            // set operations across storages
            Mask other = randomMask(rows, cols, r);
            Mask otherSparse = Mask.sparse(rows, cols);
            otherSparse.assign(other);
            for (Mask x : new Mask[]{other, otherSparse}) {
                assertEquals(dense.union(x), sparse.union(x), "union");
                assertEquals(dense.intersection(x), sparse.intersection(x), "intersection");
                assertEquals(dense.difference(x), sparse.difference(x), "difference");
                assertEquals(dense.symmetricDifference(x), sparse.symmetricDifference(x), "xor");
                assertEquals(dense.union(x).hashCode(), sparse.union(x).hashCode(), "hash of union");
            }
            assertEquals(dense.invert(), sparse.invert(), "invert, seed " + seed);
            assertEquals(dense.invert().nnz(), sparse.invert().nnz());
            assertEquals(dense.resized(rows + 2, Math.max(1, cols - 7)), sparse.resized(rows + 2, Math.max(1, cols - 7)), "resized");
            assertEquals(dense, sparse.copy());
            assertArrayEquals(dense.toFloats(), sparse.toFloats());
        }
    }

    private static Mask randomMask(int rows, int cols, Random r) {
        Mask m = new Mask(rows, cols);
        for (int o = 0; o < rows; o++) for (int i = 0; i < cols; i++) if (r.nextInt(3) == 0) m.set(o, i, true);
        return m;
    }

    private static void assertSame(boolean[][] ref, Mask dense, Mask sparse, String when) {
        int rows = ref.length;
        int cols = ref[0].length;
        long nnz = 0;
        int[] fanOut = new int[cols];
        for (int o = 0; o < rows; o++) {
            int fanIn = 0;
            for (int i = 0; i < cols; i++) {
                assertEquals(ref[o][i], dense.get(o, i), when);
                assertEquals(ref[o][i], sparse.get(o, i), when);
                if (ref[o][i]) { fanIn++; fanOut[i]++; }
            }
            nnz += fanIn;
            assertEquals(fanIn, sparse.fanIn(o), when);
            assertArrayEquals(dense.rowIndices(o), sparse.rowIndices(o), when);
            assertArrayEquals(dense.rowWords(o), sparse.rowWords(o), when);
            assertEquals(dense.rowIntersects(o, dense.rowWords(o)), sparse.rowIntersects(o, dense.rowWords(o)), when);
        }
        assertEquals(nnz, dense.nnz(), when);
        assertEquals(nnz, sparse.nnz(), when);
        assertArrayEquals(fanOut, sparse.fanOuts(), when);
        assertArrayEquals(dense.fanIns(), sparse.fanIns(), when);
        assertEquals(dense, sparse, when);
        assertEquals(sparse, dense, when);
        assertEquals(dense.hashCode(), sparse.hashCode(), when);
    }

    @Test
    void largeShapesStartSparseAndSwitchToBitsWhenThatIsSmaller() {
        // 8,200 x 65,536: the bit matrix would take 67 MB, just over the automatic limit
        Mask m = new Mask(8200, 65536);
        assertTrue(m.isSparse());
        m.set(3, 60000, true);
        m.setRowRange(5, 100, 200, true);
        assertTrue(m.isSparse());
        assertEquals(101, m.nnz());
        m.fill(true);
        assertFalse(m.isSparse(), "full: bits are 32x smaller than row indices");
        assertEquals(8200L * 65536, m.nnz());
        m.fill(false);
        assertTrue(m.isSparse(), "empty again: back to rows");
        assertEquals(0, m.nnz());
    }

    @Test
    void aHundredThousandSquareMaskWithAMillionConnectionsIsCheap() {
        int n = 100_000;
        Mask m = new Mask(n, n);
        assertTrue(m.isSparse(), "a bit matrix would need 1.25 GB");
        Random r = new Random(1);
        for (int o = 0; o < n; o++) m.setRowIndices(o, r.ints(10, 0, n).distinct().sorted().toArray());
        long nnz = m.nnz();
        assertTrue(nnz > 999_000 && nnz <= 1_000_000, "nnz " + nnz);
        Mask c = m.copy();
        c.set(7, 7, !c.get(7, 7));
        assertEquals(1, m.symmetricDifference(c).nnz());
        assertEquals(nnz, m.intersection(m).nnz());
        assertEquals(nnz, MaskStats.of(m).nnz());
        assertFalse(m.equals(c));
        assertEquals(m, m.copy());
        assertTrue(m.isSparse() && c.isSparse());
    }
}
