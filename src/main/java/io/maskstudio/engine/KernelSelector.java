package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Picks a layer's kernel from the work of one training step: the batch size times the connections (the
 * plain-Java kernels) or times all out*in weights (the GEMMs), plus what each kernel pays per step and per stored
 * value, as this machine's {@link KernelCalibration} measured them (docs/performance.md has the grid it is checked
 * on). Two rules stay fixed: above {@link #DENSE_MAX_WEIGHTS} only CSR can hold the layer, and the plain-Java
 * kernels compute in float32, so a DOUBLE network runs dense.
 */
public final class KernelSelector {
    /** Above this many weights a dense matrix is not an option at all (one float array of 512 MB). */
    public static final long DENSE_MAX_WEIGHTS = 1L << 27;
    /**
     * Above this many weights {@code small} is not offered: it is single-threaded and its optimizer and dW visit all
     * out*in weights, and on the grid (docs/performance.md) it lost to csr by up to 16x at 1024x1024.
     */
    public static final long SMALL_MAX_WEIGHTS = 1L << 16;
    /** The batch assumed where none is known (the graphs' default). */
    public static final int DEFAULT_BATCH = 32;
    /**
     * A layer changes kernel after a mask edit only when the new one is predicted this much faster: kernels agree
     * to float rounding, not bit for bit, so switching back and forth near a crossover would buy nothing.
     */
    static final double SWITCH_GAIN = 1.3;
    /**
     * What a dense layer costs a network per step beyond its own step (us): ND4J's per-op cost on the activations and
     * the loss, and the layout conversions to and from the plain-Java kernels' per-feature vectors, none of which the
     * calibration's layers-alone times contain. Measured on the build VM (2 Dec 2026, quiet): LeNet-300-100 at 100%,
     * batch 100, trained at 150-186 steps/s with 784x300 on dense and 261 with it on csr, although alone that pair
     * took 2.3 ms on dense and 5.4 on csr: ~3 ms per step that the layer's own time misses. A fixed cost, not a
     * factor, so that large layers (4096x4096 at batch 256: dense ~200 ms, csr ~650 ms) stay dense.
     */
    static final double DENSE_IN_NETWORK_US = 3000;

    /** A kernel's predicted step time as the choice weighs it: dense's plus {@link #DENSE_IN_NETWORK_US}. */
    static double weighedUs(KernelCalibration cal, KernelType k, int out, int in, long nnz, int batch) {
        return cal.predictUs(k, out, in, nnz, batch) + (k == KernelType.DENSE ? DENSE_IN_NETWORK_US : 0);
    }
    /** Predictions within this factor count as a tie, settled by the order small, csr, dense (no native calls first). */
    static final double TIE = 1.03;

    private KernelSelector() {}

    /** The kernel {@link KernelType#AUTO} picks at the default batch size with this machine's calibration. */
    public static KernelType choose(int out, int in, long nnz, DataType dtype) {
        return choose(out, in, nnz, DEFAULT_BATCH, dtype, KernelCalibration.current());
    }

    /** The kernel {@link KernelType#AUTO} picks for a layer of this shape, connection count and batch size. */
    public static KernelType choose(int out, int in, long nnz, int batch, DataType dtype, KernelCalibration cal) {
        long size = (long) out * in;
        if (size > DENSE_MAX_WEIGHTS) return KernelType.CSR;   // (also for DOUBLE: CSR, in float32, or nothing)
        if (dtype != DataType.FLOAT) return KernelType.DENSE; // the plain-Java kernels compute in float32
        int b = Math.max(1, batch);
        KernelType best = null;
        double bestUs = Double.POSITIVE_INFINITY;
        for (KernelType k : new KernelType[]{KernelType.SMALL, KernelType.CSR, KernelType.DENSE}) {
            if (k == KernelType.SMALL && (size > SMALL_MAX_WEIGHTS || !cal.smallOffered())) continue;
            double us = weighedUs(cal, k, out, in, nnz, b);
            if (us * TIE < bestUs) {
                best = k;
                bestUs = us;
            }
        }
        return best;
    }

    /**
     * The kernel a layer now running {@code current} should move to after its mask changed to {@code nnz}
     * connections: the new choice when it is predicted at least {@link #SWITCH_GAIN} times faster, else
     * {@code current}.
     */
    static KernelType rechoose(KernelType current, int out, int in, long nnz, int batch, DataType dtype, KernelCalibration cal) {
        KernelType next = choose(out, in, nnz, batch, dtype, cal);
        if (next == current) return current;
        if (current == KernelType.DENSE && dtype != DataType.FLOAT) return current;
        if ((long) out * in > DENSE_MAX_WEIGHTS) return KernelType.CSR;
        if (current == KernelType.SMALL && (long) out * in > SMALL_MAX_WEIGHTS) return next;
        double now = weighedUs(cal, current, out, in, nnz, Math.max(1, batch));
        double then = weighedUs(cal, next, out, in, nnz, Math.max(1, batch));
        return now >= then * SWITCH_GAIN ? next : current;
    }

    static LayerKernel create(KernelType requested, Mask mask, Activation activation, DataType dtype, IUpdater updater, float[] initValues,
                              int batch) {
        NativeThreads.configure();
        boolean measured = dtype == DataType.FLOAT && (long) mask.rows() * mask.cols() <= DENSE_MAX_WEIGHTS; // else the rules decide
        KernelType k = requested == KernelType.AUTO
                ? choose(mask.rows(), mask.cols(), mask.nnz(), batch, dtype, measured ? KernelCalibration.current() : KernelCalibration.BUILTIN)
                : requested;
        if (requested != KernelType.AUTO && k != KernelType.DENSE && dtype != DataType.FLOAT) {
            throw new IllegalArgumentException("the " + k.id() + " kernel computes in float32; use the dense kernel for " + dtype);
        }
        return switch (k) {
            case DENSE -> new DenseKernel(mask, activation, dtype, updater, initValues);
            case SMALL -> new SmallKernel(mask, activation, updater, initValues);
            case CSR -> new CsrKernel(mask, activation, updater, initValues);
            case AUTO -> throw new AssertionError();
        };
    }
}
