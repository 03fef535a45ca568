package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.List;

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
     * A kernel's predicted step time as the choice weighs it: the layer alone. Until Dec 2026 dense paid a fixed 3 ms
     * more here for ND4J's per-op costs on its activations, which a network paid and the calibration's layers-alone
     * times missed; the dense kernel now does that element-wise work in Java over the native buffers, and on
     * LeNet-300-100 at 30% (batch 100, 6000 steps, twice) every mix of kernels the choice could make ran within 10% of
     * the others (524-654 steps/s; docs/performance.md), so the layer-alone prediction is what decides.
     */
    static double weighedUs(KernelCalibration cal, KernelType k, int out, int in, long nnz, int batch) {
        return cal.predictUs(k, out, in, nnz, batch);
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
            if (k == KernelType.SMALL && !smallOffered(size, cal)) continue;
            double us = weighedUs(cal, k, out, in, nnz, b);
            if (us * TIE < bestUs) {
                best = k;
                bestUs = us;
            }
        }
        return best;
    }

    /**
     * What one value costs where a dense layer (ND4J arrays, row-major) meets a plain-Java one (per-feature vectors),
     * in ns per batch row and feature: a native read or write and a transpose, forward and backward. Measured on
     * LeNet-300-100 at 30%, batch 100 (3 Dec 2026, 6000 and 1000 steps, repeated): dense,dense,csr trained at ~650
     * steps/s and dense,csr,csr at ~550 although 300x100 alone is a tie (0.35 ms on either); moving the boundary from
     * 300 features to 100 saved ~0.28 ms a step for 20,000 values fewer.
     */
    static final double LAYOUT_CHANGE_NS = 14;

    /** Whether a kernel takes and gives its activations as per-feature Java vectors (else as ND4J arrays). */
    static boolean javaLayout(KernelType k) {
        return k != KernelType.DENSE;
    }

    /**
     * Kernels for a whole chain of layers, input side first: each {@code requested} entry that is not AUTO is kept, and
     * the AUTO ones are chosen together so that the predicted steps plus {@link #LAYOUT_CHANGE_NS} at every boundary
     * where the layout changes are least (the loss reads per-feature vectors, so a dense output layer pays one too;
     * the first layer's input is gathered into either form for free). Three kernels per layer: a shortest path.
     *
     * @param shapes {@code [out, in]} of each layer
     */
    public static List<KernelType> chooseChain(int[][] shapes, long[] nnz, List<KernelType> requested, int batch,
                                                         DataType dtype, KernelCalibration cal) {
        int n = shapes.length;
        KernelType[] all = {KernelType.SMALL, KernelType.CSR, KernelType.DENSE};
        double[][] cost = new double[n][all.length];
        int[][] from = new int[n][all.length];
        int b = Math.max(1, batch);
        for (int l = 0; l < n; l++) {
            int out = shapes[l][0];
            int in = shapes[l][1];
            KernelType alone = choose(out, in, nnz[l], b, dtype, cal);
            for (int k = 0; k < all.length; k++) {
                cost[l][k] = Double.POSITIVE_INFINITY;
                if (!allowed(all[k], alone, requested.get(l), out, in, dtype, cal)) continue;
                double own = weighedUs(cal, all[k], out, in, nnz[l], b);
                if (l == n - 1 && !javaLayout(all[k])) own += change(b, out);
                for (int p = 0; p < (l == 0 ? 1 : all.length); p++) {
                    double c = l == 0 ? own : cost[l - 1][p] + own + (javaLayout(all[p]) != javaLayout(all[k]) ? change(b, in) : 0);
                    if (c < cost[l][k]) {
                        cost[l][k] = c;
                        from[l][k] = p;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < all.length; k++) if (cost[n - 1][k] < cost[n - 1][best]) best = k;
        KernelType[] chosen = new KernelType[n];
        for (int l = n - 1; l >= 0; l--) {
            chosen[l] = all[best];
            best = from[l][best];
        }
        return List.of(chosen);
    }

    private static double change(int batch, int features) {
        return LAYOUT_CHANGE_NS * batch * features / 1000.0;
    }

    /** Which kernels the chain may give a layer: the requested one, or under AUTO what the fixed rules leave open. */
    private static boolean allowed(KernelType k, KernelType alone, KernelType requested, int out, int in, DataType dtype, KernelCalibration cal) {
        if (requested != KernelType.AUTO) return k == requested;
        long size = (long) out * in;
        if (size > DENSE_MAX_WEIGHTS || dtype != DataType.FLOAT) return k == alone;
        return k != KernelType.SMALL || smallOffered(size, cal);
    }

    /** Whether {@code small} may take a layer of {@code size} weights: not above {@link #SMALL_MAX_WEIGHTS}, and only where it won its calibration. */
    private static boolean smallOffered(long size, KernelCalibration cal) {
        return size <= SMALL_MAX_WEIGHTS && cal.smallOffered();
    }

    /**
     * The calibration AUTO weighs a layer of {@code weights} with: this machine's, except where the fixed rules decide
     * anyway (above {@link #DENSE_MAX_WEIGHTS}, or not float32), which then need no measurement.
     */
    static KernelCalibration calibrationFor(long weights, DataType dtype) {
        return dtype == DataType.FLOAT && weights <= DENSE_MAX_WEIGHTS ? KernelCalibration.current() : KernelCalibration.BUILTIN;
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
        KernelType k = requested == KernelType.AUTO
                ? choose(mask.rows(), mask.cols(), mask.nnz(), batch, dtype, calibrationFor((long) mask.rows() * mask.cols(), dtype))
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
