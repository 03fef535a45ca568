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
 * Both behave identically (equality and hash codes included). Mutable; {@link #copy()} before
 * handing it to another thread.
 */
public final class Mask {
    /** Bit matrices up to this size are always used; larger shapes start sparse. */
    public static final long DENSE_AUTO_MAX_BYTES = 64L << 20;

    private final int rows;
    private final int cols;
    private final int wordsPerRow;
    /** How storage is chosen: bits always (ordinary shapes), by memory (large shapes), rows always ({@link #sparse}). */
    private enum Policy { BITS, ADAPTIVE, ROWS }

    private final Policy policy;
    private long[] bits;       // dense storage, or null
    private int[][] rowCols;   // sparse storage (ascending columns per row), or null
    private long sparseNnz;    // connections in rowCols

    public Mask(int rows, int cols) {
        this(rows, cols, denseBytes(rows, cols) > DENSE_AUTO_MAX_BYTES ? Policy.ADAPTIVE : Policy.BITS);
    }

    private Mask(int rows, int cols, Policy policy) {
        if (rows <= 0 || cols <= 0) throw new IllegalArgumentException("mask shape must be positive, was [" + rows + "," + cols + "]");
        this.rows = rows;
        this.cols = cols;
        this.wordsPerRow = (cols + 63) >>> 6;
        this.policy = policy;
        if (policy != Policy.BITS) {
            rowCols = new int[rows][];
            Arrays.fill(rowCols, SparseRows.EMPTY);
        } else {
            bits = new long[denseWords()];
        }
    }

    private Mask(Mask other) {
        this.rows = other.rows;
        this.cols = other.cols;
        this.wordsPerRow = other.wordsPerRow;
        this.policy = other.policy;
        this.sparseNnz = other.sparseNnz;
        if (other.bits != null) {
            this.bits = other.bits.clone();
        } else {
            // rows are never modified in place (edits replace them), so copies may share them
            this.rowCols = other.rowCols.clone();
        }
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

    private static long denseBytes(int rows, int cols) {
        return (long) rows * ((cols + 63L) >>> 6) * 8;
    }

    private boolean denseAllowed() {
        return (long) rows * wordsPerRow <= Integer.MAX_VALUE - 8;
    }

    private int denseWords() {
        long words = (long) rows * wordsPerRow;
        if (words > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("mask [" + rows + "," + cols + "] is too large for a dense bit matrix and too full for sparse rows");
        }
        return (int) words;
    }

    public int rows() { return rows; }
    public int cols() { return cols; }
    /** Number of output neurons (rows). */
    public int outFeatures() { return rows; }
    /** Number of input neurons (columns). */
    public int inFeatures() { return cols; }
    /** True while the mask is stored as sparse rows (see the class comment). */
    public boolean isSparse() { return bits == null; }

    public boolean get(int out, int in) {
        check(out, in);
        if (bits == null) return SparseRows.contains(rowCols[out], in);
        return (bits[out * wordsPerRow + (in >>> 6)] & (1L << in)) != 0;
    }

    public void set(int out, int in, boolean connected) {
        check(out, in);
        if (bits == null) {
            int[] row = rowCols[out];
            int[] next = connected ? SparseRows.with(row, in) : SparseRows.without(row, in);
            if (next != row) {
                sparseNnz += next.length - row.length;
                rowCols[out] = next;
                if (connected) adaptStorage();
            }
            return;
        }
        int w = out * wordsPerRow + (in >>> 6);
        if (connected) bits[w] |= 1L << in; else bits[w] &= ~(1L << in);
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
        if (bits == null) {
            sparseNnz += ascendingColumns.length - rowCols[out].length;
            rowCols[out] = ascendingColumns.length == 0 ? SparseRows.EMPTY : ascendingColumns.clone();
            adaptStorage();
            return;
        }
        int base = out * wordsPerRow;
        Arrays.fill(bits, base, base + wordsPerRow, 0L);
        for (int c : ascendingColumns) bits[base + (c >>> 6)] |= 1L << c;
    }

    /** Sets every entry; keeps the padding bits of the last word of each row clear. */
    public void fill(boolean connected) {
        if (!connected) {
            if (bits != null && policy == Policy.ADAPTIVE) {
                bits = null;
                rowCols = new int[rows][];
            }
            if (bits == null) {
                Arrays.fill(rowCols, SparseRows.EMPTY);
                sparseNnz = 0;
            } else {
                Arrays.fill(bits, 0L);
            }
            return;
        }
        if (policy == Policy.ROWS) {
            for (int o = 0; o < rows; o++) setRowRange(o, 0, cols, true);
            return;
        }
        if (bits == null) toDense();
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
        if (bits == null) {
            int[] row = rowCols[out];
            int[] next = SparseRows.withRange(row, from, to, connected);
            sparseNnz += next.length - row.length;
            rowCols[out] = next;
            if (connected) adaptStorage();
            return;
        }
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
        if (bits == null) return sparseNnz;
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
        if (bits == null) return rowCols[out].length;
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
        if (bits == null) {
            for (int[] row : rowCols) for (int c : row) f[c]++;
            return f;
        }
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
        if (bits == null) {
            checkRow(out);
            return rowCols[out].clone();
        }
        int[] idx = new int[fanIn(out)];
        int[] k = {0};
        forEachInRow(out, i -> idx[k[0]++] = i);
        return idx;
    }

    /** Calls {@code action} with each present column of row {@code out}, ascending. */
    public void forEachInRow(int out, IntConsumer action) {
        checkRow(out);
        if (bits == null) {
            for (int c : rowCols[out]) action.accept(c);
            return;
        }
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
            final int row = o;
            forEachInRow(o, i -> action.accept(row, i));
        }
    }

    /** The row's packed bits (bit {@code i % 64} of word {@code i / 64}); a copy. */
    public long[] rowWords(int out) {
        checkRow(out);
        if (bits == null) {
            long[] words = new long[wordsPerRow];
            SparseRows.toWords(rowCols[out], words);
            return words;
        }
        return Arrays.copyOfRange(bits, out * wordsPerRow, (out + 1) * wordsPerRow);
    }

    /** True when row {@code out} shares a set bit with {@code words} (same packing as {@link #rowWords}). */
    public boolean rowIntersects(int out, long[] words) {
        if (bits == null) {
            for (int c : rowCols[out]) if ((words[c >>> 6] & (1L << c)) != 0) return true;
            return false;
        }
        int base = out * wordsPerRow;
        for (int w = 0; w < wordsPerRow; w++) if ((bits[base + w] & words[w]) != 0) return true;
        return false;
    }

    /** Row-major 0/1 floats, {@code [out*in]}: what the engine multiplies weights by. */
    public float[] toFloats() {
        float[] f = new float[cellCount()];
        for (int o = 0; o < rows; o++) {
            final int base = o * cols;
            forEachInRow(o, i -> f[base + i] = 1f);
        }
        return f;
    }

    /** Row-major booleans, {@code [out*in]}. */
    public boolean[] toBooleans() {
        boolean[] b = new boolean[cellCount()];
        for (int o = 0; o < rows; o++) {
            final int base = o * cols;
            forEachInRow(o, i -> b[base + i] = true);
        }
        return b;
    }

    private int cellCount() {
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE - 8) throw new IllegalStateException("mask [" + rows + "," + cols + "] has too many cells for one dense array");
        return (int) n;
    }

    public Mask copy() {
        return new Mask(this);
    }

    /** Copies all connections of {@code other} (same shape) into this mask. */
    public void assign(Mask other) {
        requireSameShape(other);
        if (other.bits != null && policy != Policy.ROWS) {
            if (bits == null) {
                rowCols = null;
                sparseNnz = 0;
                bits = other.bits.clone();
            } else {
                System.arraycopy(other.bits, 0, bits, 0, bits.length);
            }
            adaptStorage();
            return;
        }
        int[][] r = new int[rows][];
        long n = 0;
        for (int o = 0; o < rows; o++) {
            r[o] = other.sparseRow(o);
            n += r[o].length;
        }
        bits = null;
        rowCols = r;
        sparseNnz = n;
        if (policy == Policy.BITS) toDense(); else adaptStorage();
    }

    public Mask invert() {
        if (policy == Policy.ROWS) {
            Mask m = new Mask(rows, cols, Policy.ROWS);
            for (int o = 0; o < rows; o++) {
                m.setRowRange(o, 0, cols, true);
                m.rowCols[o] = SparseRows.merge(m.rowCols[o], rowCols[o], SparseRows.Op.DIFFERENCE);
            }
            m.sparseNnz = (long) rows * cols - sparseNnz;
            return m;
        }
        Mask m = new Mask(rows, cols, policy);
        if (m.bits == null) m.toDense();
        if (bits != null) {
            for (int k = 0; k < bits.length; k++) m.bits[k] = ~bits[k];
        } else {
            long[] words = new long[wordsPerRow];
            for (int o = 0; o < rows; o++) {
                SparseRows.toWords(rowCols[o], words);
                for (int w = 0; w < wordsPerRow; w++) m.bits[o * wordsPerRow + w] = ~words[w];
            }
        }
        m.clearPadding();
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

    private Mask combine(Mask other, SparseRows.Op op) {
        requireSameShape(other);
        if (bits != null && other.bits != null) {
            Mask m = copy();
            long[] a = m.bits;
            long[] b = other.bits;
            switch (op) {
                case UNION -> { for (int k = 0; k < a.length; k++) a[k] |= b[k]; }
                case INTERSECTION -> { for (int k = 0; k < a.length; k++) a[k] &= b[k]; }
                case DIFFERENCE -> { for (int k = 0; k < a.length; k++) a[k] &= ~b[k]; }
                case XOR -> { for (int k = 0; k < a.length; k++) a[k] ^= b[k]; }
            }
            m.adaptStorage();
            return m;
        }
        // at least one side is sparse: merge row by row, the result starts sparse and adapts
        Mask m = new Mask(rows, cols, policy == Policy.BITS ? Policy.ADAPTIVE : policy);
        long n = 0;
        for (int o = 0; o < rows; o++) {
            int[] row = SparseRows.merge(sparseRow(o), other.sparseRow(o), op);
            m.rowCols[o] = row;
            n += row.length;
        }
        m.sparseNnz = n;
        if (policy == Policy.BITS) {
            m.toDense(); // ordinary shapes stay bit matrices
            return m.withPolicy(Policy.BITS);
        }
        m.adaptStorage();
        return m;
    }

    private Mask withPolicy(Policy p) {
        Mask m = new Mask(rows, cols, p);
        m.assign(this);
        return m;
    }

    /** Row {@code o} as ascending columns, shared when stored sparse (never modify it). */
    private int[] sparseRow(int o) {
        return bits == null ? rowCols[o] : rowIndices(o);
    }

    /** The mask with rows/columns cut or zero-extended to a new shape (used when a layer is resized). */
    public Mask resized(int newRows, int newCols) {
        Mask m = new Mask(newRows, newCols);
        for (int o = 0; o < Math.min(rows, newRows); o++) {
            int[] row = sparseRow(o);
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
        if (!(o instanceof Mask m) || m.rows != rows || m.cols != cols) return false;
        if (bits != null && m.bits != null) return Arrays.equals(m.bits, bits);
        if (bits == null && m.bits == null && sparseNnz != m.sparseNnz) return false;
        for (int r = 0; r < rows; r++) if (!Arrays.equals(sparseRow(r), m.sparseRow(r))) return false;
        return true;
    }

    /** The hash of the bit matrix, computed the same way for either storage. */
    @Override
    public int hashCode() {
        int h;
        if (bits != null) {
            h = Arrays.hashCode(bits);
        } else {
            h = 1; // Arrays.hashCode over all words, one row at a time
            long[] words = new long[wordsPerRow];
            for (int o = 0; o < rows; o++) {
                SparseRows.toWords(rowCols[o], words);
                for (long w : words) h = 31 * h + (int) (w ^ (w >>> 32));
            }
        }
        return 31 * (31 * rows + cols) + h;
    }

    @Override
    public String toString() {
        return "Mask[" + rows + "x" + cols + ", nnz=" + nnz() + "]";
    }

    /**
     * Adaptive masks take whichever storage is smaller: sparse rows cost about 4 bytes per connection
     * plus a row header, bits {@code rows * ceil(cols/64) * 8} bytes.
     */
    private void adaptStorage() {
        if (policy != Policy.ADAPTIVE) return;
        long sparseBytes = 4 * nnz() + 16L * rows;
        long dense = denseBytes(rows, cols);
        if (bits == null && sparseBytes > dense && denseAllowed()) toDense();
        else if (bits != null && sparseBytes < dense / 2) toSparse();
    }

    private void toDense() {
        long[] b = new long[denseWords()];
        for (int o = 0; o < rows; o++) for (int c : rowCols[o]) b[o * wordsPerRow + (c >>> 6)] |= 1L << c;
        bits = b;
        rowCols = null;
        sparseNnz = 0;
    }

    private void toSparse() {
        int[][] r = new int[rows][];
        long n = 0;
        for (int o = 0; o < rows; o++) {
            int[] row = rowIndices(o);
            r[o] = row.length == 0 ? SparseRows.EMPTY : row;
            n += row.length;
        }
        bits = null;
        rowCols = r;
        sparseNnz = n;
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
