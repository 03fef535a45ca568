package io.maskstudio.io;

import io.maskstudio.model.Mask;

import java.util.Arrays;

/**
 * Sets a new mask's connections as a reader finds them. A bit mask takes each directly; a mask stored as sparse
 * rows (very large shapes) would copy a row per connection, so connections are buffered (a fixed 512 KiB) and
 * merged into their rows a batch at a time. Connections must be new (readers refuse repeats before this).
 */
final class MaskFiller {
    private static final int BATCH = 1 << 16;

    private final Mask mask;
    private final long[] cells = new long[BATCH]; // row << 32 | column
    private int n;
    private boolean sorted = true;

    MaskFiller(Mask mask) {
        this.mask = mask;
    }

    void connect(int row, int col) {
        if (!mask.isSparse()) {
            mask.set(row, col, true);
            return;
        }
        long c = (long) row << 32 | col;
        if (n > 0 && c < cells[n - 1]) sorted = false;
        cells[n++] = c;
        if (n == BATCH) flush();
    }

    /** Applies what is buffered and returns the mask. */
    Mask finish() {
        flush();
        return mask;
    }

    private void flush() {
        if (n == 0) return;
        if (!sorted) Arrays.sort(cells, 0, n);
        int k = 0;
        while (k < n) {
            int row = (int) (cells[k] >>> 32);
            int end = k;
            while (end < n && (int) (cells[end] >>> 32) == row) end++;
            if (mask.isSparse()) {
                mask.setRowIndices(row, merge(mask.rowIndices(row), cells, k, end));
            } else {
                // the mask switched to bits during this batch
                for (int j = k; j < end; j++) mask.set(row, (int) cells[j], true);
            }
            k = end;
        }
        n = 0;
        sorted = true;
    }

    /** The ascending union of a row's columns and the batch's columns {@code [from,to)} (both ascending). */
    private static int[] merge(int[] row, long[] batch, int from, int to) {
        int[] out = new int[row.length + to - from];
        int a = 0, b = from, o = 0;
        while (a < row.length || b < to) {
            if (b == to || (a < row.length && row[a] < (int) batch[b])) out[o++] = row[a++];
            else out[o++] = (int) batch[b++];
        }
        return out;
    }
}
