package io.maskstudio.model;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Sparse {@link Mask} storage: each row's columns as an ascending {@code int[]}, about 4 bytes per
 * connection, so huge layers with few connections stay small. Edits replace a row's array instead of
 * changing it, which lets copies share rows safely.
 */
final class SparseRowStorage implements MaskStorage {
    private final int cols;
    private final int[][] rowCols;
    private long nnz;

    /** An empty storage. */
    SparseRowStorage(int rows, int cols) {
        this(cols, new int[rows][], 0);
        Arrays.fill(rowCols, SparseRows.EMPTY);
    }

    private SparseRowStorage(int cols, int[][] rowCols, long nnz) {
        this.cols = cols;
        this.rowCols = rowCols;
        this.nnz = nnz;
    }

    /** The same connections as {@code source}, as sparse rows. */
    static SparseRowStorage of(MaskStorage source) {
        if (source instanceof SparseRowStorage s) return s.copy();
        int[][] r = new int[source.rows()][];
        long n = 0;
        for (int o = 0; o < r.length; o++) {
            int[] row = source.rowIndices(o);
            r[o] = row.length == 0 ? SparseRows.EMPTY : row;
            n += row.length;
        }
        return new SparseRowStorage(source.cols(), r, n);
    }

    /** {@code a op b} (same shape, either storage), merged row by row. */
    static SparseRowStorage merged(MaskStorage a, MaskStorage b, SparseRows.Op op) {
        int[][] r = new int[a.rows()][];
        long n = 0;
        for (int o = 0; o < r.length; o++) {
            r[o] = SparseRows.merge(a.sharedRow(o), b.sharedRow(o), op);
            n += r[o].length;
        }
        return new SparseRowStorage(a.cols(), r, n);
    }

    /**
     * The {@code [cols, rows]} transpose of {@code source}, by counting sort: each column's fan-out sizes its
     * new row, and visiting the source rows in order fills every new row already ascending.
     */
    static SparseRowStorage transposeOf(MaskStorage source) {
        int[] fanOuts = source.fanOuts();
        int[][] t = new int[source.cols()][];
        for (int c = 0; c < t.length; c++) t[c] = fanOuts[c] == 0 ? SparseRows.EMPTY : new int[fanOuts[c]];
        int[] filled = new int[t.length];
        for (int r = 0; r < source.rows(); r++) {
            for (int c : source.sharedRow(r)) t[c][filled[c]++] = r;
        }
        return new SparseRowStorage(source.rows(), t, source.nnz());
    }

    /** Rough bytes used: 4 per connection plus an array header per row. */
    static long bytes(long nnz, int rows) {
        return 4 * nnz + 16L * rows;
    }

    long bytes() {
        return bytes(nnz, rowCols.length);
    }

    /** Every cell flipped. */
    SparseRowStorage complement() {
        int[][] r = new int[rowCols.length][];
        for (int o = 0; o < r.length; o++) r[o] = SparseRows.complement(rowCols[o], cols);
        return new SparseRowStorage(cols, r, (long) rowCols.length * cols - nnz);
    }

    void clear() {
        Arrays.fill(rowCols, SparseRows.EMPTY);
        nnz = 0;
    }

    @Override public int rows() { return rowCols.length; }
    @Override public int cols() { return cols; }

    @Override
    public boolean get(int row, int col) {
        return SparseRows.contains(rowCols[row], col);
    }

    @Override
    public void set(int row, int col, boolean connected) {
        int[] old = rowCols[row];
        int[] next = connected ? SparseRows.with(old, col) : SparseRows.without(old, col);
        replaceRow(row, next);
    }

    @Override
    public void setRowIndices(int row, int[] ascendingColumns) {
        replaceRow(row, ascendingColumns.length == 0 ? SparseRows.EMPTY : ascendingColumns.clone());
    }

    @Override
    public void setRowRange(int row, int from, int to, boolean connected) {
        replaceRow(row, SparseRows.withRange(rowCols[row], from, to, connected));
    }

    private void replaceRow(int row, int[] next) {
        nnz += next.length - rowCols[row].length;
        rowCols[row] = next;
    }

    @Override
    public long nnz() {
        return nnz;
    }

    @Override
    public int fanIn(int row) {
        return rowCols[row].length;
    }

    @Override
    public int[] fanOuts() {
        int[] f = new int[cols];
        for (int[] row : rowCols) for (int c : row) f[c]++;
        return f;
    }

    @Override
    public int[] rowIndices(int row) {
        return rowCols[row].clone();
    }

    @Override
    public int[] sharedRow(int row) {
        return rowCols[row];
    }

    @Override
    public void forEachInRow(int row, IntConsumer action) {
        for (int c : rowCols[row]) action.accept(c);
    }

    @Override
    public long[] rowWords(int row) {
        long[] words = new long[(cols + 63) >>> 6];
        SparseRows.toWords(rowCols[row], words);
        return words;
    }

    @Override
    public boolean rowIntersects(int row, long[] words) {
        for (int c : rowCols[row]) if ((words[c >>> 6] & (1L << c)) != 0) return true;
        return false;
    }

    @Override
    public SparseRowStorage copy() {
        return new SparseRowStorage(cols, rowCols.clone(), nnz); // rows are never changed in place, so share them
    }

    @Override
    public int wordHash() {
        int h = 1; // Arrays.hashCode over all rows' words, one row at a time
        long[] words = new long[(cols + 63) >>> 6];
        for (int[] row : rowCols) {
            SparseRows.toWords(row, words);
            for (long w : words) h = 31 * h + Long.hashCode(w);
        }
        return h;
    }

    @Override
    public boolean sameConnections(MaskStorage other) {
        if (other instanceof SparseRowStorage s && s.nnz != nnz) return false;
        return MaskStorage.super.sameConnections(other);
    }
}
