package io.maskstudio.engine.sparse;

import io.maskstudio.model.Mask;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The two halves of a drop-and-grow mask update. Weights are passed as the present connections' values in row-major
 * order ({@link #presentValues}), the order sparse kernels keep them in, so memory follows the connection count,
 * never the pair's full size. Ties in |w| or in score go to the lower row-major index, so an update is reproducible.
 */
public final class DropGrow {
    private DropGrow() {}

    /** The present connections' values of a dense row-major {@code [rows*cols]} array, in row-major order. */
    public static float[] presentValues(Mask mask, float[] dense) {
        long nnz = mask.nnz();
        if (nnz > Integer.MAX_VALUE) throw new IllegalArgumentException("more than 2^31 connections in one pair: " + nnz);
        float[] out = new float[(int) nnz];
        int cols = mask.cols();
        int[] k = {0};
        for (int o = 0; o < mask.rows(); o++) {
            int base = o * cols;
            mask.forEachInRow(o, i -> out[k[0]++] = dense[base + i]);
        }
        return out;
    }

    /**
     * {@code mask} without its {@code k} present connections of smallest |w|.
     *
     * @param presentWeights the present connections' weights in row-major order ({@code mask.nnz()} values)
     */
    public static Mask dropWeakest(Mask mask, float[] presentWeights, int k) {
        if (presentWeights.length != mask.nnz()) {
            throw new IllegalArgumentException("expected " + mask.nnz() + " present weights, got " + presentWeights.length);
        }
        if (k < 0 || k > presentWeights.length) throw new IllegalArgumentException("cannot drop " + k + " of " + presentWeights.length + " connections");
        Mask kept = mask.copy();
        if (k == 0) return kept;
        // Sort key: |w|'s bits (ordered like the values for non-negative floats) high, the present index low.
        long[] keys = new long[presentWeights.length];
        for (int p = 0; p < keys.length; p++) keys[p] = ((long) Float.floatToIntBits(Math.abs(presentWeights[p])) << 32) | p;
        Arrays.sort(keys);
        boolean[] drop = new boolean[keys.length];
        for (int r = 0; r < k; r++) drop[(int) keys[r]] = true;
        int[] p = {0};
        for (int o = 0; o < mask.rows(); o++) {
            int row = o;
            for (int i : mask.rowIndices(o)) if (drop[p[0]++]) kept.set(row, i, false);
        }
        return kept;
    }

    /** {@code k} cells absent from {@code kept}, uniformly at random (SET's regrowth); returns only the new cells. */
    public static Mask growRandom(Mask kept, long k, SplittableRandom rng) {
        long cells = (long) kept.rows() * kept.cols();
        long free = cells - kept.nnz();
        if (k < 0 || k > free) throw new IllegalArgumentException("cannot grow " + k + " connections where " + free + " are absent");
        Mask added = new Mask(kept.rows(), kept.cols());
        int cols = kept.cols();
        if (2 * k <= free) {
            // Mostly empty: rejection sampling takes fewer than two draws per new cell on average.
            for (long left = k; left > 0; ) {
                long c = rng.nextLong(cells);
                int o = (int) (c / cols), i = (int) (c % cols);
                if (!kept.get(o, i) && !added.get(o, i)) {
                    added.set(o, i, true);
                    left--;
                }
            }
            return added;
        }
        // Mostly full: selection sampling (Knuth's algorithm S) in one pass over the absent cells.
        long left = k;
        for (int o = 0; o < kept.rows() && left > 0; o++) {
            for (int i = 0; i < cols && left > 0; i++) {
                if (kept.get(o, i)) continue;
                if (rng.nextDouble() * free < left) {
                    added.set(o, i, true);
                    left--;
                }
                free--;
            }
        }
        return added;
    }

    /**
     * The {@code k} cells absent from {@code kept} with the largest |score| (RigL's grow step on |δᵀx|), read a block
     * of rows at a time: memory is one block plus k cells, whatever the pair's size. Returns only the new cells.
     */
    public static Mask growStrongest(Mask kept, RowBlockScores scores, int k) {
        if (scores.rows() != kept.rows() || scores.cols() != kept.cols()) {
            throw new IllegalArgumentException("scores are " + scores.rows() + "x" + scores.cols() + ", the mask " + kept.rows() + "x" + kept.cols());
        }
        long free = (long) kept.rows() * kept.cols() - kept.nnz();
        if (k < 0 || k > free) throw new IllegalArgumentException("cannot grow " + k + " connections where " + free + " are absent");
        TopCells top = new TopCells(k);
        int cols = kept.cols(), block = Math.max(1, scores.blockRows());
        float[] buf = new float[(int) Math.min((long) block * cols, (long) kept.rows() * cols)];
        for (int r0 = 0; r0 < kept.rows(); r0 += block) {
            int r1 = Math.min(kept.rows(), r0 + block);
            scores.fill(r0, r1, buf);
            for (int o = r0; o < r1; o++) {
                int base = (o - r0) * cols;
                int[] present = kept.rowIndices(o);
                int p = 0;
                for (int i = 0; i < cols; i++) {
                    // Walk the row's ascending present columns alongside: no lookup per cell.
                    if (p < present.length && present[p] == i) {
                        p++;
                        continue;
                    }
                    top.offer(Math.abs(buf[base + i]), (long) o * cols + i);
                }
            }
        }
        Mask added = new Mask(kept.rows(), kept.cols());
        for (long c : top.cells()) added.set((int) (c / cols), (int) (c % cols), true);
        return added;
    }
}
