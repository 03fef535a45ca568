package io.maskstudio.engine.sparse;

/**
 * A score per cell of an {@code [rows, cols]} pair, handed out a block of rows at a time, so that a pair too large to
 * hold densely (100,000 x 100,000 is 40 GB of floats) can still be ranked: RigL's grow step reads |δᵀx| this way.
 */
public interface RowBlockScores {
    int rows();

    int cols();

    /** How many rows one {@link #fill} call should cover (at least 1). */
    int blockRows();

    /** Writes the scores of rows {@code r0..r1-1} into {@code out}, row-major, {@code (r1 - r0) * cols} values. */
    void fill(int r0, int r1, float[] out);

    /** Scores already held densely, row-major {@code [rows*cols]} (small pairs, and naive references in tests). */
    static RowBlockScores ofDense(int rows, int cols, float[] values) {
        if (values.length != (long) rows * cols) throw new IllegalArgumentException("expected " + rows + "x" + cols + " scores, got " + values.length);
        return new RowBlockScores() {
            @Override public int rows() { return rows; }
            @Override public int cols() { return cols; }
            @Override public int blockRows() { return Math.max(1, Math.min(rows, (1 << 20) / cols)); }

            @Override
            public void fill(int r0, int r1, float[] out) {
                System.arraycopy(values, r0 * cols, out, 0, (r1 - r0) * cols);
            }
        };
    }
}
