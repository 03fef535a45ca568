package io.maskstudio.engine;

import io.maskstudio.model.Mask;

import java.util.Arrays;

/** Removes the fraction of a layer's present connections with the smallest |w|. */
public final class MagnitudePruning {
    private MagnitudePruning() {}

    /**
     * @param weights row-major [out,in]
     * @return a new mask without the {@code floor(fraction * nnz)} weakest connections (ties: lower index first)
     */
    public static Mask prune(Mask mask, float[] weights, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("prune fraction must be in [0,1], was " + fraction);
        int cols = mask.cols();
        long nnz = mask.nnz();
        int remove = (int) Math.floor(fraction * nnz);
        if (remove == 0) return mask.copy();
        long[] keys = new long[(int) nnz];
        int[] k = {0};
        for (int o = 0; o < mask.rows(); o++) {
            final int row = o;
            // sort key: |w| bits (monotonic for non-negative floats) in the high word, flat index in the low
            mask.forEachInRow(o, i -> {
                int flat = row * cols + i;
                keys[k[0]++] = ((long) Float.floatToIntBits(Math.abs(weights[flat])) << 32) | (flat & 0xffffffffL);
            });
        }
        Arrays.sort(keys);
        Mask pruned = mask.copy();
        for (int r = 0; r < remove; r++) {
            int flat = (int) keys[r];
            pruned.set(flat / cols, flat % cols, false);
        }
        return pruned;
    }
}
