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
    private INDArray block;

    public GradientBlocks(INDArray delta, INDArray x) {
        if (delta.rank() != 2 || x.rank() != 2 || delta.rows() != x.rows()) {
            throw new IllegalArgumentException("expected δ [batch,out] and x [batch,in] of one batch, got " + Arrays.toString(delta.shape())
                    + " and " + Arrays.toString(x.shape()));
        }
        this.delta = delta;
        this.x = x;
    }

    /** Up to this many cells the gradient is computed in Java; above, the batch is copied into ND4J for its GEMMs. */
    static final long JAVA_MAX_CELLS = 1L << 22;

    /**
     * From the plain-Java kernels' per-feature buffers: {@code dz[o][b]} and {@code input[i][b]} for the first
     * {@code batch} rows. A pair of up to {@link #JAVA_MAX_CELLS} cells is computed in Java ({@link FeatureGradient}),
     * which beats the copy and GEMM calls there; a larger one by GEMM blocks, ~10x the Java loops' FLOP rate.
     */
    public static RowBlockScores ofFeatures(float[][] dz, float[][] input, int batch) {
        int out = dz.length, in = input.length;
        if ((long) out * in <= JAVA_MAX_CELLS) return new FeatureGradient(dz, input, batch);
        float[] d = new float[batch * out], x = new float[batch * in];
        for (int o = 0; o < out; o++) for (int b = 0; b < batch; b++) d[b * out + o] = dz[o][b];
        for (int i = 0; i < in; i++) for (int b = 0; b < batch; b++) x[b * in + i] = input[i][b];
        return new GradientBlocks(Nd4j.createFromArray(d).reshape('c', batch, out), Nd4j.createFromArray(x).reshape('c', batch, in));
    }

    @Override public int rows() { return (int) delta.columns(); }
    @Override public int cols() { return (int) x.columns(); }
    @Override public int blockRows() { return Math.max(1, Math.min(rows(), BLOCK_VALUES / cols())); }

    @Override
    public void fill(int r0, int r1, float[] out) {
        // gemm into a c-ordered block read straight from its buffer: transpose().mmul() with a strided copy after it
        // was 25 times slower on a 20,000 x 20,000 pair. The block is reused: a fresh one per call allocated 40 GB of
        // native memory over one update of a 100,000 x 100,000 pair, and the process grew to 4 GB.
        INDArray d = delta.get(NDArrayIndex.all(), NDArrayIndex.interval(r0, r1)).dup('f');
        INDArray block = block(r1 - r0);
        Nd4j.gemm(d, x, block, true, false, 1.0, 0.0);
        int n = (r1 - r0) * cols();
        if (block.dataType() == DataType.FLOAT) {
            block.data().asNioFloat().get(out, 0, n);
        } else {
            float[] values = block.data().asFloat();
            System.arraycopy(values, 0, out, 0, n);
        }
    }

    private INDArray block(int rows) {
        if (block == null || block.rows() != rows) block = Nd4j.createUninitialized(delta.dataType(), new long[] {rows, cols()}, 'c');
        return block;
    }
}
