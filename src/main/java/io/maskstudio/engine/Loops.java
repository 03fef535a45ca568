package io.maskstudio.engine;

import io.maskstudio.model.Activation;

/**
 * The inner loops of the plain-Java kernels. Every loop indexes its arrays from 0: that is what lets
 * JDK 17's C2 compile them to AVX vector code (see {@link Batch}).
 */
final class Loops {
    private Loops() {}

    /** {@code y[0,n) += a * x[0,n)}. */
    static void axpy(float a, float[] x, float[] y, int n) {
        for (int j = 0; j < n; j++) y[j] += a * x[j];
    }

    /**
     * {@code y += a0 x0 + a1 x1 + a2 x2 + a3 x3}: four axpys in one pass, so {@code y} is loaded and
     * stored once instead of four times.
     */
    static void axpy4(float a0, float[] x0, float a1, float[] x1, float a2, float[] x2, float a3, float[] x3, float[] y, int n) {
        for (int j = 0; j < n; j++) y[j] += a0 * x0[j] + a1 * x1[j] + a2 * x2[j] + a3 * x3[j];
    }

    /**
     * Dot products of {@code a} with eight vectors at once, into {@code out[k..k+8)}: each {@code a[j]}
     * is loaded once for eight products, which halves the loads of eight separate dots (C2 can't
     * vectorize a float reduction, so loads are what these loops wait on).
     */
    static void dot8(float[] a, float[] b0, float[] b1, float[] b2, float[] b3, float[] b4, float[] b5, float[] b6, float[] b7,
                     int n, float[] out, int k) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (int j = 0; j < n; j++) {
            float x = a[j];
            s0 += x * b0[j];
            s1 += x * b1[j];
            s2 += x * b2[j];
            s3 += x * b3[j];
            s4 += x * b4[j];
            s5 += x * b5[j];
            s6 += x * b6[j];
            s7 += x * b7[j];
        }
        out[k] = s0;
        out[k + 1] = s1;
        out[k + 2] = s2;
        out[k + 3] = s3;
        out[k + 4] = s4;
        out[k + 5] = s5;
        out[k + 6] = s6;
        out[k + 7] = s7;
    }

    /**
     * With scalar dots ({@link PlainConnectionLoops}), a row of connections whose share of the row is at least 1/this
     * gets its weight gradient cheaper as a whole row of {@link #outerRow} (vectorized axpys over the inputs) than as
     * one dot per present connection: measured ~20 vs ~2.5 GMAC/s per core on the build VM.
     */
    static final int DOT_COST = 8;

    /** Whether a row with {@code present} of {@code in} inputs is dense enough for {@link #outerRow} against scalar dots. */
    static boolean denseRow(int present, int in) {
        return (long) present * DOT_COST >= in;
    }

    /**
     * {@code g[0,in) = sum over r of d[r] * xt[r][0,in)}: one output row's weight gradient for every input at once,
     * from the batch-major input {@code xt} ({@link #transpose}); four samples per pass, so {@code g} is loaded and
     * stored once per four, and it stays in L1 while the samples stream past.
     */
    static void outerRow(float[] d, float[][] xt, int n, float[] g, int in) {
        fill(g, 0f, in);
        int r = 0;
        for (; r + 4 <= n; r += 4) axpy4(d[r], xt[r], d[r + 1], xt[r + 1], d[r + 2], xt[r + 2], d[r + 3], xt[r + 3], g, in);
        for (; r < n; r++) axpy(d[r], xt[r], g, in);
    }

    /** {@code xt[r][f] = x[f][r]}: per-feature vectors to per-sample rows, in tiles so both sides stay in cache. */
    static void transpose(float[][] x, int features, int n, float[][] xt) {
        final int tile = 32;
        for (int f0 = 0; f0 < features; f0 += tile) {
            int f1 = Math.min(features, f0 + tile);
            for (int r0 = 0; r0 < n; r0 += tile) {
                int r1 = Math.min(n, r0 + tile);
                for (int f = f0; f < f1; f++) {
                    float[] xf = x[f];
                    for (int r = r0; r < r1; r++) xt[r][f] = xf[r];
                }
            }
        }
    }

    /** Sum of {@code a[j] * b[j]} over {@code [0,n)}, eight partial sums to break the add latency chain. */
    static float dot(float[] a, float[] b, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int j = 0;
        for (; j + 8 <= n; j += 8) {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
            s4 += a[j + 4] * b[j + 4];
            s5 += a[j + 5] * b[j + 5];
            s6 += a[j + 6] * b[j + 6];
            s7 += a[j + 7] * b[j + 7];
        }
        for (; j < n; j++) s0 += a[j] * b[j];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Sum in double, in four partial sums: one chain of dependent adds would wait on each add's latency. */
    static float sum(float[] a, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            s0 += a[j];
            s1 += a[j + 1];
            s2 += a[j + 2];
            s3 += a[j + 3];
        }
        for (; j < n; j++) s0 += a[j];
        return (float) ((s0 + s1) + (s2 + s3));
    }

    static void fill(float[] a, float v, int n) {
        for (int j = 0; j < n; j++) a[j] = v;
    }

    /**
     * Applies the activation in place. SOFTMAX and IDENTITY leave logits as they are (the loss applies softmax).
     * Relu is {@code Math.max}, not a ternary: C2 compiles the ternary to a branch that mispredicts on about half the
     * units, and that one loop cost more than the sparse products of a LeNet step; {@code max} vectorizes.
     */
    static void activate(Activation act, float[] z, int n) {
        switch (act) {
            case RELU -> { for (int j = 0; j < n; j++) z[j] = Math.max(z[j], 0f); }
            case TANH -> { for (int j = 0; j < n; j++) z[j] = (float) Math.tanh(z[j]); }
            case SIGMOID -> { for (int j = 0; j < n; j++) z[j] = (float) (1.0 / (1.0 + Math.exp(-z[j]))); }
            case IDENTITY, SOFTMAX -> { }
        }
    }

    /**
     * {@code dz = dOut * f'(z)} from the activation's output {@code a} (relu: a > 0 exactly when z > 0).
     * For identity/softmax {@code dz} is {@code dOut} itself, so callers get the array to use back. Relu's is
     * branch-free for the same reason as {@link #activate}: for {@code a >= 0}, {@code min(a * 2^252, 1)} is exactly
     * 1 when a > 0 (the smallest subnormal, 2^-149, times 2^252 is far above 1) and 0 when a = 0; {@code + 0f} turns
     * the -0 of a negative {@code dOut} times 0 into +0.
     */
    static float[] activationGradient(Activation act, float[] a, float[] dOut, float[] dz, int n) {
        switch (act) {
            case RELU -> { for (int j = 0; j < n; j++) dz[j] = dOut[j] * Math.min(a[j] * 0x1p126f * 0x1p126f, 1f) + 0f; }
            case TANH -> { for (int j = 0; j < n; j++) dz[j] = dOut[j] * (1 - a[j] * a[j]); }
            case SIGMOID -> { for (int j = 0; j < n; j++) dz[j] = dOut[j] * (a[j] * (1 - a[j])); }
            case IDENTITY, SOFTMAX -> { return dOut; }
        }
        return dz;
    }

    /** Grows a per-feature buffer when the batch got larger (buffers are reused between steps). */
    static float[][] ensure(float[][] buf, int features, int rows) {
        if (buf == null || buf.length != features || buf[0].length < rows) return new float[features][rows];
        return buf;
    }
}
