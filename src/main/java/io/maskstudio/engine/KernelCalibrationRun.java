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
    private static final long WARMUP_NS = 150_000_000L;
    private static final long MEASURE_NS = 120_000_000L;

    private KernelCalibrationRun() {}

    static KernelCalibration measure() {
        NativeThreads.configure();
        // dense
        double df = stepUs(KernelType.DENSE, 32, 32, 1.0, 8);
        double d2 = stepUs(KernelType.DENSE, 512, 1024, 1.0, 2) - df;
        double d3 = stepUs(KernelType.DENSE, 512, 1024, 1.0, 256) - df;
        double dw = 512.0 * 1024;
        double dMac = pos((d3 - d2) / (dw * 254));
        double dWeight = pos(d2 / dw - 2 * dMac);
        // csr, at 10% (where it is chosen)
        double cf = stepUs(KernelType.CSR, 32, 32, 1.0, 8);
        double c2 = stepUs(KernelType.CSR, 1024, 1024, 0.1, 2) - cf;
        double c3 = stepUs(KernelType.CSR, 1024, 1024, 0.1, 128) - cf;
        double cn = Math.round(0.1 * 1024) * 1024.0;
        double cMac = pos((c3 - c2) / (cn * 126));
        double cWeight = pos(c2 / cn - 2 * cMac);
        // small: dense rows, so the dW part follows out*in and the rest the connections
        double sf = stepUs(KernelType.SMALL, 32, 32, 1.0, 8);
        double s2 = stepUs(KernelType.SMALL, 512, 512, 1.0, 2) - sf;
        double s3 = stepUs(KernelType.SMALL, 512, 512, 1.0, 64) - sf;
        double s4 = stepUs(KernelType.SMALL, 512, 512, 0.1, 64) - sf;
        double sw = 512.0 * 512;
        double bothMac = pos((s3 - s2) / (sw * 62));
        double sparseShare = 1 - Math.round(0.1 * 512) / 512.0;
        double sMac = Math.min(bothMac, pos((s3 - s4) / (sparseShare * sw * 64)));
        double sDenseMac = bothMac - sMac;
        double sWeight = pos(s2 / sw - 2 * bothMac);
        return new KernelCalibration(df, dMac * 1e3, dWeight * 1e3, cf, cMac * 1e3, cWeight * 1e3, sf, sMac * 1e3, sDenseMac * 1e3, sWeight * 1e3);
    }

    private static double pos(double v) {
        return Double.isFinite(v) && v > 0 ? v : 0;
    }

    /** Median microseconds of a full training step (Adam, identity activation) of one layer. */
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
        return Benchmarks.median(Arrays.copyOf(us, n));
    }

    private static void step(MaskedLinear layer, Batch x, Batch g, int iteration, boolean java) {
        layer.forward(x, true);
        layer.backward(g, true);
        layer.step(1e-3, WeightDecay.NONE, iteration, 0);
        if (!java) Nd4j.getExecutioner().commit();
    }
}
