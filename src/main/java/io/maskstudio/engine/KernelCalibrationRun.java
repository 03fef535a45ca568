package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The short measurement behind {@link KernelCalibration}: full training steps of a few layers per kernel, chosen
 * so that each coefficient dominates one of them (a tiny layer for the fixed part, a wide layer at batch 2 for the
 * per-weight part, the same at a large batch for the per-multiply-add part), solved one after the other.
 */
final class KernelCalibrationRun {
    /** Warm-up and measuring time per layer: enough for C2 to compile the loops, short enough for a start-up. */
    private static final long WARMUP_NS = 100_000_000L;
    private static final long MEASURE_NS = 80_000_000L;

    private KernelCalibrationRun() {}

    static KernelCalibration measure() {
        NativeThreads.configure();
        // dense
        double df = stepUs(KernelType.DENSE, 32, 32, 1.0, 8);
        double d2 = stepUs(KernelType.DENSE, 512, 512, 1.0, 2) - df;
        double d3 = stepUs(KernelType.DENSE, 512, 512, 1.0, 128) - df;
        double dw = 512.0 * 512;
        double dMac = pos((d3 - d2) / (dw * 126));
        double dWeight = pos(d2 / dw - 2 * dMac);
        // csr at 10% (dW as dots) and at 100% (dW as whole-row axpys)
        double cf = stepUs(KernelType.CSR, 32, 32, 1.0, 8);
        double cn = Math.round(0.1 * 1024) * 1024.0;
        double c2 = stepUs(KernelType.CSR, 1024, 1024, 0.1, 2) - cf;
        double c3 = stepUs(KernelType.CSR, 1024, 1024, 0.1, 64) - cf;
        double c4 = stepUs(KernelType.CSR, 256, 512, 1.0, 64) - cf;
        double[] csr = javaCoefficients(c2, c3, cn, c4, 256.0 * 512, 64, cn, 256.0 * 512);
        // small, the same at 512x512: at 100% (dW as axpys) and 10% (dots); its optimizer visits all out*in weights
        double sf = stepUs(KernelType.SMALL, 32, 32, 1.0, 8);
        double sw = 512.0 * 512;
        double sn = Math.round(0.1 * 512) * 512.0;
        double s2 = stepUs(KernelType.SMALL, 512, 512, 0.1, 2) - sf;
        double s3 = stepUs(KernelType.SMALL, 512, 512, 0.1, 64) - sf;
        double s4 = stepUs(KernelType.SMALL, 512, 512, 1.0, 64) - sf;
        double[] small = javaCoefficients(s2, s3, sn, s4, sw, 64, sw, sw);
        return new KernelCalibration(df, dMac * 1e3, dWeight * 1e3,
                cf, csr[0] * 1e3, csr[1] * 1e3, csr[2] * 1e3, sf, small[0] * 1e3, small[1] * 1e3, small[2] * 1e3);
    }

    /**
     * Axpy, dot and per-stored-value costs (us per unit) of a plain-Java kernel from three steps less the fixed part:
     * {@code sparse2} and {@code sparse64} at batch 2 and 64 of a layer with {@code nnz} connections in sparse rows
     * ({@code stored} values for the optimizer), {@code full64} at batch 64 of a full layer of {@code fullWeights}
     * (its optimizer visiting {@code fullStored}). The full layer's dW runs the axpy loop, once per weight and sample,
     * beside forward's and dx's two.
     */
    static double[] javaCoefficients(double sparse2, double sparse64, double nnz, double full64, double fullWeights, int batch,
                                     double stored, double fullStored) {
        double perSample = pos((sparse64 - sparse2) / (batch - 2));        // (2 axpy + dot) * nnz
        double weight = pos((sparse2 - 2 * perSample) / stored);
        double axpy = pos((full64 - weight * fullStored) / (batch * 3 * fullWeights));
        double dot = pos(perSample / nnz - 2 * axpy);
        return new double[]{axpy, dot, weight};
    }

    private static double pos(double v) {
        return Double.isFinite(v) && v > 0 ? v : 0;
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
        for (int s = 0; s < 400 && (s < 3 || System.nanoTime() < end); s++) step(layer, x, g, it++, java);
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
