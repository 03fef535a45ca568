package io.maskstudio.engine;

import io.maskstudio.engine.sparse.DropGrow;
import io.maskstudio.engine.sparse.RowBlockScores;
import io.maskstudio.model.Mask;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * How one {@link MaskedLinear} computes: {@code y = f(x (W∘M)^T + b)}, {@code dW = (δ^T x)∘M},
 * {@code dx = δ (W∘M)}, an optimizer step that leaves absent weights exactly +0.0, and mask edits that
 * zero removed weights and give removed and added connections fresh optimizer state.
 * Implementations own their buffers; a returned {@link Batch} stays valid until the next call of the
 * same kind (training forward, inference forward, backward).
 */
interface LayerKernel {
    KernelType type();

    /** {@code training} keeps what backward needs; inference uses other buffers and disturbs nothing. */
    Batch forward(Batch x, boolean training);

    /** Stores the masked weight gradient and the bias gradient; returns dL/dx, or null when not needed. */
    Batch backward(Batch dOut, boolean needInputGradient);

    /** One optimizer step with the stored gradients (which it may overwrite), decaying as {@code decay} says. */
    void step(double learningRate, WeightDecay decay, int iteration, int epoch);

    void setUpdater(IUpdater config, boolean reset);

    /**
     * Mask edit: connections outside {@code kept} get weight 0 and fresh state, {@code added} ones fresh
     * state and weight {@code addedValues[k]} (k-th added connection in row-major order) or 0 when null.
     */
    void setMask(Mask kept, Mask added, Mask newMask, double[] addedValues);

    /** Row-major {@code [out*in]} float32 copy of the weights. */
    float[] weights();

    float[] biases();

    /** Overwrites the biases (a lottery ticket's rewind); their optimizer state is the caller's to reset. */
    void setBiases(float[] biases);

    /** Weight of one connection (0 when absent). */
    double weight(int out, int in);

    boolean parametersFinite();

    /** {@code δ^T x} of the last backward before masking, row-major {@code [out*in]}; null before any backward. */
    float[] rawWeightGradient();

    /**
     * The same {@code δ^T x} handed out a block of rows at a time (RigL's grow step ranks absent connections by it
     * without the dense array); null before any backward.
     */
    RowBlockScores gradientScores();

    /** The present connections' weights in row-major order, {@code mask.nnz()} values ({@code mask}: this kernel's). */
    default float[] presentWeights(Mask mask) {
        return DropGrow.presentValues(mask, weights());
    }

    Object saveState();

    /**
     * Takes over another kernel's biases and optimizer state (a kernel switch after a mask edit): {@code weightState}
     * is {@code [chunks*out*in]} in {@link #weightState()}'s layout, {@code biasState} {@code [chunks*out]}; either
     * null when the optimizer keeps no state. Entries of absent connections are ignored.
     */
    void importState(float[] biases, float[] weightState, float[] biasState);

    void restoreState(Object state, Mask mask);

    // ND4J views for tests and engine internals: live arrays for the dense kernel, copies for the others.
    INDArray weightArray();
    INDArray biasArray();
    INDArray weightGradient();
    INDArray biasGradient();
    /** {@code [1, chunks*out*in]} in ND4J's state layout, or null when the optimizer keeps no state. */
    INDArray weightState();
    INDArray biasState();
}
