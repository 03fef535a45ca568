package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * The short measurement behind {@link KernelCalibration}: full training steps of seven to twelve layers per kernel
 * (tiny to 1024², batch 1 to 512, LeNet-300-100's pairs among them), fitted by non-negative least squares on relative errors.
 * The 1024² layers at batch 1 price what the others cannot: a dense layer whose weights and Adam state no longer fit
 * the caches (without it, dense was predicted 9x too fast on 4096² at batch 1) and csr's cost per stored connection
 * apart from its work per sample. Dense layers at 30% price the masking passes; csr's 1024² at batch 512 the rows
 * that come from beyond the L2 cache.
 */
final class KernelCalibrationRun {
    /** Warm-up and measuring time per layer: enough for C2 to compile the loops, short enough for a start-up. */
    private static final long WARMUP_NS = 100_000_000L;
    private static final long MEASURE_NS = 80_000_000L;

    private KernelCalibrationRun() {}

    /** The layers each kernel is measured on: {out, in, density per mille, batch}, spanning the terms of its model. */
    private static final int[][] DENSE_LAYERS = {{32, 32, 1000, 8}, {256, 256, 1000, 2}, {256, 256, 1000, 128}, {512, 512, 1000, 2},
        {512, 512, 1000, 64}, {300, 784, 1000, 100}, {100, 300, 1000, 100}, {1024, 1024, 1000, 1},
        {1024, 1024, 300, 1}, {300, 784, 300, 100}, {256, 256, 300, 128}, {100, 300, 300, 32}};
    private static final int[][] CSR_LAYERS = {{32, 32, 1000, 8}, {1024, 1024, 100, 2}, {1024, 1024, 100, 64}, {1024, 1024, 20, 128},
        {256, 512, 1000, 64}, {300, 784, 1000, 100}, {300, 784, 300, 100}, {100, 300, 300, 100}, {1024, 1024, 100, 1},
        {1024, 1024, 50, 512}, {1024, 1024, 300, 32}, {1024, 1024, 300, 1}};
    private static final int[][] SMALL_LAYERS = {{32, 32, 1000, 8}, {256, 256, 100, 2}, {256, 256, 100, 64}, {256, 256, 1000, 64},
        {100, 300, 1000, 100}, {100, 300, 100, 100}, {64, 64, 500, 32}};

    static KernelCalibration measure() {
        NativeThreads.configure();
        // Every kernel once on a mid-sized layer first, results thrown away: until C2 has compiled them, the Vector API
        // loops run interpreted at ~100x their speed, and the first (tiny) layer measured the JIT: a fixed dense cost of
        // 1.8 ms instead of ~0.2, which sent every dense layer to csr.
        for (KernelType k : new KernelType[]{KernelType.DENSE, KernelType.CSR, KernelType.SMALL}) stepUs(k, 256, 256, k == KernelType.CSR ? 0.1 : 1.0, 32);
        double[] d = fit(KernelType.DENSE, DENSE_LAYERS);
        double[] c = fit(KernelType.CSR, CSR_LAYERS);
        double[] m = fit(KernelType.SMALL, SMALL_LAYERS);
        return new KernelCalibration(d[0], d[1], d[2], c[0], c[1], c[2], c[3], m[0], m[1], m[2], m[3], csrWins(SMALL_LAYERS) < 5, d[3], d[4], c[4]);
    }

    /** On how many of {@code layers} csr's step was faster than small's. */
    private static int csrWins(int[][] layers) {
        int wins = 0;
        for (int[] l : layers) {
            double d = l[2] / 1000.0;
            if (stepUs(KernelType.CSR, l[0], l[1], d, l[3]) < stepUs(KernelType.SMALL, l[0], l[1], d, l[3])) wins++;
        }
        return wins;
    }

    /** Measures {@code kernel} on {@code layers} and fits its coefficients ({@link KernelCalibration#features}). */
    private static double[] fit(KernelType kernel, int[][] layers) {
        double[][] features = new double[layers.length][];
        for (int i = 0; i < layers.length; i++) {
            int[] l = layers[i];
            long nnz = Math.round(l[2] / 1000.0 * l[1]) * (long) l[0];
            features[i] = KernelCalibration.features(kernel, l[0], l[1], nnz, l[3]);
        }
        return fitRechecking(features, i -> stepUs(kernel, layers[i][0], layers[i][1], layers[i][2] / 1000.0, layers[i][3]));
    }

    /** A fit's prediction this far from a layer's time, either way, makes the layer be measured once more. */
    static final double RECHECK_FACTOR = 1.5;

    /**
     * {@link #nonNegativeFit} of the layers' times ({@code timer} measures layer i); then each layer the fit misses by more than {@link #RECHECK_FACTOR}
     * is timed once more, the faster of its two times kept, and the fit redone. On a shared machine one step slowed by
     * another job can set a whole kernel's coefficients (on 3 Dec 2026 one calibration priced dense's fixed cost at
     * 150 µs where its small layers take 45–60, and sent 300→100 at batch 32 to csr, 2.7x slower). A layer the model
     * cannot fit only costs one more measurement.
     */
    static double[] fitRechecking(double[][] features, IntToDoubleFunction timer) {
        double[] us = new double[features.length];
        for (int i = 0; i < us.length; i++) us[i] = timer.applyAsDouble(i);
        double[] c = nonNegativeFit(features, us);
        boolean again = false;
        for (int i = 0; i < us.length; i++) {
            double ratio = KernelCalibration.predict(features[i], c) / us[i];
            if (ratio > RECHECK_FACTOR || ratio < 1 / RECHECK_FACTOR) {
                us[i] = Math.min(us[i], timer.applyAsDouble(i));
                again = true;
            }
        }
        return again ? nonNegativeFit(features, us) : c;
    }

    /**
     * Non-negative coefficients c minimizing the squared relative errors {@code sum ((f_i·c - t_i) / t_i)^2}: relative,
     * so a 20 us layer counts as much as a 20 ms one (the choice is about ratios). With five unknowns at most, every
     * subset of free coefficients (the rest held at 0) is solved by least squares and the best non-negative one kept:
     * the exact solution, where the earlier one-after-the-other solve clamped negatives and let one noisy step decide.
     */
    static double[] nonNegativeFit(double[][] f, double[] t) {
        int p = f[0].length;
        double[] best = new double[p];
        double bestErr = Double.POSITIVE_INFINITY;
        for (int subset = 1; subset < 1 << p; subset++) {
            double[] c = leastSquares(f, t, subset);
            if (c == null) continue;
            boolean ok = true;
            for (double v : c) ok &= v >= 0;
            if (!ok) continue;
            double err = 0;
            for (int i = 0; i < t.length; i++) {
                double r = (KernelCalibration.predict(f[i], c) - t[i]) / t[i];
                err += r * r;
            }
            if (err < bestErr) {
                bestErr = err;
                best = c;
            }
        }
        return best;
    }

    /** Weighted least squares over the coefficients in {@code subset} (bits), the others 0; null if singular. */
    private static double[] leastSquares(double[][] f, double[] t, int subset) {
        int p = f[0].length;
        int[] idx = new int[Integer.bitCount(subset)];
        for (int j = 0, k = 0; j < p; j++) if ((subset >> j & 1) != 0) idx[k++] = j;
        int q = idx.length;
        double[][] a = new double[q][q + 1]; // normal equations [AᵀA | Aᵀb] with rows scaled by 1/t
        for (int i = 0; i < t.length; i++) {
            for (int r = 0; r < q; r++) {
                double fr = f[i][idx[r]] / t[i];
                for (int s = 0; s < q; s++) a[r][s] += fr * f[i][idx[s]] / t[i];
                a[r][q] += fr; // (t_i / t_i)
            }
        }
        for (int col = 0; col < q; col++) { // Gauss-Jordan with partial pivoting
            int piv = col;
            for (int r = col + 1; r < q; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
            if (Math.abs(a[piv][col]) < 1e-12 * (1 + Math.abs(a[col][col]))) return null;
            double[] tmp = a[col];
            a[col] = a[piv];
            a[piv] = tmp;
            for (int r = 0; r < q; r++) {
                if (r == col) continue;
                double factor = a[r][col] / a[col][col];
                for (int s = col; s <= q; s++) a[r][s] -= factor * a[col][s];
            }
        }
        double[] c = new double[p];
        for (int r = 0; r < q; r++) c[idx[r]] = a[r][q] / a[r][r];
        return c;
    }

    /**
     * Fastest microseconds of a full training step (Adam, identity activation) of one layer; the fastest, not the median, because on a shared machine the
     * median measures the other jobs (measured: medians 3-30x the minimum at load 15-20 on 2 cores).
     */
    static double stepUs(KernelType kernel, int out, int in, double density, int batch) {
        Mask m = Benchmarks.randomMask(out, in, density, 7);
        MaskedLinear layer = new MaskedLinear(m, Activation.IDENTITY, DataType.FLOAT, Optimizers.create("adam", 1e-3), new SplittableRandom(7), kernel);
        boolean java = kernel != KernelType.DENSE;
        Batch x = Benchmarks.input(batch, in, 8, java);
        Batch g = Benchmarks.input(batch, out, 9, java);
        int it = 0;
        long end = System.nanoTime() + WARMUP_NS;
        // by time, not by a step count: a tiny layer's 400 steps (3 ms) ended before C2 had recompiled the loops it
        // deoptimized on the new shape, and the grid timed csr at 55 us where it takes 7
        for (int s = 0; s < 50_000 && (s < 3 || System.nanoTime() < end); s++) step(layer, x, g, it++, java);
        double[] us = new double[200];
        int n = 0;
        end = System.nanoTime() + MEASURE_NS;
        while (n < us.length && (n < 5 || System.nanoTime() < end)) {
            long t0 = System.nanoTime();
            step(layer, x, g, it++, java);
            us[n++] = (System.nanoTime() - t0) / 1e3;
        }
        return Arrays.stream(us, 0, n).min().orElse(Double.NaN);
    }

    private static void step(MaskedLinear layer, Batch x, Batch g, int iteration, boolean java) {
        layer.forward(x, true);
        layer.backward(g, true);
        layer.step(1e-3, WeightDecay.NONE, iteration, 0);
        if (!java) Nd4j.getExecutioner().commit();
    }
}
