package io.maskstudio.engine.sparse;

import io.maskstudio.model.Mask;
import io.maskstudio.model.SparseTraining.Scope;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Iterative magnitude pruning: after L levels each pair (or the network, globally) holds (1 − p)^L of its level-0
 * connections within one, and each level removes exactly the weakest by |w| as a naive sort finds them.
 */
class LotteryPruningTest {
    private static final int[][] SHAPES = {{30, 40}, {10, 30}, {3, 10}};

    private static List<Mask> full() {
        List<Mask> masks = new ArrayList<>();
        for (int[] s : SHAPES) {
            Mask m = new Mask(s[0], s[1]);
            for (int o = 0; o < s[0]; o++) for (int i = 0; i < s[1]; i++) m.set(o, i, true);
            masks.add(m);
        }
        return masks;
    }

    /** Stand-ins for trained weights, pair {@code k} at its own scale so a global ranking prunes pairs unequally. */
    private static List<float[]> weights(List<Mask> masks, Random r) {
        List<float[]> w = new ArrayList<>();
        for (int k = 0; k < masks.size(); k++) {
            float[] v = new float[(int) masks.get(k).nnz()];
            for (int p = 0; p < v.length; p++) v[p] = (float) (r.nextGaussian() * (k + 1));
            w.add(v);
        }
        return w;
    }

    /** One present cell: pair, row, column and |w|, in the order the pair stores them. */
    private record Cell(int pair, int row, int col, float magnitude, int order) {}

    private static List<Cell> cells(List<Mask> masks, List<float[]> w) {
        List<Cell> cells = new ArrayList<>();
        int order = 0;
        for (int k = 0; k < masks.size(); k++) {
            Mask m = masks.get(k);
            int p = 0;
            for (int o = 0; o < m.rows(); o++) {
                for (int i = 0; i < m.cols(); i++) if (m.get(o, i)) cells.add(new Cell(k, o, i, Math.abs(w.get(k)[p++]), order++));
            }
        }
        return cells;
    }

    /** The naive reference: sort the present cells by |w| (ties: earlier first) and switch off the first {@code drop}. */
    private static List<Mask> naive(List<Mask> masks, List<Cell> cells, long drop) {
        List<Mask> out = new ArrayList<>();
        for (Mask m : masks) out.add(m.copy());
        cells.stream().sorted(Comparator.comparingDouble(Cell::magnitude).thenComparingInt(Cell::order)).limit(drop)
                .forEach(c -> out.get(c.pair()).set(c.row(), c.col(), false));
        return out;
    }

    @Test
    void perPairEveryLevelKeepsTheStrongestAndEndsAtTheCompoundedDensity() {
        Random r = new Random(1);
        List<Mask> masks = full();
        long[] zero = masks.stream().mapToLong(Mask::nnz).toArray();
        int levels = 6;
        for (int level = 1; level <= levels; level++) {
            List<float[]> w = weights(masks, r);
            List<Mask> next = LotteryPruning.prune(masks, w, zero, 0.2, level, Scope.PAIR);
            for (int k = 0; k < masks.size(); k++) {
                List<Cell> own = cells(List.of(masks.get(k)), List.of(w.get(k)));
                long drop = masks.get(k).nnz() - Math.round(zero[k] * Math.pow(0.8, level));
                assertEquals(naive(List.of(masks.get(k)), own, drop).get(0), next.get(k), "level " + level + " pair " + k);
            }
            masks = next;
        }
        for (int k = 0; k < masks.size(); k++) {
            double density = (double) masks.get(k).nnz() / zero[k];
            assertTrue(Math.abs(density - Math.pow(0.8, levels)) <= 1.0 / zero[k], "pair " + k + ": density " + density);
        }
    }

    @Test
    void globallyOneRankingDecidesAndTheTotalFollowsTheRate() {
        Random r = new Random(2);
        List<Mask> masks = full();
        long[] zero = masks.stream().mapToLong(Mask::nnz).toArray();
        long total = zero[0] + zero[1] + zero[2];
        for (int level = 1; level <= 4; level++) {
            List<float[]> w = weights(masks, r);
            List<Mask> next = LotteryPruning.prune(masks, w, zero, 0.3, level, Scope.GLOBAL);
            long present = masks.stream().mapToLong(Mask::nnz).sum();
            long target = Math.round(total * Math.pow(0.7, level));
            assertEquals(naive(masks, cells(masks, w), present - target), next, "level " + level);
            assertEquals(target, next.stream().mapToLong(Mask::nnz).sum());
            masks = next;
        }
        // Pair 2's weights are 3x pair 0's: a global ranking prunes it less.
        assertTrue((double) masks.get(2).nnz() / zero[2] > (double) masks.get(0).nnz() / zero[0]);
    }
}
