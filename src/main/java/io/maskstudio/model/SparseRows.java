package io.maskstudio.model;

import java.util.Arrays;

/** Set operations on ascending {@code int[]} column lists: the rows of a sparsely stored {@link Mask}. */
final class SparseRows {
    static final int[] EMPTY = new int[0];

    private SparseRows() {}

    static boolean contains(int[] row, int c) {
        return Arrays.binarySearch(row, c) >= 0;
    }

    static int[] with(int[] row, int c) {
        int p = Arrays.binarySearch(row, c);
        if (p >= 0) return row;
        p = -p - 1;
        int[] r = new int[row.length + 1];
        System.arraycopy(row, 0, r, 0, p);
        r[p] = c;
        System.arraycopy(row, p, r, p + 1, row.length - p);
        return r;
    }

    static int[] without(int[] row, int c) {
        int p = Arrays.binarySearch(row, c);
        if (p < 0) return row;
        if (row.length == 1) return EMPTY;
        int[] r = new int[row.length - 1];
        System.arraycopy(row, 0, r, 0, p);
        System.arraycopy(row, p + 1, r, p, row.length - p - 1);
        return r;
    }

    /** The row with columns {@code [from,to)} all present ({@code connected}) or all absent. */
    static int[] withRange(int[] row, int from, int to, boolean connected) {
        int a = lowerBound(row, from);
        int b = lowerBound(row, to);
        int middle = connected ? to - from : 0;
        int[] r = new int[a + middle + row.length - b];
        System.arraycopy(row, 0, r, 0, a);
        for (int k = 0; k < middle; k++) r[a + k] = from + k;
        System.arraycopy(row, b, r, a + middle, row.length - b);
        return r.length == 0 ? EMPTY : r;
    }

    /** The columns of {@code [0,cols)} missing from {@code row}. */
    static int[] complement(int[] row, int cols) {
        int n = cols - row.length;
        if (n == 0) return EMPTY;
        int[] r = new int[n];
        int k = 0, next = 0;
        for (int c : row) {
            while (next < c) r[k++] = next++;
            next = c + 1;
        }
        while (next < cols) r[k++] = next++;
        return r;
    }

    static int lowerBound(int[] row, int c) {
        int p = Arrays.binarySearch(row, c);
        return p >= 0 ? p : -p - 1;
    }

    enum Op { UNION, INTERSECTION, DIFFERENCE, XOR }

    /** Merge of two ascending lists. */
    static int[] merge(int[] a, int[] b, Op op) {
        int[] r = new int[op == Op.INTERSECTION ? Math.min(a.length, b.length) : op == Op.DIFFERENCE ? a.length : a.length + b.length];
        int i = 0, j = 0, n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                if (op != Op.INTERSECTION) r[n++] = a[i];
                i++;
            } else if (a[i] > b[j]) {
                if (op == Op.UNION || op == Op.XOR) r[n++] = b[j];
                j++;
            } else {
                if (op == Op.UNION || op == Op.INTERSECTION) r[n++] = a[i];
                i++;
                j++;
            }
        }
        if (op != Op.INTERSECTION) while (i < a.length) r[n++] = a[i++];
        if (op == Op.UNION || op == Op.XOR) while (j < b.length) r[n++] = b[j++];
        return n == 0 ? EMPTY : n == r.length ? r : Arrays.copyOf(r, n);
    }

    /** Packs a row into 64-column words, as a dense {@link Mask} stores it. */
    static void toWords(int[] row, long[] words) {
        Arrays.fill(words, 0L);
        for (int c : row) words[c >>> 6] |= 1L << c;
    }
}
