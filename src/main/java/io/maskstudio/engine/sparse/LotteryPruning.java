package io.maskstudio.engine.sparse;

import io.maskstudio.model.Mask;
import io.maskstudio.model.SparseTraining.Scope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Iterative magnitude pruning of a lottery ticket (Frankle and Carbin 2019): level {@code l} keeps
 * {@code round(n0 · (1 − p)^l)} connections, {@code n0} being the count at level 0 — per pair, or over all pairs
 * with one |w| ranking (global). Counting from level 0 rather than compounding each level's rounding keeps the
 * density at exactly {@code (1 − p)^l} within one connection. Every pair is pruned at the same rate, the output
 * layer included (the paper halves its rate for the output layer of fully connected nets; we keep one rate).
 */
public final class LotteryPruning {
    private LotteryPruning() {}

    /** Connections pair {@code k} (or the whole network, for global scope) keeps at {@code level}. */
    public static long target(long levelZero, double rate, int level) {
        return Math.round(levelZero * Math.pow(1 - rate, level));
    }

    /**
     * The masks of level {@code level}: {@code masks} (the previous level's) without their weakest connections by
     * |w| of {@code presentWeights} (each pair's present weights in row-major order, as the trained ticket ends).
     * Ties go to the lower index (the earlier pair, globally), so a level is reproducible.
     */
    public static List<Mask> prune(List<Mask> masks, List<float[]> presentWeights, long[] levelZero, double rate, int level, Scope scope) {
        if (!(rate > 0 && rate < 1)) throw new IllegalArgumentException("the pruning rate must be in (0, 1), was " + rate);
        if (masks.size() != presentWeights.size() || masks.size() != levelZero.length) {
            throw new IllegalArgumentException("expected one weight array and one level-0 count per pair");
        }
        long[] drop = scope == Scope.PAIR ? perPair(masks, levelZero, rate, level) : global(masks, presentWeights, levelZero, rate, level);
        List<Mask> out = new ArrayList<>(masks.size());
        for (int k = 0; k < masks.size(); k++) out.add(DropGrow.dropWeakest(masks.get(k), presentWeights.get(k), Math.toIntExact(drop[k])));
        return out;
    }

    private static long[] perPair(List<Mask> masks, long[] levelZero, double rate, int level) {
        long[] drop = new long[masks.size()];
        for (int k = 0; k < drop.length; k++) drop[k] = Math.max(0, masks.get(k).nnz() - target(levelZero[k], rate, level));
        return drop;
    }

    /** One ranking by |w| over every pair; each pair then drops as many as it has among the weakest. */
    private static long[] global(List<Mask> masks, List<float[]> w, long[] levelZero, double rate, int level) {
        long present = 0;
        for (float[] a : w) present += a.length;
        long n = present - target(Arrays.stream(levelZero).sum(), rate, level);
        long[] drop = new long[masks.size()];
        if (n <= 0) return drop;
        // Key: |w| bits high (ordered like the values for non-negative floats), the index over all pairs low.
        long[] keys = new long[Math.toIntExact(present)];
        int[] pairOf = new int[keys.length];
        int at = 0;
        for (int k = 0; k < w.size(); k++) {
            for (float v : w.get(k)) {
                pairOf[at] = k;
                keys[at] = ((long) Float.floatToIntBits(Math.abs(v)) << 32) | at;
                at++;
            }
        }
        Arrays.sort(keys);
        for (int r = 0; r < n; r++) drop[pairOf[(int) keys[r]]]++;
        return drop;
    }
}
