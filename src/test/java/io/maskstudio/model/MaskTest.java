package io.maskstudio.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Mask operations checked against naive cell-by-cell versions on random masks (seeded loops stand in for property tests). */
class MaskTest {

    /** Shapes around the 64-bit word boundary are where packing bugs live. */
    private static final int[] SIZES = {1, 2, 63, 64, 65, 70, 128, 130};

    static Mask random(Random rnd, int rows, int cols, double p) {
        Mask m = new Mask(rows, cols);
        for (int o = 0; o < rows; o++) for (int i = 0; i < cols; i++) if (rnd.nextDouble() < p) m.set(o, i, true);
        return m;
    }

    @Test
    void setOperationsMatchCellByCellLogic() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 60; trial++) {
            int rows = SIZES[rnd.nextInt(SIZES.length)];
            int cols = SIZES[rnd.nextInt(SIZES.length)];
            Mask a = random(rnd, rows, cols, rnd.nextDouble());
            Mask b = random(rnd, rows, cols, rnd.nextDouble());
            Mask union = a.union(b), inter = a.intersection(b), diff = a.difference(b), xor = a.symmetricDifference(b), inv = a.invert();
            long nUnion = 0, nInter = 0, nDiff = 0, nXor = 0, nInv = 0;
            for (int o = 0; o < rows; o++) {
                for (int i = 0; i < cols; i++) {
                    boolean x = a.get(o, i), y = b.get(o, i);
                    assertEquals(x || y, union.get(o, i));
                    assertEquals(x && y, inter.get(o, i));
                    assertEquals(x && !y, diff.get(o, i));
                    assertEquals(x != y, xor.get(o, i));
                    assertEquals(!x, inv.get(o, i));
                    nUnion += (x || y) ? 1 : 0;
                    nInter += (x && y) ? 1 : 0;
                    nDiff += (x && !y) ? 1 : 0;
                    nXor += (x != y) ? 1 : 0;
                    nInv += x ? 0 : 1;
                }
            }
            assertEquals(nUnion, union.nnz());
            assertEquals(nInter, inter.nnz());
            assertEquals(nDiff, diff.nnz());
            assertEquals(nXor, xor.nnz());
            assertEquals(nInv, inv.nnz());
        }
    }

    @Test
    void invertKeepsPaddingBitsClearSoCountsStayRight() {
        for (int cols : SIZES) {
            Mask empty = new Mask(3, cols);
            Mask inv = empty.invert();
            assertEquals(3L * cols, inv.nnz(), "cols=" + cols);
            assertEquals(Mask.full(3, cols), inv, "inverting empty must equal full, padding included; cols=" + cols);
            assertEquals(0, inv.invert().nnz());
            assertEquals(empty, inv.invert());
            for (int o = 0; o < 3; o++) assertEquals(cols, inv.fanIn(o));
            // padding bits would show up as phantom columns in the row scan
            assertEquals(cols, inv.rowIndices(0).length);
        }
    }

    @Test
    void fanInsAndFanOutsMatchNaiveCounts() {
        Random rnd = new Random(2);
        for (int trial = 0; trial < 40; trial++) {
            int rows = 1 + rnd.nextInt(140), cols = 1 + rnd.nextInt(140);
            Mask m = random(rnd, rows, cols, rnd.nextDouble());
            int[] fanIn = m.fanIns(), fanOut = m.fanOuts();
            for (int o = 0; o < rows; o++) {
                int n = 0;
                for (int i = 0; i < cols; i++) if (m.get(o, i)) n++;
                assertEquals(n, fanIn[o]);
                assertEquals(n, m.fanIn(o));
            }
            for (int i = 0; i < cols; i++) {
                int n = 0;
                for (int o = 0; o < rows; o++) if (m.get(o, i)) n++;
                assertEquals(n, fanOut[i]);
                assertEquals(n, m.fanOut(i));
            }
        }
    }

    @Test
    void rowIndicesAndForEachSetListPresentCellsInOrder() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 30; trial++) {
            int rows = 1 + rnd.nextInt(20), cols = 1 + rnd.nextInt(200);
            Mask m = random(rnd, rows, cols, 0.3);
            List<Long> seen = new ArrayList<>();
            m.forEachSet((o, i) -> seen.add((long) o * cols + i));
            List<Long> naive = new ArrayList<>();
            for (int o = 0; o < rows; o++) {
                List<Integer> row = new ArrayList<>();
                for (int i = 0; i < cols; i++) {
                    if (m.get(o, i)) {
                        row.add(i);
                        naive.add((long) o * cols + i);
                    }
                }
                assertArrayEquals(row.stream().mapToInt(Integer::intValue).toArray(), m.rowIndices(o));
            }
            assertEquals(naive, seen);
        }
    }

    @Test
    void setRowRangeMatchesCellByCellAcrossWordBoundaries() {
        Random rnd = new Random(4);
        for (int trial = 0; trial < 300; trial++) {
            int cols = 1 + rnd.nextInt(200);
            Mask fast = random(rnd, 2, cols, 0.5);
            Mask slow = fast.copy();
            int from = rnd.nextInt(cols + 10) - 5, to = rnd.nextInt(cols + 10) - 5;
            boolean v = rnd.nextBoolean();
            fast.setRowRange(1, from, to, v);
            for (int i = Math.max(0, from); i < Math.min(cols, to); i++) slow.set(1, i, v);
            assertEquals(slow, fast, "cols=" + cols + " [" + from + "," + to + ") " + v);
        }
    }

    @Test
    void resizedCutsAndZeroExtends() {
        Random rnd = new Random(5);
        Mask m = random(rnd, 10, 70, 0.5);
        Mask small = m.resized(4, 65);
        Mask big = m.resized(12, 130);
        for (int o = 0; o < 12; o++) {
            for (int i = 0; i < 130; i++) {
                boolean inside = o < 10 && i < 70;
                assertEquals(inside && m.get(o, i), big.get(o, i));
                if (o < 4 && i < 65) assertEquals(m.get(o, i), small.get(o, i));
            }
        }
        assertEquals(m, m.resized(4, 65).resized(10, 70).union(m));
        assertEquals(m.nnz(), big.nnz());
    }

    @Test
    void booleansRoundTripAndEqualityNeedsSameShape() {
        Random rnd = new Random(6);
        Mask m = random(rnd, 7, 90, 0.4);
        assertEquals(m, Mask.fromBooleans(7, 90, m.toBooleans()));
        float[] f = m.toFloats();
        for (int o = 0; o < 7; o++) for (int i = 0; i < 90; i++) assertEquals(m.get(o, i) ? 1f : 0f, f[o * 90 + i]);
        assertNotEquals(new Mask(2, 3), new Mask(3, 2));
        assertThrows(IllegalArgumentException.class, () -> m.union(new Mask(7, 91)));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(7, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> m.set(0, 90, true));
    }
}
