package io.maskstudio.engine.sparse;

import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drop and grow against naive references: the dropped cells are the k smallest |w| by a plain sort, the grown cells
 * of RigL are the top k of |δᵀx| over absent cells with δᵀx summed by loops, and a drop-then-grow keeps the count.
 */
class DropGrowTest {

    private static Mask randomMask(int rows, int cols, double density, long seed, boolean sparseRows) {
        Random r = new Random(seed);
        Mask m = sparseRows ? Mask.sparse(rows, cols) : new Mask(rows, cols);
        for (int o = 0; o < rows; o++) for (int i = 0; i < cols; i++) if (r.nextDouble() < density) m.set(o, i, true);
        return m;
    }

    /** Row-major (row, col) pairs of the set cells. */
    private static Set<Long> cells(Mask m) {
        Set<Long> s = new HashSet<>();
        for (int o = 0; o < m.rows(); o++) for (int i = 0; i < m.cols(); i++) if (m.get(o, i)) s.add((long) o * m.cols() + i);
        return s;
    }

    @Test
    void dropRemovesTheKSmallestMagnitudesLikeAPlainSort() {
        for (long seed = 1; seed <= 20; seed++) {
            Mask m = randomMask(13, 17, 0.4, seed, seed % 2 == 0);
            Random r = new Random(seed * 31);
            float[] dense = new float[13 * 17];
            // Few distinct magnitudes and both signs, so ties and |w| (not w) matter.
            for (int k = 0; k < dense.length; k++) dense[k] = (r.nextInt(9) - 4) * 0.25f;
            int k = (int) (m.nnz() / 3);
            Mask kept = DropGrow.dropWeakest(m, DropGrow.presentValues(m, dense), k);

            List<Long> present = new ArrayList<>(cells(m));
            present.sort(Comparator.comparingDouble((Long c) -> Math.abs(dense[(int) (long) c])).thenComparing(c -> c));
            Set<Long> expected = new HashSet<>(present.subList(k, present.size()));
            assertEquals(expected, cells(kept), "seed " + seed);
        }
    }

    @Test
    void randomGrowthAddsExactlyKAbsentCellsReproducibly() {
        for (double density : new double[] {0.05, 0.7}) { // both the rejection and the one-pass branch
            Mask kept = randomMask(40, 50, density, 7, false);
            int k = (int) Math.min(300, (40 * 50 - kept.nnz()) * 0.8);
            Mask a = DropGrow.growRandom(kept, k, new SplittableRandom(5));
            Mask b = DropGrow.growRandom(kept, k, new SplittableRandom(5));
            assertEquals(k, a.nnz());
            assertEquals(cells(a), cells(b), "same seed, same cells");
            assertNotEquals(cells(a), cells(DropGrow.growRandom(kept, k, new SplittableRandom(6))));
            for (long c : cells(a)) assertFalse(kept.get((int) (c / 50), (int) (c % 50)), "grown cell " + c + " was present");
        }
    }

    @Test
    void rigLGrowsTheTopKOfTheDenseGradientOverAbsentCells() {
        int batch = 6, out = 23, in = 19;
        for (long seed = 1; seed <= 10; seed++) {
            Random r = new Random(seed);
            float[] d = new float[batch * out], x = new float[batch * in];
            for (int k = 0; k < d.length; k++) d[k] = (float) r.nextGaussian();
            for (int k = 0; k < x.length; k++) x[k] = r.nextInt(3); // small integers: exact sums, real ties
            Mask kept = randomMask(out, in, 0.3, seed, seed % 2 == 1);
            GradientBlocks g = new GradientBlocks(Nd4j.createFromArray(d).reshape('c', batch, out), Nd4j.createFromArray(x).reshape('c', batch, in));
            // Three rows per block: the selection must not depend on where blocks end.
            RowBlockScores small = new RowBlockScores() {
                @Override public int rows() { return g.rows(); }
                @Override public int cols() { return g.cols(); }
                @Override public int blockRows() { return 3; }
                @Override public void fill(int r0, int r1, float[] o) { g.fill(r0, r1, o); }
            };
            int k = 25;
            Mask added = DropGrow.growStrongest(kept, small, k);

            // δᵀx by loops, then a plain sort of the absent cells by |g| (ties: lower index).
            double[] grad = new double[out * in];
            for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) for (int b = 0; b < batch; b++) grad[o * in + i] += d[b * out + o] * x[b * in + i];
            List<Long> absent = new ArrayList<>();
            for (int c = 0; c < out * in; c++) if (!kept.get(c / in, c % in)) absent.add((long) c);
            absent.sort(Comparator.comparingDouble((Long c) -> -Math.abs(grad[(int) (long) c])).thenComparing(c -> c));
            assertEquals(new HashSet<>(absent.subList(0, k)), cells(added), "seed " + seed);
        }
    }

    @Test
    void aDropAndGrowUpdateKeepsTheConnectionCountExactly() {
        Mask m = randomMask(30, 30, 0.1, 3, true);
        float[] dense = new float[900];
        Random r = new Random(3);
        for (int k = 0; k < dense.length; k++) dense[k] = (float) r.nextGaussian();
        long before = m.nnz();
        int k = (int) Math.round(0.3 * before);
        Mask kept = DropGrow.dropWeakest(m, DropGrow.presentValues(m, dense), k);
        Mask grown = DropGrow.growRandom(kept, k, new SplittableRandom(1));
        assertEquals(before, kept.union(grown).nnz());
        float[] g = new float[900];
        for (int c = 0; c < 900; c++) g[c] = (float) r.nextGaussian();
        Mask strongest = DropGrow.growStrongest(kept, RowBlockScores.ofDense(30, 30, g), k);
        assertEquals(before, kept.union(strongest).nnz());
        assertTrue(kept.intersection(strongest).nnz() == 0);
    }

    @Test
    void aHugeSparsePairIsRankedWithoutItsDenseGradient() {
        // 10,000 x 10,000 at 0.01%: a dense float gradient would be 400 MB; blocks keep it to 16 MB (the 100,000 x
        // 100,000 case is a benchmark, not a unit test).
        int n = 10_000;
        Mask kept = Mask.sparse(n, n);
        SplittableRandom r = new SplittableRandom(9);
        for (int c = 0; c < 10_000; c++) kept.set(r.nextInt(n), r.nextInt(n), true);
        INDArray delta = Nd4j.rand(DataType.FLOAT, 4, n);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, n);
        GradientBlocks g = new GradientBlocks(delta, x);
        assertTrue((long) g.blockRows() * n <= GradientBlocks.BLOCK_VALUES);
        Mask added = DropGrow.growStrongest(kept, g, 1000);
        assertEquals(1000, added.nnz());
        assertEquals(0, kept.intersection(added).nnz());
    }
}
