package io.maskstudio.engine;

import io.maskstudio.engine.sparse.GradientBlocks;
import io.maskstudio.engine.sparse.RowBlockScores;
import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * ND4J GEMMs on the dense matrix W (kept equal to W∘M) with buffers allocated once per batch size:
 * the kernel for large dense-ish layers, and the one a CUDA backend accelerates. Time and memory are
 * proportional to {@code out*in}. The weight gradient buffer becomes the update in {@link #step}; the
 * raw {@code δ^T x} for snapshots is recomputed on demand from the kept δ and x, so the per-step path
 * pays for no extra copy. A full mask skips every masking pass. The element-wise step (optimizer, {@code w -= u}, the
 * mask) is one fused pass where it can be ({@link FusedStep}).
 */
final class DenseKernel implements LayerKernel {
    private final int in;
    private final int out;
    private final Activation activation;
    private final DataType dtype;

    private final INDArray weight;  // [out,in], c order
    private final INDArray bias;    // [1,out]
    private INDArray mask;          // [out,in] of 0/1, or null when every connection is present
    private final INDArray gradW;   // [out,in]: masked gradient after backward, the update after step
    private INDArray gradB;         // [1,out]

    private IUpdater updaterConfig;
    private INDArray weightState;   // [1, chunks*out*in] or null
    private INDArray biasState;
    private GradientUpdater<?> weightUpdater;
    private GradientUpdater<?> biasUpdater;
    private FloatOptimizer fused;   // the one-pass step's optimizer, or null for ND4J's passes

    private INDArray input;         // last training input [rows,in]
    private INDArray output;        // last training output [rows,out] (= trainOut)
    private INDArray lastDz;        // last δ [rows,out]
    private INDArray trainOut;
    private INDArray inferOut;
    private INDArray dx;

    // the element-wise work in Java (NativeFloats): float32 on the CPU backend
    private final boolean javaElementwise;
    private float[] trainFloats;    // the last training output, row-major, as the forward left it
    private float[] inferFloats;
    private float[] dOutFloats;
    private float[] dzFloats;
    private float[] biasFloats;
    private double[] biasSums;
    private float[] biasGradientFloats;
    private INDArray dzArray;       // [rows,out] δ for the GEMMs
    private INDArray trainIn;       // where a batch of Java vectors is copied: ND4J allocations cost more than copies
    private INDArray inferIn;
    private INDArray dOutIn;

    DenseKernel(Mask m, Activation activation, DataType dtype, IUpdater updater, float[] initValues) {
        this.in = m.cols();
        this.out = m.rows();
        this.activation = activation;
        this.dtype = dtype;
        float[] w = new float[Math.multiplyExact(out, in)];
        int[] k = {0};
        for (int o = 0; o < out; o++) {
            final int base = o * in;
            m.forEachInRow(o, i -> w[base + i] = initValues[k[0]++]);
        }
        this.weight = Nd4j.createFromArray(w).reshape('c', out, in).castTo(dtype);
        this.bias = Nd4j.zeros(dtype, 1, out);
        this.gradW = Nd4j.zeros(dtype, out, in);
        this.mask = maskArrayOrNull(m);
        this.javaElementwise = dtype == DataType.FLOAT && "cpu".equals(BlasInfo.backend());
        setUpdater(updater, true);
    }

    private INDArray maskArrayOrNull(Mask m) {
        return m.nnz() == (long) out * in ? null : maskArray(m);
    }

    private INDArray maskArray(Mask m) {
        return Nd4j.createFromArray(m.toFloats()).reshape('c', out, in).castTo(dtype);
    }

    @Override public KernelType type() { return KernelType.DENSE; }

    @Override
    public void setUpdater(IUpdater config, boolean reset) {
        long n = (long) out * in;
        long ws = config.stateSize(n);
        long bs = config.stateSize(out);
        boolean sameShape = weightState != null ? weightState.length() == ws : ws == 0;
        if (reset || !sameShape || (biasState == null) != (bs == 0)) {
            weightState = ws > 0 ? Nd4j.zeros(dtype, 1, ws) : null;
            biasState = bs > 0 ? Nd4j.zeros(dtype, 1, bs) : null;
            reset = true;
        }
        updaterConfig = config;
        fused = fusedOptimizer(config);
        // stateless updaters (SGD) refuse a view array
        weightUpdater = config.instantiate(weightState, reset);
        biasUpdater = config.instantiate(biasState, reset);
    }

    /**
     * The optimizer for the one-pass step ({@link FusedStep}), or null to keep ND4J's passes: float32 on the CPU backend
     * (arrays in native memory Java can address), the Vector API loaded, an updater with a plain-Java twin, and a layer
     * whose floats one buffer can index.
     */
    private FloatOptimizer fusedOptimizer(IUpdater config) {
        if (FusedStep.BEST == null || dtype != DataType.FLOAT || !"cpu".equals(BlasInfo.backend()) || (long) out * in * 4 > Integer.MAX_VALUE) return null;
        try {
            return FloatOptimizer.of(config);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The array's floats in place, as a native-order buffer (a c-order array of its own, offset 0). */
    private static ByteBuffer nio(INDArray a) {
        if (a.offset() != 0) throw new IllegalStateException("the fused step needs arrays that start their buffer");
        return a.data().asNio().order(ByteOrder.nativeOrder());
    }

    /** The optimizer state's chunks (Adam: m, then v), each over n floats of {@code state} (weights' or biases'). */
    private static ByteBuffer[] stateBuffers(INDArray state, long n) {
        if (state == null) return new ByteBuffer[0];
        ByteBuffer all = nio(state);
        int chunks = (int) (state.length() / n);
        ByteBuffer[] b = new ByteBuffer[chunks];
        for (int c = 0; c < chunks; c++) b[c] = all.slice((int) (c * n * 4), (int) (n * 4)).order(ByteOrder.nativeOrder());
        return b;
    }

    private INDArray buffer(INDArray b, long rows, long cols) {
        return b != null && b.rows() == rows ? b : Nd4j.create(dtype, rows, cols);
    }

    @Override
    public Batch forward(Batch x, boolean training) {
        NativeThreads.useFor((long) out * in * x.rows);
        INDArray a;
        if (training) a = trainIn = x.array(dtype, trainIn);
        else a = inferIn = x.array(dtype, inferIn);
        INDArray y;
        if (training) y = trainOut = buffer(trainOut, x.rows, out);
        else y = inferOut = buffer(inferOut, x.rows, out);
        Nd4j.gemm(a, weight, y, false, true, 1.0, 0.0);
        float[] rowMajor = null;
        if (javaElementwise && NativeFloats.usable(y) && NativeFloats.usable(bias)) {
            rowMajor = biasAndActivation(y, training ? trainFloats : inferFloats);
            if (training) trainFloats = rowMajor;
            else inferFloats = rowMajor;
        } else {
            y.addiRowVector(bias);
            switch (activation) {
                case RELU -> Transforms.relu(y, false);
                case TANH -> Transforms.tanh(y, false);
                case SIGMOID -> Transforms.sigmoid(y, false);
                case IDENTITY, SOFTMAX -> { } // the output layer hands its logits to the softmax cross-entropy loss
            }
            if (training) trainFloats = null;
        }
        if (training) {
            input = a;
            output = y;
        }
        return rowMajor == null ? Batch.of(y) : Batch.of(y, rowMajor);
    }

    /** {@code y = f(y + b)} in Java on a copy, written back; returns the row-major copy (in {@code buf} when it fits). */
    private float[] biasAndActivation(INDArray y, float[] buf) {
        int rows = (int) y.rows(), n = rows * out;
        float[] z = NativeFloats.read(y, buf, n);
        biasFloats = NativeFloats.read(bias, biasFloats, out);
        for (int r = 0; r < rows; r++) {
            int base = r * out;
            for (int c = 0; c < out; c++) z[base + c] += biasFloats[c];
        }
        Loops.activate(activation, z, n);
        NativeFloats.write(z, n, y);
        return z;
    }

    @Override
    public Batch backward(Batch dOut, boolean needInputGradient) {
        NativeThreads.useFor((long) out * in * dOut.rows);
        INDArray d = dOutIn = dOut.array(dtype, dOutIn);
        INDArray dz;
        if (trainFloats != null && NativeFloats.usable(d)) {
            dz = activationGradientAndBiasSums(d);
        } else {
            dz = switch (activation) {
                case RELU -> d.mul(output.gt(0).castTo(dtype));
                case TANH -> d.mul(output.mul(output).rsubi(1));
                case SIGMOID -> d.mul(output.mul(output.rsub(1)));
                case IDENTITY, SOFTMAX -> d;
            };
            gradB = dz.sum(true, 0);
        }
        Nd4j.gemm(dz, input, gradW, true, false, 1.0, 0.0);
        if (mask != null) gradW.muli(mask).addi(0.0); // +0.0, not -0.0, where absent
        lastDz = dz;
        if (!needInputGradient) return null;
        dx = buffer(dx, dz.rows(), in);
        Nd4j.gemm(dz, weight, dx, false, false, 1.0, 0.0);
        return Batch.of(dx);
    }

    /**
     * {@code δ = dOut ∘ f'(a)} from the forward's Java copy of the output, and the bias gradient (its column sums, in
     * double), in Java; returns δ as an array for the GEMMs ({@code d} itself for identity and softmax).
     */
    private INDArray activationGradientAndBiasSums(INDArray d) {
        int rows = (int) d.rows(), n = rows * out;
        dOutFloats = NativeFloats.read(d, dOutFloats, n);
        if (dzFloats == null || dzFloats.length < n) dzFloats = new float[n];
        float[] dz = Loops.activationGradient(activation, trainFloats, dOutFloats, dzFloats, n);
        if (biasSums == null) biasSums = new double[out];
        Arrays.fill(biasSums, 0);
        for (int r = 0; r < rows; r++) {
            int base = r * out;
            for (int c = 0; c < out; c++) biasSums[c] += dz[base + c];
        }
        if (biasGradientFloats == null) biasGradientFloats = new float[out];
        for (int c = 0; c < out; c++) biasGradientFloats[c] = (float) biasSums[c];
        if (gradB == null || !NativeFloats.usable(gradB)) gradB = Nd4j.create(dtype, 1, out);
        NativeFloats.write(biasGradientFloats, out, gradB);
        if (dz == dOutFloats) return d;
        dzArray = buffer(dzArray, rows, out);
        NativeFloats.write(dz, n, dzArray);
        return dzArray;
    }

    @Override
    public void step(double learningRate, WeightDecay decay, int iteration, int epoch) {
        long n = (long) out * in;
        if (decay.shrinks()) {
            double shrink = decay.shrinkFactor(learningRate);
            weight.muli(shrink);
            bias.muli(shrink);
        } else if (decay.inGradient()) {
            double wd = decay.gradientCoefficient();
            // gradW += wd * W without a temporary of the weight matrix's size
            Nd4j.getBlasWrapper().level1().axpy(n, wd, weight.reshape('c', 1, n), gradW.reshape('c', 1, n));
            gradB.addi(bias.mul(wd));
        }
        if (fused != null) {
            fused.adamStepSize(iteration); // computed once, before the threads read it
            FusedStep.BEST.apply(fused, nio(weight), nio(gradW), stateBuffers(weightState, n), mask == null ? null : nio(mask), (int) n, iteration);
        } else {
            // ND4J's updaters work on flat row vectors and turn the gradient into the update in place
            weightUpdater.applyUpdater(gradW.reshape('c', 1, n), iteration, epoch);
            weight.subi(gradW);
            if (mask != null) weight.muli(mask).addi(0.0); // W := W∘M, stored as +0.0
        }
        if (fused != null && NativeFloats.usable(bias) && NativeFloats.usable(gradB)) {
            // the same pass for the biases: ND4J's updater is several ops, each a fixed ~20 us
            FusedStep.BEST.apply(fused, nio(bias), nio(gradB), stateBuffers(biasState, out), null, out, iteration);
        } else {
            biasUpdater.applyUpdater(gradB, iteration, epoch);
            bias.subi(gradB);
        }
    }

    @Override
    public void setMask(Mask kept, Mask added, Mask newMask, double[] addedValues) {
        INDArray keptArray = maskArray(kept);
        weight.muli(keptArray).addi(0.0);
        if (weightState != null) {
            long n = (long) out * in;
            long chunks = weightState.length() / n;
            // state is chunks of per-weight values in the gradient's c order (m, v for Adam)
            INDArray chunked = weightState.reshape('c', chunks, n);
            INDArray keptRow = keptArray.reshape('c', 1, n);
            chunked.muliRowVector(keptRow);
            double fresh = freshStateValue();
            if (fresh != 0) chunked.addiRowVector(keptRow.rsub(1).muli(fresh));
        }
        if (addedValues != null) {
            int[] k = {0};
            for (int o = 0; o < out; o++) {
                final int row = o;
                added.forEachInRow(o, i -> weight.putScalar(row, i, addedValues[k[0]++]));
            }
        }
        mask = maskArrayOrNull(newMask);
        if (mask != null) weight.muli(mask).addi(0.0);
    }

    /** ND4J starts RMSProp's running average at ε; removed and added connections restart there too. */
    private double freshStateValue() {
        return updaterConfig instanceof RmsProp r ? r.getEpsilon() : 0.0;
    }

    @Override public float[] weights() { return flatFloats(weight); }
    @Override public float[] biases() { return flatFloats(bias); }
    @Override public void setBiases(float[] b) { bias.assign(Nd4j.createFromArray(b.clone()).reshape(1, out).castTo(bias.dataType())); }
    @Override public double weight(int o, int i) { return weight.getDouble(o, i); }

    @Override
    public boolean parametersFinite() {
        if (FusedStep.BEST != null && NativeFloats.usable(weight) && NativeFloats.usable(bias) && weight.length() <= Integer.MAX_VALUE / 4) {
            // in Java over the native memory: ND4J's sumNumber cost as much as a LeNet layer's GEMMs
            return FusedStep.BEST.allFinite(nio(weight), (int) weight.length()) && FusedStep.BEST.allFinite(nio(bias), (int) bias.length());
        }
        double s = weight.sumNumber().doubleValue() + bias.sumNumber().doubleValue();
        return Double.isFinite(s);
    }

    @Override
    public float[] rawWeightGradient() {
        return lastDz == null ? null : flatFloats(Nd4j.gemm(lastDz, input, true, false));
    }

    @Override
    public RowBlockScores gradientScores() {
        return lastDz == null ? null : new GradientBlocks(lastDz, input);
    }

    static float[] flatFloats(INDArray a) {
        return Nd4j.toFlattened('c', a).castTo(DataType.FLOAT).toFloatVector();
    }

    private record State(INDArray weight, INDArray bias, INDArray weightState, INDArray biasState) {}

    @Override
    public Object saveState() {
        return new State(weight.dup(), bias.dup(), weightState == null ? null : weightState.dup(),
                biasState == null ? null : biasState.dup());
    }

    @Override
    public void restoreState(Object state, Mask m) {
        State s = (State) state;
        weight.assign(s.weight());
        bias.assign(s.bias());
        if (weightState != null && s.weightState() != null) weightState.assign(s.weightState());
        if (biasState != null && s.biasState() != null) biasState.assign(s.biasState());
        mask = maskArrayOrNull(m);
    }

    @Override
    public void importState(float[] biases, float[] ws, float[] bs) {
        bias.assign(Nd4j.createFromArray(biases).reshape(1, out).castTo(dtype));
        // in place: the updaters hold views of these arrays
        if (weightState != null && ws != null) weightState.assign(Nd4j.createFromArray(ws).reshape(1, ws.length).castTo(dtype));
        if (biasState != null && bs != null) biasState.assign(Nd4j.createFromArray(bs).reshape(1, bs.length).castTo(dtype));
        if (mask != null && weightState != null) {
            // absent connections keep ND4J's fresh value, whatever the other kernel had there
            long n = (long) out * in;
            INDArray chunked = weightState.reshape('c', weightState.length() / n, n);
            INDArray maskRow = mask.reshape('c', 1, n);
            chunked.muliRowVector(maskRow);
            double fresh = freshStateValue();
            if (fresh != 0) chunked.addiRowVector(maskRow.rsub(1).muli(fresh));
        }
    }

    @Override public INDArray weightArray() { return weight; }
    @Override public INDArray biasArray() { return bias; }
    @Override public INDArray weightGradient() { return gradW; }
    @Override public INDArray biasGradient() { return gradB; }
    @Override public INDArray weightState() { return weightState; }
    @Override public INDArray biasState() { return biasState; }
}
