package io.maskstudio.engine;

import io.maskstudio.engine.sparse.GradientBlocks;
import io.maskstudio.engine.sparse.RowBlockScores;
import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Arrays;

/**
 * Compressed sparse rows in plain Java: weights, gradients and optimizer state exist only for present
 * connections, so time and memory are proportional to nnz (a 100,000 x 100,000 layer with 10^6
 * connections needs megabytes, not the 40 GB of a dense matrix). Absent weights are not stored, so
 * they are exactly 0 by construction. The three products are, per connection k = (o, i):
 * {@code y[o] += w[k] x[i]} and {@code dx[i] += w[k] δ[o]} (sums of rows over the batch) and
 * {@code dW[k] = δ[o]·x[i]} (dots over the batch), both {@link ConnectionLoops}. A column index
 * (CSC) makes dx a gather per input, so every product splits by disjoint outputs across threads.
 */
final class CsrKernel implements LayerKernel {
    private static final ConnectionLoops LOOPS = ConnectionLoops.BEST;
    private final int in;
    private final int out;
    private final Activation activation;

    private int[] rowStart;   // [out+1]
    private int[] column;     // [nnz], ascending within a row
    private int[] colStart;   // [in+1]: CSC view of the same connections
    private int[] cscRow;     // [nnz] output row of the CSC entry
    private int[] cscPos;     // [nnz] its position in the CSR arrays
    private float[] w;        // [nnz]
    private float[] gradW;    // [nnz]: gradient, then the update
    private final float[] bias;
    private final float[] gradB;
    private FloatOptimizer optimizer;
    private float[][] stateW; // [chunk][nnz]
    private float[][] stateB; // [chunk][out]

    private float[][] input;
    private float[][] trainOut;
    private float[][] inferOut;
    private float[][] dzBuf;
    private final float[][] dz;
    private float[][] dx;
    private float[][] xtBuf;  // the input batch-major [rows][in], for dense-ish rows' dW
    private int rows;
    private boolean haveGradient;

    CsrKernel(Mask mask, Activation activation, IUpdater updater, float[] initValues) {
        this.in = mask.cols();
        this.out = mask.rows();
        this.activation = activation;
        buildStructure(mask);
        this.w = Arrays.copyOf(initValues, column.length);
        this.gradW = new float[column.length];
        this.bias = new float[out];
        this.gradB = new float[out];
        this.dz = new float[out][];
        setUpdater(updater, true);
    }

    private void buildStructure(Mask mask) {
        long nnz = mask.nnz();
        if (nnz > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("layer has " + nnz + " connections, more than one array can hold");
        rowStart = new int[out + 1];
        column = new int[(int) nnz];
        int k = 0;
        for (int o = 0; o < out; o++) {
            rowStart[o] = k;
            int[] cols = mask.rowIndices(o);
            System.arraycopy(cols, 0, column, k, cols.length);
            k += cols.length;
        }
        rowStart[out] = k;
        buildColumnIndex();
    }

    private void buildColumnIndex() {
        int nnz = column.length;
        colStart = new int[in + 1];
        for (int c : column) colStart[c + 1]++;
        for (int i = 0; i < in; i++) colStart[i + 1] += colStart[i];
        cscRow = new int[nnz];
        cscPos = new int[nnz];
        int[] next = Arrays.copyOf(colStart, in);
        for (int o = 0; o < out; o++) {
            for (int k = rowStart[o]; k < rowStart[o + 1]; k++) {
                int q = next[column[k]]++;
                cscRow[q] = o;
                cscPos[q] = k;
            }
        }
    }

    int nnz() { return column.length; }

    private boolean anyWholeRowGradient(int n) {
        for (int o = 0; o < out; o++) if (LOOPS.wholeRowGradient(rowStart[o + 1] - rowStart[o], in, n)) return true;
        return false;
    }

    @Override public KernelType type() { return KernelType.CSR; }

    @Override
    public void setUpdater(IUpdater config, boolean reset) {
        FloatOptimizer next = FloatOptimizer.of(config);
        if (reset || stateW == null || stateW.length != next.stateChunks()) {
            stateW = next.newState(column.length);
            stateB = next.newState(out);
        }
        optimizer = next;
    }

    @Override
    public Batch forward(Batch x, boolean training) {
        float[][] xs = x.byFeature();
        int n = x.rows;
        float[][] y;
        if (training) y = trainOut = Loops.ensure(trainOut, out, n);
        else y = inferOut = Loops.ensure(inferOut, out, n);
        Parallel.forRows(out, rowStart, n, (from, to) -> {
            for (int o = from; o < to; o++) {
                float[] yo = y[o];
                LOOPS.sumRows(w, null, column, rowStart[o], rowStart[o + 1], xs, bias[o], yo, n);
                Loops.activate(activation, yo, n);
            }
        });
        if (training) {
            input = xs;
            rows = n;
        }
        return Batch.ofFeatures(y, n);
    }

    @Override
    public Batch backward(Batch dOut, boolean needInputGradient) {
        float[][] d = dOut.byFeature();
        int n = rows;
        float[][] x = input;
        dzBuf = Loops.ensure(dzBuf, out, n);
        float[][] xt = anyWholeRowGradient(n) ? xtBuf = Loops.ensure(xtBuf, n, in) : null;
        if (xt != null) Loops.transpose(x, in, n, xt);
        Parallel.forRows(out, rowStart, n, (from, to) -> {
            float[] row = null;
            for (int o = from; o < to; o++) {
                float[] dzo = dz[o] = Loops.activationGradient(activation, trainOut[o], d[o], dzBuf[o], n);
                gradB[o] = Loops.sum(dzo, n);
                int k = rowStart[o];
                int end = rowStart[o + 1];
                if (xt != null && LOOPS.wholeRowGradient(end - k, in, n)) {
                    // the whole row as vectorized axpys over the inputs, then the present entries picked out
                    if (row == null) row = new float[in];
                    Loops.outerRow(dzo, xt, n, row, in);
                    for (; k < end; k++) gradW[k] = row[column[k]];
                    continue;
                }
                LOOPS.dots(dzo, column, k, end, x, n, gradW, null);
            }
        });
        haveGradient = true;
        if (!needInputGradient) return null;
        float[][] dxs = dx = Loops.ensure(dx, in, n);
        Parallel.forRows(in, colStart, n, (from, to) -> {
            for (int i = from; i < to; i++) {
                LOOPS.sumRows(w, cscPos, cscRow, colStart[i], colStart[i + 1], dz, 0f, dxs[i], n);
            }
        });
        return Batch.ofFeatures(dxs, n);
    }

    @Override
    public void step(double learningRate, WeightDecay decay, int iteration, int epoch) {
        int nnz = column.length;
        if (decay.shrinks()) {
            float shrink = (float) decay.shrinkFactor(learningRate);
            for (int k = 0; k < nnz; k++) w[k] *= shrink;
            for (int o = 0; o < out; o++) bias[o] *= shrink;
        } else if (decay.inGradient()) {
            float wd = (float) decay.gradientCoefficient();
            for (int k = 0; k < nnz; k++) gradW[k] += w[k] * wd;
            for (int o = 0; o < out; o++) gradB[o] += bias[o] * wd;
        }
        optimizer.apply(w, gradW, stateW, nnz, iteration);
        optimizer.apply(bias, gradB, stateB, out, iteration);
    }

    /** Rebuilds the structure for the new mask, carrying weights and state of kept connections. */
    @Override
    public void setMask(Mask kept, Mask added, Mask newMask, double[] addedValues) {
        int[] oldStart = rowStart;
        int[] oldColumn = column;
        float[] oldW = w;
        float[][] oldState = stateW;
        buildStructure(newMask);
        int nnz = column.length;
        w = new float[nnz];
        gradW = new float[nnz];
        stateW = optimizer.newState(nnz);
        int a = 0;
        for (int o = 0; o < out; o++) {
            int p = oldStart[o];
            int pEnd = oldStart[o + 1];
            for (int k = rowStart[o], end = rowStart[o + 1]; k < end; k++) {
                int c = column[k];
                while (p < pEnd && oldColumn[p] < c) p++;
                if (p < pEnd && oldColumn[p] == c) { // kept: weight and state carry over
                    w[k] = oldW[p];
                    for (int s = 0; s < stateW.length; s++) stateW[s][k] = oldState[s][p];
                } else if (addedValues != null) {
                    w[k] = (float) addedValues[a++];
                }
            }
        }
        // The raw δᵀx (the last batch's dz and input) does not depend on the structure: it stays for snapshots and the grow heatmap.
    }

    @Override
    public float[] weights() {
        float[] f = new float[denseSize()];
        for (int o = 0; o < out; o++) {
            for (int k = rowStart[o]; k < rowStart[o + 1]; k++) f[o * in + column[k]] = w[k];
        }
        return f;
    }

    private int denseSize() {
        long n = (long) out * in;
        if (n > Integer.MAX_VALUE - 8) throw new IllegalStateException("layer [" + out + "," + in + "] is too large for a dense copy of its weights");
        return (int) n;
    }

    @Override public float[] biases() { return bias.clone(); }
    @Override public void setBiases(float[] b) { System.arraycopy(b, 0, bias, 0, out); }

    @Override
    public double weight(int o, int i) {
        int k = Arrays.binarySearch(column, rowStart[o], rowStart[o + 1], i);
        return k >= 0 ? w[k] : 0.0;
    }

    @Override
    public boolean parametersFinite() {
        double s = 0;
        for (float v : w) s += v;
        for (float v : bias) s += v;
        return Double.isFinite(s);
    }

    /** Dense {@code δ^T x} over all out*in pairs, computed on demand (once per snapshot, not per step). */
    @Override
    public float[] rawWeightGradient() {
        if (!haveGradient) return null;
        float[] f = new float[denseSize()];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) f[o * in + i] = Loops.dot(dz[o], input[i], rows);
        }
        return f;
    }

    @Override
    public RowBlockScores gradientScores() {
        return haveGradient ? GradientBlocks.ofFeatures(dz, input, rows) : null;
    }

    /** The CSR values are the present weights in row-major order already. */
    @Override
    public float[] presentWeights(Mask mask) {
        return w.clone();
    }

    private record State(int[] rowStart, int[] column, float[] w, float[] bias, float[][] stateW, float[][] stateB) {}

    @Override
    public Object saveState() {
        return new State(rowStart.clone(), column.clone(), w.clone(), bias.clone(), deepCopy(stateW), deepCopy(stateB));
    }

    private static float[][] deepCopy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int r = 0; r < a.length; r++) c[r] = a[r].clone();
        return c;
    }

    @Override
    public void restoreState(Object state, Mask mask) {
        State s = (State) state;
        rowStart = s.rowStart().clone();
        column = s.column().clone();
        buildColumnIndex();
        w = s.w().clone();
        gradW = new float[w.length];
        System.arraycopy(s.bias(), 0, bias, 0, out);
        if (s.stateW().length == stateW.length) {
            stateW = deepCopy(s.stateW());
            stateB = deepCopy(s.stateB());
        } else {
            stateW = optimizer.newState(w.length);
        }
        haveGradient = false;
    }

    @Override
    public void importState(float[] biases, float[] ws, float[] bs) {
        System.arraycopy(biases, 0, bias, 0, out);
        long n = (long) out * in;
        if (ws != null && ws.length == stateW.length * n) {
            for (int c = 0; c < stateW.length; c++) {
                for (int o = 0; o < out; o++) {
                    for (int k = rowStart[o]; k < rowStart[o + 1]; k++) stateW[c][k] = ws[(int) (c * n + (long) o * in + column[k])];
                }
            }
        }
        if (bs != null && bs.length == stateB.length * out) {
            for (int c = 0; c < stateB.length; c++) System.arraycopy(bs, c * out, stateB[c], 0, out);
        }
    }

    @Override public INDArray weightArray() { return Nd4j.createFromArray(weights()).reshape('c', out, in); }
    @Override public INDArray biasArray() { return Nd4j.createFromArray(bias.clone()).reshape(1, out); }
    @Override public INDArray weightGradient() { return Nd4j.createFromArray(scatter(gradW)).reshape('c', out, in); }
    @Override public INDArray biasGradient() { return Nd4j.createFromArray(gradB.clone()).reshape(1, out); }

    private float[] scatter(float[] values) {
        float[] f = new float[denseSize()];
        for (int o = 0; o < out; o++) {
            for (int k = rowStart[o]; k < rowStart[o + 1]; k++) f[o * in + column[k]] = values[k];
        }
        return f;
    }

    @Override
    public INDArray weightState() {
        if (stateW.length == 0) return null;
        int n = denseSize();
        float[] f = new float[stateW.length * n];
        for (int c = 0; c < stateW.length; c++) System.arraycopy(scatter(stateW[c]), 0, f, c * n, n);
        return Nd4j.createFromArray(f).reshape(1, f.length);
    }

    @Override
    public INDArray biasState() {
        if (stateB.length == 0) return null;
        float[] f = new float[stateB.length * out];
        for (int c = 0; c < stateB.length; c++) System.arraycopy(stateB[c], 0, f, c * out, out);
        return Nd4j.createFromArray(f).reshape(1, f.length);
    }
}
