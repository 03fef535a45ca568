package io.maskstudio.engine.sparse;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * The dense weight gradient {@code δᵀx} of one batch, one block of output rows at a time: {@code δ} is the batch's
 * {@code [batch, out]} error at the layer's output, {@code x} its {@code [batch, in]} input. A block is at most
 * {@link #BLOCK_VALUES} floats, so RigL can rank every absent connection of a pair whose full gradient would not fit.
 */
public final class GradientBlocks implements RowBlockScores {
    /** 4 M floats (16 MB) per block: large enough for BLAS to be efficient, small beside a training heap. */
    static final int BLOCK_VALUES = 1 << 22;

    private final INDArray delta;
    private final INDArray x;

    public GradientBlocks(INDArray delta, INDArray x) {
        if (delta.rank() != 2 || x.rank() != 2 || delta.rows() != x.rows()) {
            throw new IllegalArgumentException("expected δ [batch,out] and x [batch,in] of one batch, got " + Arrays.toString(delta.shape())
                    + " and " + Arrays.toString(x.shape()));
        }
        this.delta = delta;
        this.x = x;
    }

    /**
     * From the plain-Java kernels' per-feature buffers: {@code dz[o][b]} and {@code input[i][b]} for the first
     * {@code batch} rows, computed in Java ({@link FeatureGradient}) rather than copied into ND4J.
     */
    public static RowBlockScores ofFeatures(float[][] dz, float[][] input, int batch) {
        return new FeatureGradient(dz, input, batch);
    }

    @Override public int rows() { return (int) delta.columns(); }
    @Override public int cols() { return (int) x.columns(); }
    @Override public int blockRows() { return Math.max(1, Math.min(rows(), BLOCK_VALUES / cols())); }

    @Override
    public void fill(int r0, int r1, float[] out) {
        // gemm into a c-ordered block read straight from its buffer: transpose().mmul() with a strided copy after it
        // was 25 times slower on a 20,000 x 20,000 pair.
        INDArray d = delta.get(NDArrayIndex.all(), NDArrayIndex.interval(r0, r1)).dup('f');
        INDArray block = Nd4j.createUninitialized(delta.dataType(), new long[] {r1 - r0, cols()}, 'c');
        Nd4j.gemm(d, x, block, true, false, 1.0, 0.0);
        int n = (r1 - r0) * cols();
        if (block.dataType() == DataType.FLOAT) {
            block.data().asNioFloat().get(out, 0, n);
        } else {
            float[] values = block.data().asFloat();
            System.arraycopy(values, 0, out, 0, n);
        }
    }
}
