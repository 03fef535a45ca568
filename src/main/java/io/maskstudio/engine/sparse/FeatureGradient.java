package io.maskstudio.engine.sparse;

/**
 * The dense weight gradient {@code δᵀx} straight from the plain-Java kernels' feature-major buffers, one dot product
 * of length batch per cell. For the pairs those kernels train (at most a few million cells) this beats copying both
 * buffers into ND4J for one GEMM: that took 0.7 to 9 ms on a 100 x 300 pair depending on how busy the machine was,
 * this takes a steady fraction of a millisecond.
 */
final class FeatureGradient implements RowBlockScores {
    /** Rows per block: a block of a 4096-wide pair is 1 M floats. */
    private static final int BLOCK_VALUES = 1 << 20;

    private final float[][] dz;
    private final float[][] input;
    private final int batch;

    /** {@code dz[o][b]} and {@code input[i][b]} for the first {@code batch} rows; read, never copied, at {@link #fill}. */
    FeatureGradient(float[][] dz, float[][] input, int batch) {
        this.dz = dz;
        this.input = input;
        this.batch = batch;
    }

    @Override public int rows() { return dz.length; }
    @Override public int cols() { return input.length; }
    @Override public int blockRows() { return Math.max(1, Math.min(rows(), BLOCK_VALUES / Math.max(1, cols()))); }

    @Override
    public void fill(int r0, int r1, float[] out) {
        int cols = cols();
        for (int o = r0; o < r1; o++) {
            float[] d = dz[o];
            int base = (o - r0) * cols;
            for (int i = 0; i < cols; i++) out[base + i] = dot(d, input[i]);
        }
    }

    /** Four partial sums, so C2 can keep them in registers and overlap the multiplies. */
    private float dot(float[] a, float[] b) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int n = batch, k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
            s2 += a[k + 2] * b[k + 2];
            s3 += a[k + 3] * b[k + 3];
        }
        for (; k < n; k++) s0 += a[k] * b[k];
        return (s0 + s1) + (s2 + s3);
    }
}
