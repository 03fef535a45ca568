package io.maskstudio.model;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Dense {@link Mask} storage: rows packed 64 columns to a {@code long}, so scans, counts and set
 * operations go a word at a time. The padding bits past the last column of each row stay clear, which
 * keeps counts, equality and hashes right without masking them on every read.
 */
final class BitMatrix implements MaskStorage {
    private final int rows;
    private final int cols;
    private final int wordsPerRow;
    private final long[] words;

    /** An empty matrix; throws IllegalStateException when it would not fit one Java array. */
    BitMatrix(int rows, int cols) {
        this(rows, cols, new long[wordCount(rows, cols)]);
    }

    private BitMatrix(int rows, int cols, long[] words) {
        this.rows = rows;
        this.cols = cols;
        this.wordsPerRow = wordsPerRow(cols);
        this.words = words;
    }

    /** The same connections as {@code source}, as bits. */
    static BitMatrix of(MaskStorage source) {
        if (source instanceof BitMatrix b) return b.copy();
        BitMatrix m = new BitMatrix(source.rows(), source.cols());
        for (int r = 0; r < m.rows; r++) {
            int base = r * m.wordsPerRow;
            for (int c : source.sharedRow(r)) m.words[base + (c >>> 6)] |= 1L << c;
        }
        return m;
    }

    /** Bytes a bit matrix of this shape takes. */
    static long bytes(int rows, int cols) {
        return (long) rows * ((cols + 63L) >>> 6) * 8;
    }

    /** Whether a bit matrix of this shape fits one Java array. */
    static boolean fits(int rows, int cols) {
        return (long) rows * wordsPerRow(cols) <= Integer.MAX_VALUE - 8;
    }

    private static int wordsPerRow(int cols) {
        return (cols + 63) >>> 6;
    }

    private static int wordCount(int rows, int cols) {
        if (!fits(rows, cols)) {
            throw new IllegalStateException("mask [" + rows + "," + cols + "] is too large for a dense bit matrix and too full for sparse rows");
        }
        return rows * wordsPerRow(cols);
    }

    @Override public int rows() { return rows; }
    @Override public int cols() { return cols; }

    @Override
    public boolean get(int row, int col) {
        return (words[row * wordsPerRow + (col >>> 6)] & (1L << col)) != 0;
    }

    @Override
    public void set(int row, int col, boolean connected) {
        int w = row * wordsPerRow + (col >>> 6);
        if (connected) words[w] |= 1L << col; else words[w] &= ~(1L << col);
    }

    @Override
    public void setRowIndices(int row, int[] ascendingColumns) {
        int base = row * wordsPerRow;
        Arrays.fill(words, base, base + wordsPerRow, 0L);
        for (int c : ascendingColumns) words[base + (c >>> 6)] |= 1L << c;
    }

    @Override
    public void setRowRange(int row, int from, int to, boolean connected) {
        int base = row * wordsPerRow;
        int firstWord = from >>> 6;
        int lastWord = (to - 1) >>> 6;
        for (int w = firstWord; w <= lastWord; w++) {
            long m = -1L;
            if (w == firstWord) m &= -1L << from;           // shift counts are taken mod 64
            if (w == lastWord) m &= -1L >>> (63 - ((to - 1) & 63));
            if (connected) words[base + w] |= m; else words[base + w] &= ~m;
        }
    }

    void clear() {
        Arrays.fill(words, 0L);
    }

    void fillAll() {
        long last = lastWordMask();
        for (int r = 0; r < rows; r++) {
            int base = r * wordsPerRow;
            Arrays.fill(words, base, base + wordsPerRow, -1L);
            words[base + wordsPerRow - 1] = last;
        }
    }

    /** Makes this matrix equal to {@code other} (same shape) without allocating. */
    void copyFrom(BitMatrix other) {
        System.arraycopy(other.words, 0, words, 0, words.length);
    }

    @Override
    public long nnz() {
        long n = 0;
        for (long w : words) n += Long.bitCount(w);
        return n;
    }

    @Override
    public int fanIn(int row) {
        int n = 0;
        int base = row * wordsPerRow;
        for (int w = 0; w < wordsPerRow; w++) n += Long.bitCount(words[base + w]);
        return n;
    }

    @Override
    public int[] fanOuts() {
        int[] f = new int[cols];
        for (int r = 0; r < rows; r++) {
            int base = r * wordsPerRow;
            for (int w = 0; w < wordsPerRow; w++) {
                long word = words[base + w];
                while (word != 0) {
                    f[(w << 6) + Long.numberOfTrailingZeros(word)]++;
                    word &= word - 1;
                }
            }
        }
        return f;
    }

    @Override
    public int[] rowIndices(int row) {
        int[] idx = new int[fanIn(row)];
        int k = 0;
        int base = row * wordsPerRow;
        for (int w = 0; w < wordsPerRow; w++) {
            long word = words[base + w];
            while (word != 0) {
                idx[k++] = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
        }
        return idx;
    }

    @Override
    public int[] sharedRow(int row) {
        return rowIndices(row);
    }

    @Override
    public void forEachInRow(int row, IntConsumer action) {
        int base = row * wordsPerRow;
        for (int w = 0; w < wordsPerRow; w++) {
            long word = words[base + w];
            while (word != 0) {
                action.accept((w << 6) + Long.numberOfTrailingZeros(word));
                word &= word - 1;
            }
        }
    }

    @Override
    public long[] rowWords(int row) {
        return Arrays.copyOfRange(words, row * wordsPerRow, (row + 1) * wordsPerRow);
    }

    @Override
    public boolean rowIntersects(int row, long[] other) {
        int base = row * wordsPerRow;
        for (int w = 0; w < wordsPerRow; w++) if ((words[base + w] & other[w]) != 0) return true;
        return false;
    }

    @Override
    public BitMatrix copy() {
        return new BitMatrix(rows, cols, words.clone());
    }

    @Override
    public int wordHash() {
        return Arrays.hashCode(words);
    }

    @Override
    public boolean sameConnections(MaskStorage other) {
        if (other instanceof BitMatrix b) return Arrays.equals(words, b.words);
        return MaskStorage.super.sameConnections(other);
    }

    /** {@code this op other} as a new matrix, a word at a time; {@code other} may be either storage. */
    BitMatrix combinedWith(MaskStorage other, SparseRows.Op op) {
        BitMatrix m = copy();
        if (other instanceof BitMatrix b) {
            combine(m.words, 0, b.words, 0, words.length, op);
        } else {
            long[] row = new long[wordsPerRow];
            for (int r = 0; r < rows; r++) {
                SparseRows.toWords(other.sharedRow(r), row);
                combine(m.words, r * wordsPerRow, row, 0, wordsPerRow, op);
            }
        }
        return m;
    }

    /** {@code a[aFrom..] op= b[bFrom..]} over {@code n} words; the switch stays outside the loops. */
    private static void combine(long[] a, int aFrom, long[] b, int bFrom, int n, SparseRows.Op op) {
        int d = bFrom - aFrom;
        int end = aFrom + n;
        switch (op) {
            case UNION -> { for (int k = aFrom; k < end; k++) a[k] |= b[k + d]; }
            case INTERSECTION -> { for (int k = aFrom; k < end; k++) a[k] &= b[k + d]; }
            case DIFFERENCE -> { for (int k = aFrom; k < end; k++) a[k] &= ~b[k + d]; }
            case XOR -> { for (int k = aFrom; k < end; k++) a[k] ^= b[k + d]; }
        }
    }

    /** Flips every cell, keeping the padding bits clear. */
    void invertInPlace() {
        for (int k = 0; k < words.length; k++) words[k] = ~words[k];
        long last = lastWordMask();
        for (int r = 0; r < rows; r++) words[r * wordsPerRow + wordsPerRow - 1] &= last;
    }

    /** The {@code [cols, rows]} transpose of {@code source}: {@code t.get(c, r) == source.get(r, c)}. */
    static BitMatrix transposeOf(MaskStorage source) {
        BitMatrix t = new BitMatrix(source.cols(), source.rows());
        if (source instanceof BitMatrix b) {
            b.transposeInto(t);
        } else {
            for (int r = 0; r < source.rows(); r++) {
                int targetWord = r >>> 6;
                long bit = 1L << r;
                for (int c : source.sharedRow(r)) t.words[c * t.wordsPerRow + targetWord] |= bit;
            }
        }
        return t;
    }

    private void transposeInto(BitMatrix t) {
        for (int r = 0; r < rows; r++) {
            int base = r * wordsPerRow;
            int targetWord = r >>> 6;
            long bit = 1L << r;
            for (int w = 0; w < wordsPerRow; w++) {
                long word = words[base + w];
                while (word != 0) {
                    int c = (w << 6) + Long.numberOfTrailingZeros(word);
                    t.words[c * t.wordsPerRow + targetWord] |= bit;
                    word &= word - 1;
                }
            }
        }
    }

    private long lastWordMask() {
        int r = cols & 63;
        return r == 0 ? -1L : (1L << r) - 1;
    }
}
