package io.maskstudio.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** N:M, blocks, constant fan-in and exact-count random masks, each checked cell by cell with get(). */
class PatternGeneratorsTest {

    /** Present cells of row o in columns [from, to), counted one get() at a time. */
    private static int count(Mask m, int o, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) if (m.get(o, i)) n++;
        return n;
    }

    @Test
    void nOfMHasExactlyNInEveryGroupOfEveryRowForManySeeds() {
        Random rnd = new Random(1);
        int[][] nm = {{2, 4}, {1, 2}, {4, 8}, {3, 5}, {0, 3}, {7, 7}, {1, 16}, {40, 64}};
        for (int trial = 0; trial < 200; trial++) {
            int[] p = nm[trial % nm.length];
            int rows = 1 + rnd.nextInt(40), cols = 1 + rnd.nextInt(130);
            long seed = rnd.nextLong();
            Mask m = MaskGenerators.nOfM(rows, cols, p[0], p[1], seed);
            for (int o = 0; o < rows; o++) {
                for (int g = 0; g < cols; g += p[1]) {
                    int len = Math.min(p[1], cols - g);
                    assertEquals(Math.min(p[0], len), count(m, o, g, g + len),
                            p[0] + ":" + p[1] + " [" + rows + "x" + cols + "] seed " + seed + " row " + o + " group at " + g);
                }
            }
            assertEquals(m, MaskGenerators.nOfM(rows, cols, p[0], p[1], seed), "same seed, same mask");
        }
        assertNotEquals(MaskGenerators.nOfM(64, 64, 2, 4, 1), MaskGenerators.nOfM(64, 64, 2, 4, 2));
    }

    @Test
    void nOfMChoosesEveryPositionOfAGroupEquallyOften() {
        // Both sampling paths: few picks (sorted insertion) and many (bitmap).
        for (int[] p : new int[][] {{2, 4}, {1, 8}, {6, 8}}) {
            Mask m = MaskGenerators.nOfM(4000, 8, p[0], p[1], 5);
            double expected = 4000.0 * p[0] / p[1];
            for (int f : m.fanOuts()) {
                assertTrue(Math.abs(f - expected) < 0.1 * expected, p[0] + ":" + p[1] + " column chosen " + f + " times, expected ~" + expected);
            }
        }
    }

    @Test
    void nOfMRefusesNLargerThanM() {
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.nOfM(4, 8, 5, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.nOfM(4, 8, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.nOfM(4, 8, -1, 4, 0));
    }

    /** The naive reference: per group, sort the columns by |w| descending then index, keep the first n. */
    private static boolean[] naiveByMagnitude(float[] w, int rows, int cols, int n, int m) {
        boolean[] keep = new boolean[rows * cols];
        for (int o = 0; o < rows; o++) {
            for (int g = 0; g < cols; g += m) {
                List<Integer> idx = new ArrayList<>();
                for (int i = g; i < Math.min(cols, g + m); i++) idx.add(i);
                final int row = o;
                Comparator<Integer> byMagnitude = Comparator.comparingDouble(i -> {
                    float a = Math.abs(w[row * cols + i]);
                    return Float.isNaN(a) ? -1.0 : a;
                });
                idx.sort(byMagnitude.reversed().thenComparing(Comparator.naturalOrder()));
                for (int k = 0; k < Math.min(n, idx.size()); k++) keep[o * cols + idx.get(k)] = true;
            }
        }
        return keep;
    }

    @Test
    void nOfMByMagnitudeKeepsWhatANaiveSortKeeps() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 120; trial++) {
            int rows = 1 + rnd.nextInt(12), cols = 1 + rnd.nextInt(50);
            int m = 1 + rnd.nextInt(9), n = rnd.nextInt(m + 1);
            float[] w = new float[rows * cols];
            for (int k = 0; k < w.length; k++) {
                // Few distinct magnitudes of both signs, so ties are common; now and then a NaN or -0.
                int pick = rnd.nextInt(20);
                w[k] = pick == 0 ? Float.NaN : pick == 1 ? -0.0f : (rnd.nextInt(5) - 2) * 0.5f;
            }
            Mask got = MaskGenerators.nOfMByMagnitude(w, rows, cols, n, m);
            assertEquals(Mask.fromBooleans(rows, cols, naiveByMagnitude(w, rows, cols, n, m)), got,
                    n + ":" + m + " [" + rows + "x" + cols + "] trial " + trial);
        }
    }

    @Test
    void nOfMByMagnitudeKeepsTheLargestAndTheLowerIndexOnTies() {
        float[] w = {0.1f, -3f, 2f, 0.5f, /* next group */ 1f, 1f, -1f, 1f};
        Mask m = MaskGenerators.nOfMByMagnitude(w, 1, 8, 2, 4);
        assertEquals(List.of(1, 2, 4, 5), toList(m.rowIndices(0)));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.nOfMByMagnitude(new float[7], 1, 8, 2, 4));
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int v : a) l.add(v);
        return l;
    }

    @Test
    void fanInGivesEveryRowExactlyKForManySeeds() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int rows = 1 + rnd.nextInt(50), cols = 1 + rnd.nextInt(200);
            int k = rnd.nextInt(cols + 1);
            long seed = rnd.nextLong();
            Mask m = MaskGenerators.fanIn(rows, cols, k, seed);
            for (int o = 0; o < rows; o++) assertEquals(k, count(m, o, 0, cols), "[" + rows + "x" + cols + "] k=" + k + " seed " + seed + " row " + o);
            assertEquals(m, MaskGenerators.fanIn(rows, cols, k, seed));
        }
        Mask big = MaskGenerators.fanIn(3000, 20, 5, 11);
        for (int f : big.fanOuts()) assertTrue(f > 600 && f < 900, "column fan-out " + f + " far from 750");
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.fanIn(3, 4, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.fanIn(3, 4, -1, 0));
    }

    @Test
    void blocksAreUniformAndTheirCountIsRoundedBlockCountTimesDensity() {
        Random rnd = new Random(9);
        for (int trial = 0; trial < 150; trial++) {
            int rows = 1 + rnd.nextInt(60), cols = 1 + rnd.nextInt(60);
            int br = 1 + rnd.nextInt(9), bc = 1 + rnd.nextInt(9);
            double density = rnd.nextDouble();
            Mask m = MaskGenerators.blocks(rows, cols, br, bc, density, rnd.nextLong());
            int gridRows = (rows + br - 1) / br, gridCols = (cols + bc - 1) / bc;
            int present = 0;
            for (int r = 0; r < gridRows; r++) {
                for (int c = 0; c < gridCols; c++) {
                    boolean first = m.get(r * br, c * bc);
                    for (int o = r * br; o < Math.min(rows, (r + 1) * br); o++) {
                        for (int i = c * bc; i < Math.min(cols, (c + 1) * bc); i++) {
                            assertEquals(first, m.get(o, i), "block (" + r + "," + c + ") of " + br + "x" + bc + " is not uniform at (" + o + "," + i + ")");
                        }
                    }
                    if (first) present++;
                }
            }
            assertEquals(Math.round(density * gridRows * gridCols), present, "[" + rows + "x" + cols + "] blocks " + br + "x" + bc + " density " + density);
        }
        assertEquals(Mask.full(10, 10), MaskGenerators.blocks(10, 10, 4, 4, 1.0, 0));
        assertEquals(0, MaskGenerators.blocks(10, 10, 4, 4, 0.0, 0).nnz());
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.blocks(10, 10, 0, 4, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.blocks(10, 10, 4, 4, 1.5, 0));
    }

    @Test
    void randomCountPlacesExactlyTheCountAndMatchesRandomDensityWithoutMinimum() {
        Random rnd = new Random(4);
        for (int trial = 0; trial < 50; trial++) {
            int rows = 1 + rnd.nextInt(70), cols = 1 + rnd.nextInt(70);
            long cells = (long) rows * cols;
            long count = rnd.nextLong(cells + 1);
            long seed = rnd.nextLong();
            Mask m = MaskGenerators.randomCount(rows, cols, count, seed);
            int n = 0;
            for (int o = 0; o < rows; o++) n += count(m, o, 0, cols);
            assertEquals(count, n);
            assertEquals(MaskGenerators.randomDensity(rows, cols, count / (double) cells, seed, 0), m);
        }
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.randomCount(2, 2, 5, 0));
    }
}
