package io.maskstudio.engine;

import io.maskstudio.engine.sparse.DropGrow;
import io.maskstudio.engine.sparse.RowBlockScores;
import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.SplittableRandom;

/**
 * A fully connected layer whose connectivity is a 0/1 mask M ([out,in], PyTorch orientation):
 * forward {@code y = f(x (W∘M)^T + b)}, backward {@code dW = (δ^T x)∘M}, {@code dx = δ (W∘M)}.
 *
 * <p>Absent connections are exactly 0.0 after construction, after every optimizer step and after
 * every mask change. How the products run is the {@link LayerKernel}'s business (dense ND4J GEMMs,
 * CSR or small plain-Java loops, see {@link KernelType}); all kernels give the same results.
 * All state belongs to the trainer thread.
 */
public final class MaskedLinear {
    private final int in;
    private final int out;
    private final Activation activation;
    private final DataType dtype;
    private final KernelType requested;
    private final int batch;
    private LayerKernel kernel;
    /** The last batch's raw δᵀx across a kernel switch, until the next training batch; null otherwise. */
    private float[] carriedGradient;
    private IUpdater updaterConfig;
    private Mask maskBits;

    public MaskedLinear(Mask mask, Activation activation, DataType dtype, IUpdater updater, SplittableRandom rng) {
        this(mask, activation, dtype, updater, rng, KernelType.AUTO);
    }

    public MaskedLinear(Mask mask, Activation activation, DataType dtype, IUpdater updater, SplittableRandom rng, KernelType kernelType) {
        this(mask, activation, dtype, updater, rng, kernelType, KernelSelector.DEFAULT_BATCH);
    }

    /** {@code batch}: the batch size it will train with, which AUTO weighs against the connections to pick the kernel. */
    public MaskedLinear(Mask mask, Activation activation, DataType dtype, IUpdater updater, SplittableRandom rng, KernelType kernelType, int batch) {
        this(mask, activation, dtype, updater, rng, kernelType, batch, kernelType);
    }

    /**
     * {@code start}: the kernel to begin with, which a network's choice over all its layers ({@link KernelSelector#chooseChain})
     * may set for an AUTO layer; the layer stays AUTO, free to move after a mask edit.
     */
    MaskedLinear(Mask mask, Activation activation, DataType dtype, IUpdater updater, SplittableRandom rng, KernelType kernelType, int batch,
                 KernelType start) {
        if (kernelType != KernelType.AUTO && start != kernelType) throw new IllegalArgumentException("a forced " + kernelType.id() + " layer starts on it");
        this.in = mask.cols();
        this.out = mask.rows();
        this.activation = activation;
        this.dtype = dtype;
        this.requested = kernelType;
        this.batch = Math.max(1, batch);
        this.updaterConfig = updater;
        this.maskBits = mask.copy();
        this.kernel = KernelSelector.create(start, maskBits, activation, dtype, updater, initialWeights(maskBits, rng), this.batch);
    }

    /**
     * He (relu) or LeCun (others) initialization scaled for each output neuron's effective fan-in,
     * the number of inputs its mask row really has: a neuron with 9 of 64 inputs is scaled for 9.
     * Values come in row-major order of the present connections, whatever the kernel.
     */
    private float[] initialWeights(Mask m, SplittableRandom rng) {
        long nnz = m.nnz();
        if (nnz > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("layer has " + nnz + " connections, more than one array can hold");
        float[] values = new float[(int) nnz];
        double gain = gain();
        int[] k = {0};
        for (int o = 0; o < out; o++) {
            int fanIn = m.fanIn(o);
            if (fanIn == 0) continue;
            double std = Math.sqrt(gain / fanIn);
            m.forEachInRow(o, i -> values[k[0]++] = (float) (gaussian(rng) * std));
        }
        return values;
    }

    private double gain() {
        return activation == Activation.RELU ? 2.0 : 1.0;
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Installs a new optimizer (name or learning rate changed); {@code reset} clears its state. */
    public void setUpdater(IUpdater config, boolean reset) {
        kernel.setUpdater(config, reset);
        updaterConfig = config;
    }

    /** Forward for training; the result is this layer's buffer, valid until its next forward. */
    public INDArray forward(INDArray x) {
        return forward(Batch.of(x), true).array(dtype);
    }

    /** Forward without disturbing what backward needs (evaluation). */
    public INDArray infer(INDArray x) {
        return forward(Batch.of(x), false).array(dtype);
    }

    Batch forward(Batch x, boolean training) {
        if (x.features != in) throw new IllegalArgumentException("input has " + x.features + " features, layer expects " + in);
        if (training) carriedGradient = null;
        return kernel.forward(x, training);
    }

    /**
     * Back-propagates {@code dOut}, the loss gradient w.r.t. this layer's output (for the output
     * layer: w.r.t. its logits). Stores the masked weight gradient; returns the gradient w.r.t. the input.
     */
    public INDArray backward(INDArray dOut, boolean needInputGradient) {
        Batch dx = backward(Batch.of(dOut), needInputGradient);
        return dx == null ? null : dx.array(dtype);
    }

    Batch backward(Batch dOut, boolean needInputGradient) {
        return kernel.backward(dOut, needInputGradient);
    }

    /**
     * One optimizer step with the stored gradients. Weight decay is L2 in the gradient or decoupled
     * (AdamW) as PyTorch does (see {@link WeightDecay}); afterwards absent weights are exactly 0.
     */
    public void step(double learningRate, WeightDecay decay, int iteration, int epoch) {
        kernel.step(learningRate, decay, iteration, epoch);
    }

    /**
     * Applies a mask edit between steps: removed connections get weight 0 and cleared optimizer
     * state; added ones get fresh state and a weight per {@code policy}.
     */
    public void setMask(Mask newMask, AddedConnectionInit policy, SplittableRandom rng) {
        if (!newMask.sameShape(maskBits)) {
            throw new IllegalArgumentException("mask must be [" + out + "," + in + "], was [" + newMask.rows() + "," + newMask.cols() + "]");
        }
        Mask kept = maskBits.intersection(newMask);
        Mask added = newMask.difference(maskBits);
        double[] addedValues = null;
        long addedCount = added.nnz();
        if (policy == AddedConnectionInit.RANDOM && addedCount > 0) {
            addedValues = new double[Math.toIntExact(addedCount)];
            double gain = gain();
            int[] k = {0};
            for (int o = 0; o < out; o++) {
                int fanIn = newMask.fanIn(o);
                if (fanIn == 0) continue;
                double std = Math.sqrt(gain / fanIn);
                final double[] values = addedValues;
                added.forEachInRow(o, i -> values[k[0]++] = gaussian(rng) * std);
            }
        }
        maskBits = newMask.copy();
        kernel.setMask(kept, added, maskBits, addedValues);
        if (requested == KernelType.AUTO && dtype == DataType.FLOAT) followDensity();
    }

    /**
     * After a large density change (gradual magnitude pruning takes a layer from dense to 10% in one run) the kernel
     * AUTO picked may be several times slower than another: move the weights, biases and optimizer state over. The
     * mask edit itself has already been applied by the old kernel, so its semantics don't depend on the switch.
     */
    private void followDensity() {
        KernelType next = KernelSelector.rechoose(kernel.type(), out, in, maskBits.nnz(), batch, dtype, KernelCalibration.current());
        if (next == kernel.type()) return;
        LayerKernel moved = KernelSelector.create(next, maskBits, activation, dtype, updaterConfig, kernel.presentWeights(maskBits), batch);
        moved.importState(kernel.biases(), floatsOrNull(kernel.weightState()), floatsOrNull(kernel.biasState()));
        // The new kernel has seen no batch yet: keep the last batch's raw gradient for the snapshot taken before the
        // next one (a prune at the end of an epoch switches kernels, and that epoch's snapshot shows the gradient).
        carriedGradient = (long) out * in <= TrainingSession.SNAPSHOT_LIMIT ? kernel.rawWeightGradient() : null;
        kernel = moved;
    }

    private static float[] floatsOrNull(INDArray a) {
        return a == null ? null : DenseKernel.flatFloats(a);
    }

    /**
     * Lottery-ticket rewinding: the present connections take their values in {@code weights} (row-major
     * {@code [out*in]}; entries at absent cells are ignored, absent weights stay +0.0) and the biases {@code biases}.
     * Weight optimizer state starts fresh; the bias state is reset with {@link #setUpdater} by the caller.
     */
    public void setParameters(float[] weights, float[] biases) {
        if (weights.length != (long) out * in || biases.length != out) {
            throw new IllegalArgumentException("expected " + out + "x" + in + " weights and " + out + " biases, got "
                    + weights.length + " and " + biases.length);
        }
        float[] present = DropGrow.presentValues(maskBits, weights);
        double[] values = new double[present.length];
        for (int k = 0; k < present.length; k++) values[k] = present[k];
        // Remove every connection (weights +0.0, state fresh), then add the mask back with the values: a kernel that
        // keeps cells present in both structures (CSR) would otherwise keep the old values.
        Mask none = new Mask(out, in);
        kernel.setMask(none, none, none, null);
        kernel.setMask(none, maskBits, maskBits, values);
        kernel.setBiases(biases);
    }

    public int inFeatures() { return in; }
    public int outFeatures() { return out; }
    public Activation activation() { return activation; }
    /** The kernel this layer runs on (never AUTO). */
    public KernelType kernelType() { return kernel.type(); }
    public Mask mask() { return maskBits.copy(); }
    /** Number of present connections. */
    public long connections() { return maskBits.nnz(); }

    /** Row-major {@code [out*in]} copy of the weights as float32 (absent connections 0). */
    public float[] weights() { return kernel.weights(); }
    public float[] biases() { return kernel.biases(); }
    /** One weight, for layers too large for {@link #weights()}. */
    public double weight(int o, int i) { return kernel.weight(o, i); }

    /** The present connections' weights in row-major order (memory follows the connection count, not the shape). */
    public float[] presentWeights() { return kernel.presentWeights(maskBits); }

    /** The last batch's {@code δ^T x} in row blocks, for ranking absent connections; null before any backward. */
    public RowBlockScores gradientScores() { return kernel.gradientScores(); }

    /** The last batch's unmasked {@code δ^T x}, row-major {@code [out*in]}, or null before any backward. */
    float[] rawWeightGradient() {
        float[] g = kernel.rawWeightGradient();
        return g != null || carriedGradient == null ? g : carriedGradient.clone();
    }
    boolean parametersFinite() { return kernel.parametersFinite(); }

    // ND4J views: the live arrays of the dense kernel, copies for the plain-Java kernels
    INDArray weightArray() { return kernel.weightArray(); }
    INDArray biasArray() { return kernel.biasArray(); }
    /** Masked gradient of the last backward, valid until the next step (which turns it into the update). */
    INDArray weightGradient() { return kernel.weightGradient(); }
    INDArray biasGradient() { return kernel.biasGradient(); }
    INDArray weightState() { return kernel.weightState(); }
    INDArray biasState() { return kernel.biasState(); }

    /** Everything a restore needs: weights, biases, optimizer state and mask, copied. */
    LayerState saveState() {
        return new LayerState(kernel.type(), kernel.saveState(), maskBits.copy());
    }

    /** A state saved before a kernel switch goes back to the kernel that saved it. */
    void restoreState(LayerState s) {
        maskBits = s.mask().copy();
        if (s.kernel() != kernel.type()) {
            kernel = KernelSelector.create(s.kernel(), maskBits, activation, dtype, updaterConfig, new float[Math.toIntExact(maskBits.nnz())], batch);
        }
        kernel.restoreState(s.kernelState(), maskBits);
    }

    record LayerState(KernelType kernel, Object kernelState, Mask mask) {}
}
