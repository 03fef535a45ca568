package io.maskstudio.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Structure a mask may have beyond its counts: N:M (the pattern sparse tensor cores run) and blocks. Both are read
 * from the sorted row indices, so the cost is about one pass over the connections whatever the shape.
 */
public final class MaskStructure {
    /** The (N, M) pairs {@code inspect} reports: 1:2, 2:4 (NVIDIA's sparse tensor cores) and 4:8. */
    public static final List<int[]> COMMON_N_OF_M = List.of(new int[] {1, 2}, new int[] {2, 4}, new int[] {4, 8});
    /** The largest block side looked for; the sides tried are the powers of two up to it. */
    public static final int MAX_BLOCK = 32;

    private MaskStructure() {
    }

    /** A block size, rows by columns. */
    public record BlockSize(int rows, int cols) {
        @Override
        public String toString() {
            return rows + "x" + cols;
        }
    }

    /**
     * Whether every row has exactly {@code n} connections in each group of {@code m} consecutive inputs; a short last
     * group of {@code r < m} inputs must hold {@code min(n, r)}, the rule {@link MaskGenerators#nOfM} follows.
     */
    public static boolean isNOfM(Mask mask, int n, int m) {
        if (m < 1 || n < 0 || n > m) throw new IllegalArgumentException("expected 0 <= N <= M and M >= 1, was " + n + ":" + m);
        int cols = mask.cols();
        int groups = (int) (((long) cols + m - 1) / m);
        int[] count = new int[groups];
        for (int o = 0; o < mask.rows(); o++) {
            int[] idx = mask.rowIndices(o);
            if (idx.length != MaskGenerators.rowCountNOfM(cols, n, m)) return false;
            Arrays.fill(count, 0);
            for (int c : idx) count[c / m]++;
            for (int g = 0; g < groups; g++) {
                int len = Math.min(m, cols - g * m);
                if (count[g] != Math.min(n, len)) return false;
            }
        }
        return true;
    }

    /** The {@link #COMMON_N_OF_M} pairs the mask satisfies, as "N:M" strings, e.g. {@code ["2:4"]}. */
    public static List<String> commonNOfM(Mask mask) {
        List<String> hits = new ArrayList<>();
        for (int[] nm : COMMON_N_OF_M) if (isNOfM(mask, nm[0], nm[1])) hits.add(nm[0] + ":" + nm[1]);
        return hits;
    }

    /**
     * The largest block size {@code br x bc} (each a power of two up to {@link #MAX_BLOCK} and no larger than the mask)
     * such that every block of the grid anchored at (0, 0) is all present or all absent, edge blocks cut short; empty
     * when only 1x1 qualifies, and for an empty or full mask, where any size would do and none says anything.
     *
     * <p>Why rows and columns can be found separately: the blocks are uniform exactly when the rows within each band
     * of {@code br} rows are identical and every row is constant on each aligned run of {@code bc} columns. Those hold
     * when every row at which the content changes is a multiple of {@code br}, and every start and end of a run of
     * connections inside a row is a multiple of {@code bc}.
     */
    public static Optional<BlockSize> blockSize(Mask mask) {
        long nnz = mask.nnz();
        if (nnz == 0 || nnz == (long) mask.rows() * mask.cols()) return Optional.empty();
        int rowBoundaries = 0, colBoundaries = 0;
        int[] previous = null;
        for (int o = 0; o < mask.rows(); o++) {
            int[] idx = mask.rowIndices(o);
            if (previous != null && !Arrays.equals(idx, previous)) rowBoundaries |= o;
            colBoundaries |= runBoundaries(idx, mask.cols());
            previous = idx;
        }
        BlockSize b = new BlockSize(largestSide(rowBoundaries, mask.rows()), largestSide(colBoundaries, mask.cols()));
        return b.rows() == 1 && b.cols() == 1 ? Optional.empty() : Optional.of(b);
    }

    /** OR of the starts and ends of the runs of consecutive columns in {@code idx} (an end at {@code cols} is no boundary). */
    private static int runBoundaries(int[] idx, int cols) {
        int bits = 0;
        for (int k = 0; k < idx.length; k++) {
            if (k == 0 || idx[k] != idx[k - 1] + 1) bits |= idx[k];
            boolean runEnds = k == idx.length - 1 || idx[k + 1] != idx[k] + 1;
            if (runEnds && idx[k] + 1 < cols) bits |= idx[k] + 1;
        }
        return bits;
    }

    /** The largest power of two dividing every boundary ORed into {@code boundaries}, capped at MAX_BLOCK and at {@code n}. */
    private static int largestSide(int boundaries, int n) {
        int cap = Math.min(MAX_BLOCK, Integer.highestOneBit(n));
        if (boundaries == 0) return cap;
        return Math.min(cap, Integer.lowestOneBit(boundaries));
    }
}
