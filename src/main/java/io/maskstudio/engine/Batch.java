package io.maskstudio.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * A batch of activations {@code [rows, features]} passed between layers, held as an ND4J array, as
 * plain float32 per-feature vectors ({@code byFeature[f][r]}), or both. Each kernel asks for the form
 * it computes with, so a network of plain-Java kernels never calls native code and a conversion
 * happens only where a dense ND4J layer meets a plain-Java one.
 *
 * <p>Why one {@code float[]} per feature: the plain-Java products become axpy loops over the batch,
 * and JDK 17's C2 vectorizes those only when every array in the loop is indexed from 0 (with an
 * offset into a shared array it falls back to scalar code, measured 4-5x slower).
 */
final class Batch {
    final int rows;
    final int features;
    private INDArray array;       // [rows, features]
    private float[][] byFeature;  // [features][>= rows]
    private float[] rowMajor;     // the array's values in Java, when its maker had them: [>= rows*features]

    private Batch(int rows, int features, INDArray array, float[][] byFeature) {
        this.rows = rows;
        this.features = features;
        this.array = array;
        this.byFeature = byFeature;
    }

    /** An array together with the same values, row-major, in Java (a dense layer's output after its Java activation). */
    static Batch of(INDArray a, float[] rowMajor) {
        Batch b = of(a);
        b.rowMajor = rowMajor;
        return b;
    }

    static Batch of(INDArray a) {
        if (a.rank() != 2) throw new IllegalArgumentException("a batch must be [rows, features], was rank " + a.rank());
        return new Batch((int) a.rows(), (int) a.columns(), a, null);
    }

    /** Wraps per-feature vectors; each may be longer than {@code rows} (reused buffers). */
    static Batch ofFeatures(float[][] byFeature, int rows) {
        return new Batch(rows, byFeature.length, null, byFeature);
    }

    /** Gathers the given rows of a row-major {@code [n, features]} block straight into per-feature vectors. */
    static Batch gather(float[] rowMajor, int features, int[] rowIndices) {
        return gather(rowMajor, features, rowIndices, new float[features][rowIndices.length]);
    }

    /**
     * {@link #gather} into {@code into} ({@code [features][>= rows]}, reused between batches). Eight rows at a time:
     * each feature's eight values land in one cache line of its vector while eight source rows stream in order; one
     * row at a time wrote a different line for every value (0.1 ms for 100x784, more than a 2% LeNet step's products).
     */
    static Batch gather(float[] rowMajor, int features, int[] rowIndices, float[][] into) {
        int n = rowIndices.length;
        int r = 0;
        for (; r + 8 <= n; r += 8) {
            int s0 = rowIndices[r] * features, s1 = rowIndices[r + 1] * features, s2 = rowIndices[r + 2] * features;
            int s3 = rowIndices[r + 3] * features, s4 = rowIndices[r + 4] * features, s5 = rowIndices[r + 5] * features;
            int s6 = rowIndices[r + 6] * features, s7 = rowIndices[r + 7] * features;
            for (int c = 0; c < features; c++) {
                float[] fc = into[c];
                fc[r] = rowMajor[s0 + c];
                fc[r + 1] = rowMajor[s1 + c];
                fc[r + 2] = rowMajor[s2 + c];
                fc[r + 3] = rowMajor[s3 + c];
                fc[r + 4] = rowMajor[s4 + c];
                fc[r + 5] = rowMajor[s5 + c];
                fc[r + 6] = rowMajor[s6 + c];
                fc[r + 7] = rowMajor[s7 + c];
            }
        }
        for (; r < n; r++) {
            int src = rowIndices[r] * features;
            for (int c = 0; c < features; c++) into[c][r] = rowMajor[src + c];
        }
        return new Batch(n, features, null, into);
    }

    boolean hasFeatures() { return byFeature != null; }

    /** The batch as an array of {@code dtype} (converted once and kept). */
    INDArray array(DataType dtype) {
        return array(dtype, null);
    }

    /**
     * The batch as an array of {@code dtype}; a batch of Java vectors is copied into {@code reuse} when that is a
     * float32 {@code [rows, features]} array Java can write ({@link NativeFloats}), since an ND4J allocation costs
     * more than the copy (0.24 ms for a 100x300 array). The caller owns {@code reuse} and must not hand it to two
     * batches alive at once.
     */
    INDArray array(DataType dtype, INDArray reuse) {
        if (array != null && array.dataType() != dtype) {
            array = array.castTo(dtype);
        } else if (array == null) {
            if (dtype == DataType.FLOAT && NativeFloats.cpuBackend()) {
                // row-major in Java, one bulk copy into native memory: no ND4J op on the way
                float[] flat = new float[rows * features];
                for (int c = 0; c < features; c++) {
                    float[] col = byFeature[c];
                    for (int r = 0; r < rows; r++) flat[r * features + c] = col[r];
                }
                boolean fits = reuse != null && reuse.rows() == rows && reuse.columns() == features && NativeFloats.usable(reuse);
                array = fits ? reuse : Nd4j.create(DataType.FLOAT, rows, features);
                NativeFloats.write(flat, flat.length, array);
                rowMajor = flat;
            } else {
                float[] flat = new float[rows * features];
                // 'f' order over [rows, features] is feature after feature
                for (int c = 0; c < features; c++) System.arraycopy(byFeature[c], 0, flat, c * rows, rows);
                array = Nd4j.create(flat, new long[]{rows, features}, 'f').castTo(dtype).dup('c');
            }
        }
        return array;
    }

    /** The batch as float32 per-feature vectors (converted once and kept). */
    float[][] byFeature() {
        if (byFeature == null && rowMajor == null && NativeFloats.usable(array)) rowMajor = NativeFloats.read(array, null, rows * features);
        if (byFeature == null && rowMajor != null) {
            float[][] f = new float[features][rows];
            for (int r = 0; r < rows; r++) {
                int base = r * features;
                for (int c = 0; c < features; c++) f[c][r] = rowMajor[base + c];
            }
            byFeature = f;
        } else if (byFeature == null) {
            float[] flat = Nd4j.toFlattened('f', array).castTo(DataType.FLOAT).toFloatVector();
            float[][] f = new float[features][];
            for (int c = 0; c < features; c++) f[c] = Arrays.copyOfRange(flat, c * rows, (c + 1) * rows);
            byFeature = f;
        }
        return byFeature;
    }
}
