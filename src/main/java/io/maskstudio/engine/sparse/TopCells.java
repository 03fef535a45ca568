package io.maskstudio.engine.sparse;

import java.util.Arrays;

/**
 * The {@code k} cells with the largest score seen so far, in memory proportional to k: a binary min-heap whose root is
 * the weakest kept cell. Ties go to the lower flat index, so a selection does not depend on the order blocks come in.
 */
final class TopCells {
    private final float[] score;
    private final long[] cell;
    private int size;

    TopCells(int k) {
        score = new float[k];
        cell = new long[k];
    }

    /** Offers one cell (flat index {@code row * cols + col}); keeps it when it beats the weakest of a full set. */
    void offer(float s, long flat) {
        if (score.length == 0) return;
        if (size < score.length) {
            score[size] = s;
            cell[size] = flat;
            up(size++);
        } else if (weaker(score[0], cell[0], s, flat)) {
            score[0] = s;
            cell[0] = flat;
            down(0);
        }
    }

    int size() {
        return size;
    }

    /** The kept cells' flat indices, in no particular order. */
    long[] cells() {
        return Arrays.copyOf(cell, size);
    }

    /** Whether (a, ia) ranks below (b, ib): a smaller score, or an equal one at a higher index. */
    private static boolean weaker(float a, long ia, float b, long ib) {
        return a < b || (a == b && ia > ib);
    }

    private void up(int i) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (!weaker(score[i], cell[i], score[p], cell[p])) return;
            swap(i, p);
            i = p;
        }
    }

    private void down(int i) {
        while (true) {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < size && weaker(score[l], cell[l], score[m], cell[m])) m = l;
            if (r < size && weaker(score[r], cell[r], score[m], cell[m])) m = r;
            if (m == i) return;
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        float s = score[a];
        score[a] = score[b];
        score[b] = s;
        long c = cell[a];
        cell[a] = cell[b];
        cell[b] = c;
    }
}
