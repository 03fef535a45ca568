package io.maskstudio.model;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Where a {@link Mask} keeps its connections. {@link Mask} checks indices and decides which storage to use
 * (see its class comment); a storage only stores. Row {@code r} is output neuron {@code r}, column {@code c}
 * input neuron {@code c}; callers pass indices already checked, ranges already clipped and non-empty.
 */
sealed interface MaskStorage permits BitMatrix, SparseRowStorage {

    int rows();

    int cols();

    boolean get(int row, int col);

    void set(int row, int col, boolean connected);

    /** Replaces the row with {@code ascendingColumns} (strictly ascending, in range; not kept by reference). */
    void setRowIndices(int row, int[] ascendingColumns);

    /** Sets columns {@code [from,to)} of the row; {@code 0 <= from < to <= cols}. */
    void setRowRange(int row, int from, int to, boolean connected);

    long nnz();

    int fanIn(int row);

    int[] fanOuts();

    /** The row's columns, ascending, in a new array. */
    int[] rowIndices(int row);

    /** The row's columns, ascending; may be the stored array itself, so never modify it. */
    int[] sharedRow(int row);

    void forEachInRow(int row, IntConsumer action);

    /** The row packed 64 columns to a word (bit {@code c % 64} of word {@code c / 64}), in a new array. */
    long[] rowWords(int row);

    /** True when the row shares a column with {@code words} (packed as {@link #rowWords}). */
    boolean rowIntersects(int row, long[] words);

    /** An independent copy: edits to either side do not show in the other. */
    MaskStorage copy();

    /** {@link Arrays#hashCode(long[])} of all rows' packed words, so both storages hash alike. */
    int wordHash();

    /** Same connections (same shape assumed), whatever the storages. */
    default boolean sameConnections(MaskStorage other) {
        for (int r = 0; r < rows(); r++) if (!Arrays.equals(sharedRow(r), other.sharedRow(r))) return false;
        return true;
    }
}
