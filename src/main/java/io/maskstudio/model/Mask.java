package io.maskstudio.model;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Adjacency of one layer pair as a bit matrix in PyTorch's orientation {@code [out_features, in_features]}:
 * {@code get(o, i)} is true when input neuron {@code i} feeds output neuron {@code o}.
 *
 * <p>Rows are packed 64 columns to a {@code long}, so a row scan, a row's fan-in and set operations
 * are word-parallel. Mutable; {@link #copy()} before handing it to another thread.
 */
public final class Mask {
    private final int rows;
    private final int cols;
    private final int wordsPerRow;
    private final long[] bits;

    public Mask(int rows, int cols) {
        if (rows <= 0 || cols <= 0) throw new IllegalArgumentException("mask shape must be positive, was [" + rows + "," + cols + "]");
        this.rows = rows;
        this.cols = cols;
        this.wordsPerRow = (cols + 63) >>> 6;
        long words = (long) rows * wordsPerRow;
        if (words > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("mask [" + rows + "," + cols + "] is too large for a dense bit matrix");
        }
        this.bits = new long[(int) words];
    }

    private Mask(Mask other) {
        this.rows = other.rows;
        this.cols = other.cols;
        this.wordsPerRow = other.wordsPerRow;
        this.bits = other.bits.clone();
    }

    public static Mask full(int rows, int cols) {
        Mask m = new Mask(rows, cols);
        m.fill(true);
        return m;
    }

    /** Builds a mask from row-major booleans ({@code values[o*cols + i]}). */
    public static Mask fromBooleans(int rows, int cols, boolean[] values) {
        if (values.length != (long) rows * cols) throw new IllegalArgumentException("expected " + ((long) rows * cols) + " values, got " + values.length);
        Mask m = new Mask(rows, cols);
        for (int o = 0; o < rows; o++) {
            for (int i = 0; i < cols; i++) {
                if (values[o * cols + i]) m.set(o, i, true);
            }
        }
        return m;
    }

    public int rows() { return rows; }
    public int cols() { return cols; }
    /** Number of output neurons (rows). */
    public int outFeatures() { return rows; }
    /** Number of input neurons (columns). */
    public int inFeatures() { return cols; }

    public boolean get(int out, int in) {
        check(out, in);
        return (bits[out * wordsPerRow + (in >>> 6)] & (1L << in)) != 0;
    }

    public void set(int out, int in, boolean connected) {
        check(out, in);
        int w = out * wordsPerRow + (in >>> 6);
        if (connected) bits[w] |= 1L << in; else bits[w] &= ~(1L << in);
    }

    /** Sets every entry; keeps the padding bits of the last word of each row clear. */
    public void fill(boolean connected) {
        if (!connected) {
            Arrays.fill(bits, 0L);
            return;
        }
        long last = lastWordMask();
        for (int o = 0; o < rows; o++) {
            int base = o * wordsPerRow;
            Arrays.fill(bits, base, base + wordsPerRow, -1L);
            bits[base + wordsPerRow - 1] = last;
        }
    }

    public void setRow(int out, boolean connected) {
        setRowRange(out, 0, cols, connected);
    }

    public void setColumn(int in, boolean connected) {
        checkCol(in);
        for (int o = 0; o < rows; o++) set(o, in, connected);
    }

    /** Sets columns {@code [from,to)} of row {@code out}, a word at a time (clipped to the row). */
    public void setRowRange(int out, int from, int to, boolean connected) {
        checkRow(out);
        from = Math.max(0, from);
        to = Math.min(cols, to);
        if (from >= to) return;
        int base = out * wordsPerRow;
        int firstWord = from >>> 6;
        int lastWord = (to - 1) >>> 6;
        for (int w = firstWord; w <= lastWord; w++) {
            long m = -1L;
            if (w == firstWord) m &= -1L << from;           // shift counts are taken mod 64
            if (w == lastWord) m &= -1L >>> (63 - ((to - 1) & 63));
            if (connected) bits[base + w] |= m; else bits[base + w] &= ~m;
        }
    }

    /** Sets the rectangle {@code [out0,out1) x [in0,in1)}. */
    public void setRect(int out0, int out1, int in0, int in1, boolean connected) {
        for (int o = Math.max(0, out0); o < Math.min(rows, out1); o++) setRowRange(o, in0, in1, connected);
    }

    public long nnz() {
        long n = 0;
        for (long w : bits) n += Long.bitCount(w);
        return n;
    }

    public double density() {
        return nnz() / ((double) rows * cols);
    }

    /** Fan-in of output neuron {@code out}: how many inputs feed it (its row's nnz). */
    public int fanIn(int out) {
        checkRow(out);
        int n = 0;
        int base = out * wordsPerRow;
        for (int w = 0; w < wordsPerRow; w++) n += Long.bitCount(bits[base + w]);
        return n;
    }

    /** Fan-in of every output neuron. */
    public int[] fanIns() {
        int[] f = new int[rows];
        for (int o = 0; o < rows; o++) f[o] = fanIn(o);
        return f;
    }

    /** Fan-out of every input neuron: how many outputs each one feeds (its column's nnz). */
    public int[] fanOuts() {
        int[] f = new int[cols];
        for (int o = 0; o < rows; o++) {
            int base = o * wordsPerRow;
            for (int w = 0; w < wordsPerRow; w++) {
                long word = bits[base + w];
                while (word != 0) {
                    f[(w << 6) + Long.numberOfTrailingZeros(word)]++;
                    word &= word - 1;
                }
            }
        }
        return f;
    }

    public int fanOut(int in) {
        checkCol(in);
        int n = 0;
        for (int o = 0; o < rows; o++) if (get(o, in)) n++;
        return n;
    }

    /** Column indices present in row {@code out}, ascending. */
    public int[] rowIndices(int out) {
        int[] idx = new int[fanIn(out)];
        int[] k = {0};
        forEachInRow(out, i -> idx[k[0]++] = i);
        return idx;
    }

    /** Calls {@code action} with each present column of row {@code out}, ascending. */
    public void forEachInRow(int out, IntConsumer action) {
        checkRow(out);
        int base = out * wordsPerRow;
        for (int w = 0; w < wordsPerRow; w++) {
            long word = bits[base + w];
            while (word != 0) {
                action.accept((w << 6) + Long.numberOfTrailingZeros(word));
                word &= word - 1;
            }
        }
    }

    /** Receives one connection: output neuron {@code out}, input neuron {@code in}. */
    @FunctionalInterface
    public interface CellConsumer {
        void accept(int out, int in);
    }

    /** Calls {@code action} with every connection, row by row, columns ascending. */
    public void forEachSet(CellConsumer action) {
        for (int o = 0; o < rows; o++) {
            int base = o * wordsPerRow;
            for (int w = 0; w < wordsPerRow; w++) {
                long word = bits[base + w];
                while (word != 0) {
                    action.accept(o, (w << 6) + Long.numberOfTrailingZeros(word));
                    word &= word - 1;
                }
            }
        }
    }

    /** The row's packed bits (bit {@code i % 64} of word {@code i / 64}); a copy. */
    public long[] rowWords(int out) {
        checkRow(out);
        return Arrays.copyOfRange(bits, out * wordsPerRow, (out + 1) * wordsPerRow);
    }

    /** True when row {@code out} shares a set bit with {@code words} (same packing as {@link #rowWords}). */
    public boolean rowIntersects(int out, long[] words) {
        int base = out * wordsPerRow;
        for (int w = 0; w < wordsPerRow; w++) if ((bits[base + w] & words[w]) != 0) return true;
        return false;
    }

    /** Row-major 0/1 floats, {@code [out*in]}: what the engine multiplies weights by. */
    public float[] toFloats() {
        float[] f = new float[rows * cols];
        for (int o = 0; o < rows; o++) {
            final int base = o * cols;
            forEachInRow(o, i -> f[base + i] = 1f);
        }
        return f;
    }

    /** Row-major booleans, {@code [out*in]}. */
    public boolean[] toBooleans() {
        boolean[] b = new boolean[rows * cols];
        for (int o = 0; o < rows; o++) {
            final int base = o * cols;
            forEachInRow(o, i -> b[base + i] = true);
        }
        return b;
    }

    public Mask copy() {
        return new Mask(this);
    }

    /** Copies all bits of {@code other} (same shape) into this mask. */
    public void assign(Mask other) {
        requireSameShape(other);
        System.arraycopy(other.bits, 0, bits, 0, bits.length);
    }

    public Mask invert() {
        Mask m = new Mask(rows, cols);
        for (int k = 0; k < bits.length; k++) m.bits[k] = ~bits[k];
        m.clearPadding();
        return m;
    }

    public Mask union(Mask other) {
        requireSameShape(other);
        Mask m = copy();
        for (int k = 0; k < bits.length; k++) m.bits[k] |= other.bits[k];
        return m;
    }

    public Mask intersection(Mask other) {
        requireSameShape(other);
        Mask m = copy();
        for (int k = 0; k < bits.length; k++) m.bits[k] &= other.bits[k];
        return m;
    }

    /** Connections present here and absent in {@code other}. */
    public Mask difference(Mask other) {
        requireSameShape(other);
        Mask m = copy();
        for (int k = 0; k < bits.length; k++) m.bits[k] &= ~other.bits[k];
        return m;
    }

    /** Connections present in exactly one of the two masks: the cells an edit from one to the other changes. */
    public Mask symmetricDifference(Mask other) {
        requireSameShape(other);
        Mask m = copy();
        for (int k = 0; k < bits.length; k++) m.bits[k] ^= other.bits[k];
        return m;
    }

    /** The mask with rows/columns cut or zero-extended to a new shape (used when a layer is resized). */
    public Mask resized(int newRows, int newCols) {
        Mask m = new Mask(newRows, newCols);
        for (int o = 0; o < Math.min(rows, newRows); o++) {
            final int row = o;
            forEachInRow(o, i -> { if (i < newCols) m.set(row, i, true); });
        }
        return m;
    }

    public boolean sameShape(Mask other) {
        return rows == other.rows && cols == other.cols;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.rows == rows && m.cols == cols && Arrays.equals(m.bits, bits);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "Mask[" + rows + "x" + cols + ", nnz=" + nnz() + "]";
    }

    private void requireSameShape(Mask other) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException("mask shapes differ: [" + rows + "," + cols + "] vs [" + other.rows + "," + other.cols + "]");
        }
    }

    private long lastWordMask() {
        int r = cols & 63;
        return r == 0 ? -1L : (1L << r) - 1;
    }

    private void clearPadding() {
        long last = lastWordMask();
        for (int o = 0; o < rows; o++) bits[o * wordsPerRow + wordsPerRow - 1] &= last;
    }

    private void check(int out, int in) {
        checkRow(out);
        checkCol(in);
    }

    private void checkRow(int out) {
        if (out < 0 || out >= rows) throw new IndexOutOfBoundsException("output neuron " + out + " outside [0," + rows + ")");
    }

    private void checkCol(int in) {
        if (in < 0 || in >= cols) throw new IndexOutOfBoundsException("input neuron " + in + " outside [0," + cols + ")");
    }
}
