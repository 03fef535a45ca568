package io.maskstudio.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * {@link ConnectionLoops} on the JDK's Vector API ({@code jdk.incubator.vector}, loaded only when the JVM has the
 * module). Sums keep eight (or four) vectors of the output in registers while the connections stream past, so the output is
 * stored once instead of loaded and stored per four connections; dots run four connections at once as vector FMAs and
 * reduce the lanes at the end. Each method is small on purpose: C2 turns Vector API calls into instructions only
 * when it inlines them, and a large caller can exhaust its inlining budget (then the code runs 10x slower). For the same
 * reason the {@code sumN} and {@code sumNAt} pairs repeat each other instead of sharing one loop with a branch or a
 * lambda per connection: each stays a straight loop C2 compiles on its own.
 */
final class VectorConnectionLoops implements ConnectionLoops {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** L zeros, then L ones: the L floats from {@code TAIL_WEIGHTS[t]} are 0 in the first L - t lanes and 1 in the last t. */
    private static final float[] TAIL_WEIGHTS = new float[2 * L];

    static {
        Arrays.fill(TAIL_WEIGHTS, L, 2 * L, 1f);
    }

    /** Weights that keep the last t of the L samples a tail vector loads (the others were counted already). */
    private static FloatVector tailWeights(int t) {
        return FloatVector.fromArray(S, TAIL_WEIGHTS, t);
    }

    @Override
    public String describe() { return "vector (" + S.vectorBitSize() + "-bit)"; }

    @Override
    public void sumRows(float[] coef, int[] coefAt, int[] rowAt, int from, int to, float[][] rows, float init, float[] y, int n) {
        if (n < L) {
            for (int j = 0; j < n; j++) {
                float s = init;
                for (int k = from; k < to; k++) s += coef[coefAt == null ? k : coefAt[k]] * rows[rowAt[k]][j];
                y[j] = s;
            }
            return;
        }
        // Vectors past the end start at n - L instead (clamped offsets): a lane that two vectors share gets the same
        // sum in the same order from both, so the batch's tail costs no scalar loop and no second pass.
        int last = n - L;
        for (int j = 0; j < n; j += 8 * L) {
            int left = n - j;
            if (coefAt == null) {
                if (left > 4 * L) sum8(coef, rowAt, from, to, rows, init, y, j, last);
                else if (left > L) sum4(coef, rowAt, from, to, rows, init, y, j, last);
                else sum1(coef, rowAt, from, to, rows, init, y, j, last);
            } else {
                if (left > 4 * L) sum8At(coef, coefAt, rowAt, from, to, rows, init, y, j, last);
                else if (left > L) sum4At(coef, coefAt, rowAt, from, to, rows, init, y, j, last);
                else sum1At(coef, coefAt, rowAt, from, to, rows, init, y, j, last);
            }
        }
    }

    private static void sum8(float[] coef, int[] rowAt, int from, int to, float[][] rows, float init, float[] y, int j, int last) {
        int o0 = Math.min(j, last);
        int o1 = Math.min(j + L, last);
        int o2 = Math.min(j + 2 * L, last);
        int o3 = Math.min(j + 3 * L, last);
        int o4 = Math.min(j + 4 * L, last);
        int o5 = Math.min(j + 5 * L, last);
        int o6 = Math.min(j + 6 * L, last);
        int o7 = Math.min(j + 7 * L, last);
        FloatVector a0 = FloatVector.broadcast(S, init), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int k = from; k < to; k++) {
            float[] r = rows[rowAt[k]];
            FloatVector c = FloatVector.broadcast(S, coef[k]);
            a0 = FloatVector.fromArray(S, r, o0).fma(c, a0);
            a1 = FloatVector.fromArray(S, r, o1).fma(c, a1);
            a2 = FloatVector.fromArray(S, r, o2).fma(c, a2);
            a3 = FloatVector.fromArray(S, r, o3).fma(c, a3);
            a4 = FloatVector.fromArray(S, r, o4).fma(c, a4);
            a5 = FloatVector.fromArray(S, r, o5).fma(c, a5);
            a6 = FloatVector.fromArray(S, r, o6).fma(c, a6);
            a7 = FloatVector.fromArray(S, r, o7).fma(c, a7);
        }
        a0.intoArray(y, o0);
        a1.intoArray(y, o1);
        a2.intoArray(y, o2);
        a3.intoArray(y, o3);
        a4.intoArray(y, o4);
        a5.intoArray(y, o5);
        a6.intoArray(y, o6);
        a7.intoArray(y, o7);
    }

    private static void sum8At(float[] coef, int[] coefAt, int[] rowAt, int from, int to, float[][] rows, float init, float[] y, int j, int last) {
        int o0 = Math.min(j, last);
        int o1 = Math.min(j + L, last);
        int o2 = Math.min(j + 2 * L, last);
        int o3 = Math.min(j + 3 * L, last);
        int o4 = Math.min(j + 4 * L, last);
        int o5 = Math.min(j + 5 * L, last);
        int o6 = Math.min(j + 6 * L, last);
        int o7 = Math.min(j + 7 * L, last);
        FloatVector a0 = FloatVector.broadcast(S, init), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int k = from; k < to; k++) {
            float[] r = rows[rowAt[k]];
            FloatVector c = FloatVector.broadcast(S, coef[coefAt[k]]);
            a0 = FloatVector.fromArray(S, r, o0).fma(c, a0);
            a1 = FloatVector.fromArray(S, r, o1).fma(c, a1);
            a2 = FloatVector.fromArray(S, r, o2).fma(c, a2);
            a3 = FloatVector.fromArray(S, r, o3).fma(c, a3);
            a4 = FloatVector.fromArray(S, r, o4).fma(c, a4);
            a5 = FloatVector.fromArray(S, r, o5).fma(c, a5);
            a6 = FloatVector.fromArray(S, r, o6).fma(c, a6);
            a7 = FloatVector.fromArray(S, r, o7).fma(c, a7);
        }
        a0.intoArray(y, o0);
        a1.intoArray(y, o1);
        a2.intoArray(y, o2);
        a3.intoArray(y, o3);
        a4.intoArray(y, o4);
        a5.intoArray(y, o5);
        a6.intoArray(y, o6);
        a7.intoArray(y, o7);
    }

    private static void sum4(float[] coef, int[] rowAt, int from, int to, float[][] rows, float init, float[] y, int j, int last) {
        int o0 = Math.min(j, last);
        int o1 = Math.min(j + L, last);
        int o2 = Math.min(j + 2 * L, last);
        int o3 = Math.min(j + 3 * L, last);
        FloatVector a0 = FloatVector.broadcast(S, init), a1 = a0, a2 = a0, a3 = a0;
        for (int k = from; k < to; k++) {
            float[] r = rows[rowAt[k]];
            FloatVector c = FloatVector.broadcast(S, coef[k]);
            a0 = FloatVector.fromArray(S, r, o0).fma(c, a0);
            a1 = FloatVector.fromArray(S, r, o1).fma(c, a1);
            a2 = FloatVector.fromArray(S, r, o2).fma(c, a2);
            a3 = FloatVector.fromArray(S, r, o3).fma(c, a3);
        }
        a0.intoArray(y, o0);
        a1.intoArray(y, o1);
        a2.intoArray(y, o2);
        a3.intoArray(y, o3);
    }

    private static void sum4At(float[] coef, int[] coefAt, int[] rowAt, int from, int to, float[][] rows, float init, float[] y, int j, int last) {
        int o0 = Math.min(j, last);
        int o1 = Math.min(j + L, last);
        int o2 = Math.min(j + 2 * L, last);
        int o3 = Math.min(j + 3 * L, last);
        FloatVector a0 = FloatVector.broadcast(S, init), a1 = a0, a2 = a0, a3 = a0;
        for (int k = from; k < to; k++) {
            float[] r = rows[rowAt[k]];
            FloatVector c = FloatVector.broadcast(S, coef[coefAt[k]]);
            a0 = FloatVector.fromArray(S, r, o0).fma(c, a0);
            a1 = FloatVector.fromArray(S, r, o1).fma(c, a1);
            a2 = FloatVector.fromArray(S, r, o2).fma(c, a2);
            a3 = FloatVector.fromArray(S, r, o3).fma(c, a3);
        }
        a0.intoArray(y, o0);
        a1.intoArray(y, o1);
        a2.intoArray(y, o2);
        a3.intoArray(y, o3);
    }

    private static void sum1(float[] coef, int[] rowAt, int from, int to, float[][] rows, float init, float[] y, int j, int last) {
        int o0 = Math.min(j, last);
        FloatVector a0 = FloatVector.broadcast(S, init);
        for (int k = from; k < to; k++) {
            float[] r = rows[rowAt[k]];
            FloatVector c = FloatVector.broadcast(S, coef[k]);
            a0 = FloatVector.fromArray(S, r, o0).fma(c, a0);
        }
        a0.intoArray(y, o0);
    }

    private static void sum1At(float[] coef, int[] coefAt, int[] rowAt, int from, int to, float[][] rows, float init, float[] y, int j, int last) {
        int o0 = Math.min(j, last);
        FloatVector a0 = FloatVector.broadcast(S, init);
        for (int k = from; k < to; k++) {
            float[] r = rows[rowAt[k]];
            FloatVector c = FloatVector.broadcast(S, coef[coefAt[k]]);
            a0 = FloatVector.fromArray(S, r, o0).fma(c, a0);
        }
        a0.intoArray(y, o0);
    }

    /**
     * Vector dots beat the whole-row outer product at every density once the batch fills a vector (784x300 at batch
     * 100: equal at 80%, 2.3x faster at 10%, where the transpose alone cost as much as the dots).
     */
    @Override
    public boolean wholeRowGradient(int present, int in, int n) {
        return n < L && Loops.denseRow(present, in);
    }

    @Override
    public void dots(float[] a, int[] rowAt, int from, int to, float[][] rows, int n, float[] out, int[] outAt) {
        int k = from;
        for (; k + 4 <= to; k += 4) dot4(a, rows[rowAt[k]], rows[rowAt[k + 1]], rows[rowAt[k + 2]], rows[rowAt[k + 3]], n, out, outAt, k);
        for (; k < to; k++) out[outAt == null ? k : outAt[k]] = dot(a, rows[rowAt[k]], n);
    }

    private static void dot4(float[] a, float[] b0, float[] b1, float[] b2, float[] b3, int n, float[] out, int[] outAt, int k) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector v = FloatVector.fromArray(S, a, j);
            s0 = FloatVector.fromArray(S, b0, j).fma(v, s0);
            s1 = FloatVector.fromArray(S, b1, j).fma(v, s1);
            s2 = FloatVector.fromArray(S, b2, j).fma(v, s2);
            s3 = FloatVector.fromArray(S, b3, j).fma(v, s3);
        }
        if (j < n && n >= L) {
            // the tail as one vector over the last L samples, the lanes already counted multiplied by 0
            FloatVector v = FloatVector.fromArray(S, a, n - L).mul(tailWeights(n - j));
            s0 = FloatVector.fromArray(S, b0, n - L).fma(v, s0);
            s1 = FloatVector.fromArray(S, b1, n - L).fma(v, s1);
            s2 = FloatVector.fromArray(S, b2, n - L).fma(v, s2);
            s3 = FloatVector.fromArray(S, b3, n - L).fma(v, s3);
            j = n;
        }
        float t0 = s0.reduceLanes(VectorOperators.ADD), t1 = s1.reduceLanes(VectorOperators.ADD);
        float t2 = s2.reduceLanes(VectorOperators.ADD), t3 = s3.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            float v = a[j];
            t0 += v * b0[j];
            t1 += v * b1[j];
            t2 += v * b2[j];
            t3 += v * b3[j];
        }
        if (outAt == null) {
            out[k] = t0;
            out[k + 1] = t1;
            out[k + 2] = t2;
            out[k + 3] = t3;
        } else {
            out[outAt[k]] = t0;
            out[outAt[k + 1]] = t1;
            out[outAt[k + 2]] = t2;
            out[outAt[k + 3]] = t3;
        }
    }

    private static float dot(float[] a, float[] b, int n) {
        FloatVector s = FloatVector.zero(S);
        int j = 0;
        for (; j + L <= n; j += L) s = FloatVector.fromArray(S, b, j).fma(FloatVector.fromArray(S, a, j), s);
        if (j < n && n >= L) {
            s = FloatVector.fromArray(S, b, n - L).fma(FloatVector.fromArray(S, a, n - L).mul(tailWeights(n - j)), s);
            j = n;
        }
        float t = s.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) t += a[j] * b[j];
        return t;
    }
}
