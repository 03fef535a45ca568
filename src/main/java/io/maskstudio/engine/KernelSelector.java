package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Picks a layer's kernel from its size and density (docs/performance.md has the measurements behind
 * the thresholds) and builds it.
 */
public final class KernelSelector {
    /** At or below this many weights the plain-Java dense loops beat ND4J's per-call overhead. */
    public static final long SMALL_MAX_WEIGHTS = 1L << 16;
    /** At or below this density CSR beats the dense GEMMs (4096x4096, batch 256: crossover measured at 20-25%). */
    public static final double CSR_MAX_DENSITY = 0.15;
    /** Above this many weights a dense matrix is not an option at all (one float array of 512 MB). */
    public static final long DENSE_MAX_WEIGHTS = 1L << 27;

    private KernelSelector() {}

    /** The kernel {@link KernelType#AUTO} picks for a layer of this shape and number of connections. */
    public static KernelType choose(int out, int in, long nnz, DataType dtype) {
        long size = (long) out * in;
        if (size > DENSE_MAX_WEIGHTS) return KernelType.CSR;   // (also for DOUBLE: CSR, in float32, or nothing)
        if (dtype != DataType.FLOAT) return KernelType.DENSE; // the plain-Java kernels compute in float32
        if (size <= SMALL_MAX_WEIGHTS) return KernelType.SMALL;
        return (double) nnz / size <= CSR_MAX_DENSITY ? KernelType.CSR : KernelType.DENSE;
    }

    static LayerKernel create(KernelType requested, Mask mask, Activation activation, DataType dtype, IUpdater updater, float[] initValues) {
        KernelType k = requested == KernelType.AUTO ? choose(mask.rows(), mask.cols(), mask.nnz(), dtype) : requested;
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
