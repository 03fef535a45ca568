package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.SplittableRandom;

/**
 * A fully connected layer whose connectivity is a 0/1 mask M ([out,in], PyTorch orientation):
 * forward {@code y = f(x (W∘M)^T + b)}, backward {@code dW = (δ^T x)∘M}, {@code dx = δ (W∘M)}.
 *
 * <p>The invariant {@code W == W∘M} holds after construction, after every optimizer step and after
 * every mask change, so absent connections are exactly 0.0 and the GEMMs can use W directly.
 * All arrays belong to the trainer thread.
 */
public final class MaskedLinear {
    private final int in;
    private final int out;
    private final Activation activation;
    private final DataType dtype;

    private final INDArray weight;   // [out,in], c order
    private final INDArray bias;     // [1,out]
    private INDArray mask;           // [out,in] of 0/1 in dtype
    private Mask maskBits;

    private INDArray lastWeightGrad; // masked gradient of the last backward, [out,in]
    private INDArray lastRawWeightGrad; // δ^T x before masking: shows where growing a connection would help
    private INDArray lastBiasGrad;

    private IUpdater updaterConfig;
    private INDArray weightState;    // [1, stateSize(out*in)] or null when the optimizer keeps no state
    private INDArray biasState;
    private GradientUpdater<?> weightUpdater;
    private GradientUpdater<?> biasUpdater;

    // forward cache for backward
    private INDArray input;
    private INDArray preActivation;
    private INDArray output;

    public MaskedLinear(Mask mask, Activation activation, DataType dtype, IUpdater updater, SplittableRandom rng) {
        this.in = mask.cols();
        this.out = mask.rows();
        this.activation = activation;
        this.dtype = dtype;
        this.weight = Nd4j.zeros(dtype, out, in);
        this.bias = Nd4j.zeros(dtype, 1, out);
        this.maskBits = mask.copy();
        this.mask = maskArray(maskBits, dtype);
        initializeWeights(rng);
        setUpdater(updater, true);
    }

    /**
     * He (relu) or LeCun (others) initialization scaled for each output neuron's effective fan-in,
     * the number of inputs its mask row really has: a neuron with 9 of 64 inputs is scaled for 9.
     */
    private void initializeWeights(SplittableRandom rng) {
        double gain = activation == Activation.RELU ? 2.0 : 1.0;
        float[] w = new float[out * in];
        for (int o = 0; o < out; o++) {
            int fanIn = maskBits.fanIn(o);
            if (fanIn == 0) continue;
            double std = Math.sqrt(gain / fanIn);
            final int row = o;
            maskBits.forEachInRow(o, i -> w[row * in + i] = (float) (gaussian(rng) * std));
        }
        weight.assign(Nd4j.createFromArray(w).reshape('c', out, in).castTo(dtype));
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static INDArray maskArray(Mask m, DataType dtype) {
        return Nd4j.createFromArray(m.toFloats()).reshape('c', m.rows(), m.cols()).castTo(dtype);
    }

    /** Installs a new optimizer (name or learning rate changed); {@code reset} clears its state. */
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
        // stateless updaters (SGD) refuse a view array
        weightUpdater = config.instantiate(weightState, reset);
        biasUpdater = config.instantiate(biasState, reset);
    }

    public INDArray forward(INDArray x) {
        input = x;
        preActivation = Nd4j.gemm(x, weight, false, true).addiRowVector(bias);
        output = activate(preActivation);
        return output;
    }

    /** Forward without keeping anything for backward (evaluation). */
    public INDArray infer(INDArray x) {
        return activate(Nd4j.gemm(x, weight, false, true).addiRowVector(bias));
    }

    private INDArray activate(INDArray z) {
        return switch (activation) {
            case RELU -> Transforms.relu(z, true);
            case TANH -> Transforms.tanh(z, true);
            case SIGMOID -> Transforms.sigmoid(z, true);
            // the output layer hands its logits to the softmax cross-entropy loss
            case IDENTITY, SOFTMAX -> z.dup();
        };
    }

    /**
     * Back-propagates {@code dOut}, the loss gradient w.r.t. this layer's output (for the output
     * layer: w.r.t. its logits). Stores the masked weight gradient; returns the gradient w.r.t. the input.
     */
    public INDArray backward(INDArray dOut, boolean needInputGradient) {
        INDArray dz = switch (activation) {
            case RELU -> dOut.mul(preActivation.gt(0).castTo(dtype));
            case TANH -> dOut.mul(output.mul(output).rsubi(1));
            case SIGMOID -> dOut.mul(output.mul(output.rsub(1)));
            case IDENTITY, SOFTMAX -> dOut;
        };
        lastRawWeightGrad = Nd4j.gemm(dz, input, true, false);
        lastWeightGrad = lastRawWeightGrad.mul(mask).addi(0.0); // +0.0, not -0.0, where absent
        lastBiasGrad = dz.sum(true, 0);
        return needInputGradient ? Nd4j.gemm(dz, weight, false, false) : null;
    }

    /**
     * One optimizer step with the stored gradients. Weight decay is L2 in the gradient or decoupled
     * (AdamW) as PyTorch does; afterwards {@code W := W∘M} so absent weights are exactly 0.
     */
    public void step(double learningRate, double weightDecay, boolean decoupled, int iteration, int epoch) {
        INDArray gw = lastWeightGrad.dup('c');
        INDArray gb = lastBiasGrad.dup('c');
        if (weightDecay > 0) {
            if (decoupled) {
                weight.muli(1 - learningRate * weightDecay);
                bias.muli(1 - learningRate * weightDecay);
            } else {
                gw.addi(weight.mul(weightDecay));
                gb.addi(bias.mul(weightDecay));
            }
        }
        // ND4J's updaters work on flat row vectors (DL4J passes flattened gradient views)
        weightUpdater.applyUpdater(gw.reshape('c', 1, (long) out * in), iteration, epoch);
        biasUpdater.applyUpdater(gb.reshape('c', 1, out), iteration, epoch);
        weight.subi(gw);
        bias.subi(gb);
        applyMask();
    }

    /** {@code W := W∘M}, then +0.0 so that negative weights masked to -0.0 are stored as +0.0. */
    private void applyMask() {
        weight.muli(mask).addi(0.0);
    }

    /**
     * Applies a mask edit between steps: removed connections get weight 0 and cleared optimizer
     * state; added ones get fresh (zero) state and a weight per {@code policy}.
     */
    public void setMask(Mask newMask, AddedConnectionInit policy, SplittableRandom rng) {
        if (!newMask.sameShape(maskBits)) {
            throw new IllegalArgumentException("mask must be [" + out + "," + in + "], was [" + newMask.rows() + "," + newMask.cols() + "]");
        }
        Mask kept = maskBits.intersection(newMask);
        Mask added = newMask.difference(maskBits);
        INDArray keptArray = maskArray(kept, dtype);
        weight.muli(keptArray).addi(0.0);
        if (weightState != null) {
            long n = (long) out * in;
            long chunks = weightState.length() / n;
            // state is chunks of per-weight values in the gradient's c order (m, v, ... for Adam)
            weightState.reshape('c', chunks, n).muliRowVector(keptArray.reshape('c', 1, n));
        }
        if (policy == AddedConnectionInit.RANDOM && added.nnz() > 0) {
            double gain = activation == Activation.RELU ? 2.0 : 1.0;
            for (int o = 0; o < out; o++) {
                int fanIn = newMask.fanIn(o);
                if (fanIn == 0) continue;
                double std = Math.sqrt(gain / fanIn);
                final int row = o;
                added.forEachInRow(o, i -> weight.putScalar(row, i, gaussian(rng) * std));
            }
        }
        maskBits = newMask.copy();
        mask = maskArray(maskBits, dtype);
        applyMask();
    }

    public int inFeatures() { return in; }
    public int outFeatures() { return out; }
    public Activation activation() { return activation; }
    public Mask mask() { return maskBits.copy(); }
    INDArray weightArray() { return weight; }
    INDArray biasArray() { return bias; }
    INDArray maskArrayView() { return mask; }
    INDArray weightGradient() { return lastWeightGrad; }
    INDArray rawWeightGradient() { return lastRawWeightGrad; }
    INDArray biasGradient() { return lastBiasGrad; }
    INDArray weightState() { return weightState; }
    INDArray biasState() { return biasState; }
    IUpdater updaterConfig() { return updaterConfig; }

    /** Row-major {@code [out*in]} copy of the weights as float32. */
    public float[] weights() { return flatFloats(weight); }
    public float[] biases() { return flatFloats(bias); }

    static float[] flatFloats(INDArray a) {
        return Nd4j.toFlattened('c', a).castTo(DataType.FLOAT).toFloatVector();
    }

    /** Everything a restore needs: weights, biases, optimizer state and mask, copied. */
    LayerState saveState() {
        return new LayerState(weight.dup(), bias.dup(), weightState == null ? null : weightState.dup(),
                biasState == null ? null : biasState.dup(), maskBits.copy());
    }

    void restoreState(LayerState s) {
        weight.assign(s.weight());
        bias.assign(s.bias());
        if (weightState != null && s.weightState() != null) weightState.assign(s.weightState());
        if (biasState != null && s.biasState() != null) biasState.assign(s.biasState());
        maskBits = s.mask().copy();
        mask = maskArray(maskBits, dtype);
    }

    record LayerState(INDArray weight, INDArray bias, INDArray weightState, INDArray biasState, Mask mask) {}
}
