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
 * Plain-Java loops for small layers, where ND4J's per-call native overhead (a few microseconds
 * per op, ~20 ops per layer and step) costs more than the arithmetic: the live UI trains small nets
 * at thousands of steps per second with it. Storage is dense ({@code out*in} floats per array, one
 * array per output row), so mask edits only flip entries and the optimizer runs as plain loops over
 * whole rows; the products visit only present connections, four axpys or eight dots per pass (see
 * {@link Batch}). The optimizer is {@link FloatOptimizer}, the twin of ND4J's.
 */
final class SmallKernel implements LayerKernel {
    private static final ConnectionLoops LOOPS = ConnectionLoops.BEST;
    private final int in;
    private final int out;
    private final Activation activation;

    private final float[][] w;    // [out][in], absent entries +0.0
    private float[][] m;          // [out][in] of 0/1
    private int[][] rowCols;      // present columns of each row: forward sums four of them per pass
    private int[][] colRows;      // present rows of each column: dx sums four of them per pass
    private final float[] bias;
    private final float[][] gradW;   // masked gradient, then the update
    private final float[] gradB;
    private FloatOptimizer optimizer;
    private IUpdater updaterConfig;
    private float[][][] stateW;   // [chunk][out][in]
    private float[][] stateB;     // [chunk][out]

    private float[][] input;      // last training input, per feature
    private float[][] trainOut;
    private float[][] inferOut;
    private float[][] dzBuf;
    private float[][] dz;         // rows of δ (dzBuf rows, or dOut's for identity)
    private float[][] dx;
    private float[][] xtBuf;      // the input batch-major [rows][in], for dense-ish rows' dW
    private int rows;
    private boolean haveGradient;

    SmallKernel(Mask mask, Activation activation, IUpdater updater, float[] initValues) {
        this.in = mask.cols();
        this.out = mask.rows();
        this.activation = activation;
        this.w = new float[out][in];
        int[] k = {0};
        for (int o = 0; o < out; o++) {
            final float[] row = w[o];
            mask.forEachInRow(o, i -> row[i] = initValues[k[0]++]);
        }
        setStructure(mask);
        this.bias = new float[out];
        this.gradW = new float[out][in];
        this.gradB = new float[out];
        this.dz = new float[out][];
        setUpdater(updater, true);
    }

    private void setStructure(Mask mask) {
        m = maskRows(mask);
        rowCols = new int[out][];
        int[] count = new int[in];
        for (int o = 0; o < out; o++) {
            rowCols[o] = mask.rowIndices(o);
            for (int i : rowCols[o]) count[i]++;
        }
        colRows = new int[in][];
        for (int i = 0; i < in; i++) colRows[i] = new int[count[i]];
        int[] fill = new int[in];
        for (int o = 0; o < out; o++) for (int i : rowCols[o]) colRows[i][fill[i]++] = o;
    }

    private float[][] maskRows(Mask mask) {
        float[][] r = new float[out][in];
        for (int o = 0; o < out; o++) {
            final float[] row = r[o];
            mask.forEachInRow(o, i -> row[i] = 1f);
        }
        return r;
    }

    @Override public KernelType type() { return KernelType.SMALL; }

    @Override
    public void setUpdater(IUpdater config, boolean reset) {
        FloatOptimizer next = FloatOptimizer.of(config);
        if (reset || stateW == null || stateW.length != next.stateChunks()) {
            stateW = new float[next.stateChunks()][][];
            for (int c = 0; c < stateW.length; c++) {
                stateW[c] = new float[out][in];
                for (float[] row : stateW[c]) Arrays.fill(row, next.freshValue(c));
            }
            stateB = next.newState(out);
        }
        optimizer = next;
        updaterConfig = config;
    }

    @Override
    public Batch forward(Batch x, boolean training) {
        float[][] xs = x.byFeature();
        int n = x.rows;
        float[][] y;
        if (training) y = trainOut = Loops.ensure(trainOut, out, n);
        else y = inferOut = Loops.ensure(inferOut, out, n);
        for (int o = 0; o < out; o++) {
            float[] yo = y[o];
            int[] cols = rowCols[o];
            LOOPS.sumRows(w[o], cols, cols, 0, cols.length, xs, bias[o], yo, n);
            Loops.activate(activation, yo, n);
        }
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
        float[][] xt = null;
        for (int o = 0; o < out; o++) {
            float[] dzo = dz[o] = Loops.activationGradient(activation, trainOut[o], d[o], dzBuf[o], n);
            gradB[o] = Loops.sum(dzo, n);
            float[] g = gradW[o];
            int[] cols = rowCols[o];
            if (LOOPS.wholeRowGradient(cols.length, in, n)) {
                // the whole row as vectorized axpys over the inputs, then masked (+0.0 where absent)
                if (xt == null) Loops.transpose(x, in, n, xt = xtBuf = Loops.ensure(xtBuf, n, in));
                Loops.outerRow(dzo, xt, n, g, in);
                float[] mo = m[o];
                for (int i = 0; i < in; i++) g[i] = g[i] * mo[i] + 0f;
                continue;
            }
            // dW[o,i] = δ[o]·x[i] on present connections (eight per pass over δ), +0.0 elsewhere
            Loops.fill(g, 0f, in);
            LOOPS.dots(dzo, cols, 0, cols.length, x, n, g, cols);
        }
        haveGradient = true;
        if (!needInputGradient) return null;
        dx = Loops.ensure(dx, in, n);
        for (int i = 0; i < in; i++) {
            float[] dxi = dx[i];
            Loops.fill(dxi, 0f, n);
            int[] rs = colRows[i];
            int k = 0;
            for (; k + 4 <= rs.length; k += 4) {
                int r0 = rs[k], r1 = rs[k + 1], r2 = rs[k + 2], r3 = rs[k + 3];
                Loops.axpy4(w[r0][i], dz[r0], w[r1][i], dz[r1], w[r2][i], dz[r2], w[r3][i], dz[r3], dxi, n);
            }
            for (; k < rs.length; k++) Loops.axpy(w[rs[k]][i], dz[rs[k]], dxi, n);
        }
        return Batch.ofFeatures(dx, n);
    }

    @Override
    public void step(double learningRate, WeightDecay decay, int iteration, int epoch) {
        boolean l2 = decay.inGradient();
        float shrink = (float) decay.shrinkFactor(learningRate);
        float wd = (float) decay.gradientCoefficient();
        float[][] rowState = new float[stateW.length][];
        for (int o = 0; o < out; o++) {
            float[] wo = w[o];
            float[] g = gradW[o];
            if (shrink != 1f) for (int i = 0; i < in; i++) wo[i] *= shrink;
            if (l2) for (int i = 0; i < in; i++) g[i] += wo[i] * wd;
            for (int c = 0; c < rowState.length; c++) rowState[c] = stateW[c][o];
            optimizer.apply(wo, g, rowState, in, iteration);
            float[] mo = m[o];
            for (int i = 0; i < in; i++) wo[i] = wo[i] * mo[i] + 0f; // W := W∘M, stored as +0.0
        }
        if (shrink != 1f) for (int o = 0; o < out; o++) bias[o] *= shrink;
        if (l2) for (int o = 0; o < out; o++) gradB[o] += bias[o] * wd;
        optimizer.apply(bias, gradB, stateB, out, iteration);
    }

    @Override
    public void setMask(Mask kept, Mask added, Mask newMask, double[] addedValues) {
        float[][] k = maskRows(kept);
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                w[o][i] = w[o][i] * k[o][i] + 0f;
                if (k[o][i] == 0) for (int c = 0; c < stateW.length; c++) stateW[c][o][i] = optimizer.freshValue(c);
            }
        }
        if (addedValues != null) {
            int[] a = {0};
            for (int o = 0; o < out; o++) {
                final float[] row = w[o];
                added.forEachInRow(o, i -> row[i] = (float) addedValues[a[0]++]);
            }
        }
        setStructure(newMask);
        for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) w[o][i] = w[o][i] * m[o][i] + 0f;
    }

    @Override
    public float[] weights() {
        return flatten(w);
    }

    private float[] flatten(float[][] rowsOf) {
        float[] f = new float[out * in];
        for (int o = 0; o < out; o++) System.arraycopy(rowsOf[o], 0, f, o * in, in);
        return f;
    }

    @Override public float[] biases() { return bias.clone(); }
    @Override public void setBiases(float[] b) { System.arraycopy(b, 0, bias, 0, out); }
    @Override public double weight(int o, int i) { return w[o][i]; }

    @Override
    public boolean parametersFinite() {
        double s = 0;
        for (float[] row : w) for (float v : row) s += v;
        for (float v : bias) s += v;
        return Double.isFinite(s);
    }

    /** Dense {@code δ^T x} over all out*in pairs, computed on demand (once per snapshot, not per step). */
    @Override
    public float[] rawWeightGradient() {
        if (!haveGradient) return null;
        float[] f = new float[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) f[o * in + i] = Loops.dot(dz[o], input[i], rows);
        }
        return f;
    }

    @Override
    public RowBlockScores gradientScores() {
        return haveGradient ? GradientBlocks.ofFeatures(dz, input, rows) : null;
    }

    private record State(float[][] w, float[] bias, float[][][] stateW, float[][] stateB) {}

    @Override
    public Object saveState() {
        float[][][] sw = new float[stateW.length][][];
        for (int c = 0; c < sw.length; c++) sw[c] = deepCopy(stateW[c]);
        float[][] sb = new float[stateB.length][];
        for (int c = 0; c < sb.length; c++) sb[c] = stateB[c].clone();
        return new State(deepCopy(w), bias.clone(), sw, sb);
    }

    private static float[][] deepCopy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int r = 0; r < a.length; r++) c[r] = a[r].clone();
        return c;
    }

    @Override
    public void restoreState(Object state, Mask mask) {
        State s = (State) state;
        for (int o = 0; o < out; o++) System.arraycopy(s.w()[o], 0, w[o], 0, in);
        System.arraycopy(s.bias(), 0, bias, 0, out);
        if (s.stateW().length == stateW.length) {
            for (int c = 0; c < stateW.length; c++) {
                for (int o = 0; o < out; o++) System.arraycopy(s.stateW()[c][o], 0, stateW[c][o], 0, in);
                System.arraycopy(s.stateB()[c], 0, stateB[c], 0, out);
            }
        }
        setStructure(mask);
    }

    @Override
    public void importState(float[] biases, float[] ws, float[] bs) {
        System.arraycopy(biases, 0, bias, 0, out);
        if (ws != null && ws.length == stateW.length * out * in) {
            for (int c = 0; c < stateW.length; c++) {
                float fresh = optimizer.freshValue(c);
                for (int o = 0; o < out; o++) {
                    float[] row = stateW[c][o];
                    float[] mo = m[o];
                    for (int i = 0; i < in; i++) row[i] = mo[i] != 0 ? ws[(c * out + o) * in + i] : fresh;
                }
            }
        }
        if (bs != null && bs.length == stateB.length * out) {
            for (int c = 0; c < stateB.length; c++) System.arraycopy(bs, c * out, stateB[c], 0, out);
        }
    }

    @Override public INDArray weightArray() { return matrix(w); }
    @Override public INDArray biasArray() { return Nd4j.createFromArray(bias).reshape(1, out); }
    @Override public INDArray weightGradient() { return matrix(gradW); }
    @Override public INDArray biasGradient() { return Nd4j.createFromArray(gradB).reshape(1, out); }

    private INDArray matrix(float[][] rowsOf) {
        return Nd4j.createFromArray(flatten(rowsOf)).reshape('c', out, in);
    }

    @Override
    public INDArray weightState() {
        if (stateW.length == 0) return null;
        float[] f = new float[stateW.length * out * in];
        for (int c = 0; c < stateW.length; c++) {
            for (int o = 0; o < out; o++) System.arraycopy(stateW[c][o], 0, f, (c * out + o) * in, in);
        }
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
