package io.maskstudio.model;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Adjacency of one layer pair in PyTorch's orientation {@code [out_features, in_features]}:
 * {@code get(o, i)} is true when input neuron {@code i} feeds output neuron {@code o}.
 *
 * <p>Two storages behind one API, chosen automatically:
 * <ul>
 *   <li><b>dense bits</b>: rows packed 64 columns to a {@code long}, so row scans, fan-ins and set
 *       operations are word-parallel. Used for every mask whose bit matrix takes at most
 *       {@link #DENSE_AUTO_MAX_BYTES} (a 23,000 x 23,000 layer), whatever its density.
 *   <li><b>sparse rows</b>: ascending column indices per row, 4 bytes per connection. Used for larger
 *       shapes while it takes less memory than the bits would: a 100,000 x 100,000 mask with 10^6
 *       connections needs 4 MB instead of 1.25 GB. It switches to bits when it fills up past that.
 * </ul>
 * Both behave identically (equality and hash codes included); {@link BitMatrix} and {@link SparseRowStorage}
 * hold the data, this class checks indices and picks the storage. Mutable; {@link #copy()} before handing it
 * to another thread.
 */
public final class Mask {
    /** Bit matrices up to this size are always used; larger shapes start sparse. */
    public static final long DENSE_AUTO_MAX_BYTES = 64L << 20;

    /** How storage is chosen: bits always (ordinary shapes), by memory (large shapes), rows always ({@link #sparse}). */
    private enum Policy {
        BITS, ADAPTIVE, ROWS;

        /** What {@code new Mask(rows, cols)} uses. */
        static Policy forShape(int rows, int cols) {
            return BitMatrix.bytes(rows, cols) > DENSE_AUTO_MAX_BYTES ? ADAPTIVE : BITS;
        }
    }

    private final int rows;
    private final int cols;
    private final Policy policy;
    /** Always a BitMatrix under BITS, always sparse rows under ROWS, either under ADAPTIVE. */
    private MaskStorage storage;

    public Mask(int rows, int cols) {
        this(rows, cols, Policy.forShape(rows, cols));
    }

    private Mask(int rows, int cols, Policy policy) {
        this(rows, cols, policy, null);
        storage = policy == Policy.BITS ? new BitMatrix(rows, cols) : new SparseRowStorage(rows, cols);
    }

    private Mask(int rows, int cols, Policy policy, MaskStorage storage) {
        if (rows <= 0 || cols <= 0) throw new IllegalArgumentException("mask shape must be positive, was [" + rows + "," + cols + "]");
        this.rows = rows;
        this.cols = cols;
        this.policy = policy;
        this.storage = storage;
    }

    /** An empty mask that keeps sparse-row storage whatever its shape and content (copies and set operations too). */
    public static Mask sparse(int rows, int cols) {
        return new Mask(rows, cols, Policy.ROWS);
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
    /** True while the mask is stored as sparse rows (see the class comment). */
    public boolean isSparse() { return storage instanceof SparseRowStorage; }

    public boolean get(int out, int in) {
        check(out, in);
        return storage.get(out, in);
    }

    public void set(int out, int in, boolean connected) {
        check(out, in);
        storage.set(out, in, connected);
        if (connected && policy == Policy.ADAPTIVE) switchToBitsIfSmaller();
    }

    /** Replaces row {@code out}'s connections with {@code ascendingColumns} (strictly ascending, in range). */
    public void setRowIndices(int out, int[] ascendingColumns) {
        checkRow(out);
        for (int k = 0; k < ascendingColumns.length; k++) {
            int c = ascendingColumns[k];
            if (c < 0 || c >= cols || (k > 0 && c <= ascendingColumns[k - 1])) {
                throw new IllegalArgumentException("row " + out + ": columns must be strictly ascending in [0," + cols + "), found " + c + " at position " + k);
            }
        }
        storage.setRowIndices(out, ascendingColumns);
        if (policy == Policy.ADAPTIVE) switchToBitsIfSmaller();
    }

    /** Sets every entry; keeps the padding bits of the last word of each row clear. */
    public void fill(boolean connected) {
        if (!connected) {
            if (storage instanceof SparseRowStorage s) s.clear();
            else if (policy == Policy.ADAPTIVE) storage = new SparseRowStorage(rows, cols);
            else ((BitMatrix) storage).clear();
            return;
        }
        if (policy == Policy.ROWS) {
            for (int o = 0; o < rows; o++) storage.setRowRange(o, 0, cols, true);
            return;
        }
        BitMatrix bits = storage instanceof BitMatrix b ? b : new BitMatrix(rows, cols);
        bits.fillAll();
        storage = bits;
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
        storage.setRowRange(out, from, to, connected);
        if (connected && policy == Policy.ADAPTIVE) switchToBitsIfSmaller();
    }

    /** Sets the rectangle {@code [out0,out1) x [in0,in1)}. */
    public void setRect(int out0, int out1, int in0, int in1, boolean connected) {
        for (int o = Math.max(0, out0); o < Math.min(rows, out1); o++) setRowRange(o, in0, in1, connected);
    }

    public long nnz() {
        return storage.nnz();
    }

    public double density() {
        return nnz() / ((double) rows * cols);
    }

    /** Fan-in of output neuron {@code out}: how many inputs feed it (its row's nnz). */
    public int fanIn(int out) {
        checkRow(out);
        return storage.fanIn(out);
    }

    /** Fan-in of every output neuron. */
    public int[] fanIns() {
        int[] f = new int[rows];
        for (int o = 0; o < rows; o++) f[o] = storage.fanIn(o);
        return f;
    }

    /** Fan-out of every input neuron: how many outputs each one feeds (its column's nnz). */
    public int[] fanOuts() {
        return storage.fanOuts();
    }

    public int fanOut(int in) {
        checkCol(in);
        int n = 0;
        for (int o = 0; o < rows; o++) if (storage.get(o, in)) n++;
        return n;
    }

    /** Column indices present in row {@code out}, ascending. */
    public int[] rowIndices(int out) {
        checkRow(out);
        return storage.rowIndices(out);
    }

    /** Calls {@code action} with each present column of row {@code out}, ascending. */
    public void forEachInRow(int out, IntConsumer action) {
        checkRow(out);
        storage.forEachInRow(out, action);
    }

    /** Receives one connection: output neuron {@code out}, input neuron {@code in}. */
    @FunctionalInterface
    public interface CellConsumer {
        void accept(int out, int in);
    }

    /** Calls {@code action} with every connection, row by row, columns ascending. */
    public void forEachSet(CellConsumer action) {
        for (int o = 0; o < rows; o++) {
            final int row = o;
            storage.forEachInRow(o, i -> action.accept(row, i));
        }
    }

    /** The row's packed bits (bit {@code i % 64} of word {@code i / 64}); a copy. */
    public long[] rowWords(int out) {
        checkRow(out);
        return storage.rowWords(out);
    }

    /** True when row {@code out} shares a set bit with {@code words} (same packing as {@link #rowWords}). */
    public boolean rowIntersects(int out, long[] words) {
        return storage.rowIntersects(out, words);
    }

    /** Row-major 0/1 floats, {@code [out*in]}: what the engine multiplies weights by. */
    public float[] toFloats() {
        float[] f = new float[cellCount()];
        for (int o = 0; o < rows; o++) {
            final int base = o * cols;
            storage.forEachInRow(o, i -> f[base + i] = 1f);
        }
        return f;
    }

    /** Row-major booleans, {@code [out*in]}. */
    public boolean[] toBooleans() {
        boolean[] b = new boolean[cellCount()];
        for (int o = 0; o < rows; o++) {
            final int base = o * cols;
            storage.forEachInRow(o, i -> b[base + i] = true);
        }
        return b;
    }

    private int cellCount() {
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE - 8) throw new IllegalStateException("mask [" + rows + "," + cols + "] has too many cells for one dense array");
        return (int) n;
    }

    public Mask copy() {
        return new Mask(rows, cols, policy, storage.copy());
    }

    /** Copies all connections of {@code other} (same shape) into this mask. */
    public void assign(Mask other) {
        requireSameShape(other);
        if (other.storage instanceof BitMatrix theirs && policy != Policy.ROWS) {
            if (storage instanceof BitMatrix mine) mine.copyFrom(theirs);
            else storage = theirs.copy();
            adaptStorage();
            return;
        }
        if (policy == Policy.BITS) {
            storage = BitMatrix.of(other.storage);
            return;
        }
        storage = SparseRowStorage.of(other.storage);
        adaptStorage();
    }

    public Mask invert() {
        if (policy == Policy.ROWS) return new Mask(rows, cols, policy, ((SparseRowStorage) storage).complement());
        BitMatrix bits = BitMatrix.of(storage);
        bits.invertInPlace();
        Mask m = new Mask(rows, cols, policy, bits);
        m.adaptStorage();
        return m;
    }

    public Mask union(Mask other) {
        return combine(other, SparseRows.Op.UNION);
    }

    public Mask intersection(Mask other) {
        return combine(other, SparseRows.Op.INTERSECTION);
    }

    /** Connections present here and absent in {@code other}. */
    public Mask difference(Mask other) {
        return combine(other, SparseRows.Op.DIFFERENCE);
    }

    /** Connections present in exactly one of the two masks: the cells an edit from one to the other changes. */
    public Mask symmetricDifference(Mask other) {
        return combine(other, SparseRows.Op.XOR);
    }

    /**
     * The result keeps this mask's policy. Bits meet bits (and ordinary shapes meet anything) a word at a
     * time; otherwise the rows are merged sparse and the result then adapts.
     */
    private Mask combine(Mask other, SparseRows.Op op) {
        requireSameShape(other);
        MaskStorage result = storage instanceof BitMatrix bits && (other.storage instanceof BitMatrix || policy == Policy.BITS)
                ? bits.combinedWith(other.storage, op)
                : SparseRowStorage.merged(storage, other.storage, op);
        Mask m = new Mask(rows, cols, policy, result);
        m.adaptStorage();
        return m;
    }

    /**
     * The {@code [in, out]} mask: {@code transpose().get(i, o) == get(o, i)}. Stored as {@code new Mask(cols, rows)}
     * filled cell by cell would be (masks made by {@link #sparse} stay sparse), and built straight into that
     * storage: sparse rows never pass through a bit matrix.
     */
    public Mask transpose() {
        Policy p = policy == Policy.ROWS ? Policy.ROWS : Policy.forShape(cols, rows);
        boolean asBits = switch (p) {
            case BITS -> true;
            case ROWS -> false;
            // filling an adaptive mask switches it to bits once rows outgrow them, and never back
            case ADAPTIVE -> SparseRowStorage.bytes(nnz(), cols) > BitMatrix.bytes(cols, rows) && BitMatrix.fits(cols, rows);
        };
        MaskStorage t = asBits ? BitMatrix.transposeOf(storage) : SparseRowStorage.transposeOf(storage);
        return new Mask(cols, rows, p, t);
    }

    /** The mask with rows/columns cut or zero-extended to a new shape (used when a layer is resized). */
    public Mask resized(int newRows, int newCols) {
        Mask m = new Mask(newRows, newCols);
        for (int o = 0; o < Math.min(rows, newRows); o++) {
            int[] row = storage.sharedRow(o);
            int keep = SparseRows.lowerBound(row, newCols);
            m.setRowIndices(o, keep == row.length ? row : Arrays.copyOf(row, keep));
        }
        return m;
    }

    public boolean sameShape(Mask other) {
        return rows == other.rows && cols == other.cols;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.rows == rows && m.cols == cols && storage.sameConnections(m.storage);
    }

    /** The hash of the bit matrix, computed the same way for either storage. */
    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + storage.wordHash();
    }

    @Override
    public String toString() {
        return "Mask[" + rows + "x" + cols + ", nnz=" + nnz() + "]";
    }

    /**
     * Adaptive masks take whichever storage is smaller: sparse rows cost about 4 bytes per connection
     * plus a row header, bits {@code rows * ceil(cols/64) * 8} bytes. Bits go back to rows only below half
     * their size, so a mask near the crossover does not switch back and forth.
     */
    private void adaptStorage() {
        if (policy != Policy.ADAPTIVE) return;
        if (storage instanceof SparseRowStorage) {
            switchToBitsIfSmaller();
        } else if (SparseRowStorage.bytes(storage.nnz(), rows) < BitMatrix.bytes(rows, cols) / 2) {
            storage = SparseRowStorage.of(storage);
        }
    }

    /** After sparse rows grew (adaptive masks only): bits once they are smaller and fit. */
    private void switchToBitsIfSmaller() {
        if (storage instanceof SparseRowStorage s && s.bytes() > BitMatrix.bytes(rows, cols) && BitMatrix.fits(rows, cols)) {
            storage = BitMatrix.of(s);
        }
    }

    private void requireSameShape(Mask other) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException("mask shapes differ: [" + rows + "," + cols + "] vs [" + other.rows + "," + other.cols + "]");
        }
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
