package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerParameters;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.OptimizerKind;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A stack of {@link MaskedLinear} layers built from a {@link NetworkDesign}, trained as a classifier:
 * the last layer's outputs are logits for a softmax cross-entropy loss.
 */
public final class MaskedNetwork {
    private final List<MaskedLinear> layers = new ArrayList<>();
    private final DataType dtype;
    private final int classes;
    private final SplittableRandom rng;
    private String optimizer;
    private double learningRate;
    /** The optimizer's decay rule, resolved when the optimizer or λ changes rather than on every step. */
    private WeightDecay decay;
    private int iteration;
    private AddedConnectionInit addedInit = AddedConnectionInit.ZERO;
    /** {@link #trainingBatch}'s buffers: per-feature vectors for a plain-Java first layer, else rows and their array. */
    private float[][] batchFeatures;
    private float[] batchRows;
    private INDArray batchArray;

    public MaskedNetwork(NetworkDesign design, DataType dtype, String optimizer, double learningRate, double weightDecay, long seed) {
        this(design, dtype, optimizer, learningRate, weightDecay, seed, KernelType.AUTO);
    }

    /** {@code kernel} AUTO picks per layer from the work at the design's batch size; any other value forces it on every layer. */
    public MaskedNetwork(NetworkDesign design, DataType dtype, String optimizer, double learningRate, double weightDecay, long seed,
                         KernelType kernel) {
        this(design, dtype, optimizer, learningRate, weightDecay, seed, kernel, design.settings().batchSize());
    }

    /** {@code batch}: the batch size training will use, which AUTO weighs against each layer's connections. */
    public MaskedNetwork(NetworkDesign design, DataType dtype, String optimizer, double learningRate, double weightDecay, long seed,
                         KernelType kernel, int batch) {
        this(design, dtype, optimizer, learningRate, weightDecay, seed, Collections.nCopies(design.masks().size(), kernel), batch);
    }

    /** {@code kernels}: one per layer pair, input side first; AUTO entries are chosen from the work, the others forced. */
    public MaskedNetwork(NetworkDesign design, DataType dtype, String optimizer, double learningRate, double weightDecay, long seed,
                         List<KernelType> kernels, int batch) {
        if (kernels.size() != design.masks().size()) {
            throw new IllegalArgumentException("expected a kernel for each of the " + design.masks().size() + " layer pairs, got " + kernels.size());
        }
        this.dtype = dtype;
        this.rng = new SplittableRandom(seed);
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        this.decay = WeightDecay.of(OptimizerKind.fromId(optimizer), weightDecay);
        List<LayerSpec> specs = design.layers();
        List<KernelType> start = startKernels(design, kernels, batch, dtype);
        for (int k = 1; k < specs.size(); k++) {
            Activation a = specs.get(k).activation();
            boolean last = k == specs.size() - 1;
            if (a == Activation.SOFTMAX && !last) {
                throw new IllegalArgumentException("layer '" + specs.get(k).name() + "': softmax is only allowed on the output layer");
            }
            if (last && a != Activation.SOFTMAX && a != Activation.IDENTITY) {
                throw new IllegalArgumentException("output layer '" + specs.get(k).name() + "' must use softmax (a classifier), was " + a.id());
            }
            layers.add(new MaskedLinear(design.mask(k - 1), a, dtype, Optimizers.create(optimizer, learningRate), rng.split(), kernels.get(k - 1), batch,
                    start.get(k - 1)));
        }
        this.classes = specs.get(specs.size() - 1).size();
    }

    /** The kernel each layer starts on: AUTO layers chosen together, so that the network's layout changes are weighed too. */
    private static List<KernelType> startKernels(NetworkDesign design, List<KernelType> kernels, int batch, DataType dtype) {
        if (!kernels.contains(KernelType.AUTO) || dtype != DataType.FLOAT) return kernels; // (DOUBLE: the rules decide, layer by layer)
        List<Mask> masks = design.masks();
        int[][] shapes = new int[masks.size()][];
        long[] nnz = new long[masks.size()];
        long smallest = Long.MAX_VALUE; // only a layer a dense matrix could hold needs this machine's figures
        for (int k = 0; k < masks.size(); k++) {
            shapes[k] = new int[]{masks.get(k).rows(), masks.get(k).cols()};
            nnz[k] = masks.get(k).nnz();
            smallest = Math.min(smallest, (long) shapes[k][0] * shapes[k][1]);
        }
        return KernelSelector.chooseChain(shapes, nnz, kernels, batch, dtype, KernelSelector.calibrationFor(smallest, dtype));
    }

    public MaskedNetwork(NetworkDesign design, DataType dtype) {
        this(design, dtype, design.settings().optimizer(), design.settings().learningRate(), design.settings().weightDecay(), design.settings().seed());
    }

    public int layerCount() { return layers.size(); }
    public MaskedLinear layer(int k) { return layers.get(k); }
    public int classes() { return classes; }
    public DataType dataType() { return dtype; }
    public int iteration() { return iteration; }
    public String optimizer() { return optimizer; }
    public double learningRate() { return learningRate; }

    /** Logits for a batch {@code x} [batch, in]. */
    public INDArray logits(INDArray x) {
        return logits(Batch.of(x)).array(dtype);
    }

    private Batch logits(Batch x) {
        Batch a = x;
        for (MaskedLinear l : layers) a = l.forward(a, false);
        return a;
    }

    /** Mean cross-entropy loss without touching gradients. */
    public double loss(INDArray x, int[] labels) {
        return evaluate(x, labels).loss();
    }

    /** Forward and backward: stores every layer's gradient and returns the batch's loss and correct count. */
    public BatchResult computeGradients(INDArray x, int[] labels) {
        return computeGradients(Batch.of(x), labels);
    }

    BatchResult computeGradients(Batch x, int[] labels) {
        Batch a = x;
        for (MaskedLinear l : layers) a = l.forward(a, true);
        BatchResult r;
        Batch d;
        if (javaLoss(a)) {
            // float32: the loss runs in Java (no native call per step), on the output layer's own vectors or a copy
            FloatSoftmaxLoss.Result f = FloatSoftmaxLoss.evaluate(a.byFeature(), a.rows, labels, true);
            r = new BatchResult(f.loss(), f.correct(), labels.length);
            d = Batch.ofFeatures(f.gradient(), a.rows);
        } else {
            INDArray logits = a.array(dtype);
            INDArray oneHot = SoftmaxCrossEntropy.oneHot(labels, classes, dtype);
            r = new BatchResult(SoftmaxCrossEntropy.loss(logits, oneHot), countCorrect(logits, labels), labels.length);
            d = Batch.of(SoftmaxCrossEntropy.gradient(logits, oneHot));
        }
        for (int k = layers.size() - 1; k >= 0; k--) d = layers.get(k).backward(d, k > 0);
        return r;
    }

    /** One optimizer step on every layer with the gradients of the last {@link #computeGradients}. */
    public void step(int epoch) {
        for (MaskedLinear l : layers) l.step(learningRate, decay, iteration, epoch);
        iteration++;
    }

    public BatchResult trainBatch(INDArray x, int[] labels, int epoch) {
        return trainBatch(Batch.of(x), labels, epoch);
    }

    BatchResult trainBatch(Batch x, int[] labels, int epoch) {
        BatchResult r = computeGradients(x, labels);
        step(epoch);
        return r;
    }

    public BatchResult evaluate(INDArray x, int[] labels) {
        return evaluate(Batch.of(x), labels);
    }

    BatchResult evaluate(Batch x, int[] labels) {
        Batch a = logits(x);
        if (javaLoss(a)) {
            FloatSoftmaxLoss.Result f = FloatSoftmaxLoss.evaluate(a.byFeature(), a.rows, labels, false);
            return new BatchResult(f.loss(), f.correct(), labels.length);
        }
        INDArray logits = a.array(dtype);
        double loss = SoftmaxCrossEntropy.loss(logits, SoftmaxCrossEntropy.oneHot(labels, classes, dtype));
        return new BatchResult(loss, countCorrect(logits, labels), labels.length);
    }

    /** Whether the loss runs in {@link FloatSoftmaxLoss}: a plain-Java output layer's vectors, or any float32 logits. */
    private boolean javaLoss(Batch logits) {
        return logits.hasFeatures() || dtype == DataType.FLOAT;
    }

    /**
     * Rows {@code rowIndices} of a row-major {@code [n, features]} block as a batch in the form the
     * first layer computes with (plain-Java kernels get per-feature vectors without a native call).
     */
    Batch batch(float[] rowMajor, int features, int[] rowIndices) {
        if (dtype == DataType.FLOAT && layers.get(0).kernelType() != KernelType.DENSE) {
            return Batch.gather(rowMajor, features, rowIndices);
        }
        float[] rows = gatherRows(rowMajor, features, rowIndices, null);
        INDArray a = toArray(rows, rowIndices.length, features);
        return dtype == DataType.FLOAT ? Batch.of(a, rows) : Batch.of(a);
    }

    /** Rows {@code rowIndices} of a row-major block, row-major, into {@code reuse} when it has the size. */
    private static float[] gatherRows(float[] rowMajor, int features, int[] rowIndices, float[] reuse) {
        int n = rowIndices.length;
        float[] rows = reuse != null && reuse.length == n * features ? reuse : new float[n * features];
        for (int r = 0; r < n; r++) System.arraycopy(rowMajor, rowIndices[r] * features, rows, r * features, features);
        return rows;
    }

    /**
     * {@link #batch} for training steps, into buffers this network keeps: the returned batch is valid until the next
     * call (the layers read it during the step, snapshots and mask updates right after it). A fresh 100x784 batch
     * cost more than a sparse LeNet step's products: the allocation and zeroing, or ND4J's native allocation.
     */
    Batch trainingBatch(float[] rowMajor, int features, int[] rowIndices) {
        int n = rowIndices.length;
        if (dtype != DataType.FLOAT) return batch(rowMajor, features, rowIndices);
        if (layers.get(0).kernelType() != KernelType.DENSE) {
            batchFeatures = Loops.ensure(batchFeatures, features, n);
            return Batch.gather(rowMajor, features, rowIndices, batchFeatures);
        }
        if (!NativeFloats.cpuBackend()) return batch(rowMajor, features, rowIndices);
        batchRows = gatherRows(rowMajor, features, rowIndices, batchRows);
        batchArray = toArray(batchRows, n, features, batchArray);
        return Batch.of(batchArray, batchRows);
    }

    static int countCorrect(INDArray logits, int[] labels) {
        long[] pred = logits.argMax(1).toLongVector();
        int c = 0;
        for (int r = 0; r < labels.length; r++) if (pred[r] == labels[r]) c++;
        return c;
    }

    /** Changes optimizer, learning rate or weight decay; a new optimizer starts with fresh state. */
    public void setOptimizer(String name, double lr, double wd) {
        IUpdater config = Optimizers.create(name, lr);
        boolean reset = !name.equals(optimizer);
        for (MaskedLinear l : layers) l.setUpdater(config, reset);
        optimizer = name;
        learningRate = lr;
        decay = WeightDecay.of(OptimizerKind.fromId(name), wd);
    }

    public void setAddedConnectionInit(AddedConnectionInit policy) { this.addedInit = policy; }

    /** Applies an edited mask to layer pair k between steps. */
    public void setMask(int pair, Mask mask) {
        layers.get(pair).setMask(mask, addedInit, rng);
    }

    /**
     * Rewinds every layer to {@code saved} (a lottery ticket's survivors take their saved values, absent connections
     * stay +0.0, biases too) with fresh optimizer state and the step counter at 0, as if training started there.
     */
    public void rewind(List<LayerParameters> saved) {
        if (saved.size() != layers.size()) throw new IllegalArgumentException("expected " + layers.size() + " layers, got " + saved.size());
        IUpdater config = Optimizers.create(optimizer, learningRate);
        for (int k = 0; k < layers.size(); k++) {
            layers.get(k).setParameters(saved.get(k).weight(), saved.get(k).bias());
            layers.get(k).setUpdater(config, true);
        }
        iteration = 0;
    }

    public List<Mask> masks() {
        List<Mask> ms = new ArrayList<>();
        for (MaskedLinear l : layers) ms.add(l.mask());
        return ms;
    }

    /** Trained parameters as plain float arrays in PyTorch's layout. */
    public List<LayerParameters> parameters() {
        List<LayerParameters> ps = new ArrayList<>();
        for (MaskedLinear l : layers) ps.add(new LayerParameters(l.outFeatures(), l.inFeatures(), l.weights(), l.biases()));
        return ps;
    }

    /** True when every weight and bias is finite (sums are NaN/Inf as soon as one entry is). */
    public boolean parametersFinite() {
        for (MaskedLinear l : layers) if (!l.parametersFinite()) return false;
        return true;
    }

    /** A copy of all weights, optimizer state, masks and the step counter. */
    public Checkpoint checkpoint() {
        List<MaskedLinear.LayerState> states = new ArrayList<>();
        for (MaskedLinear l : layers) states.add(l.saveState());
        return new Checkpoint(states, iteration);
    }

    public void restore(Checkpoint c) {
        for (int k = 0; k < layers.size(); k++) layers.get(k).restoreState(c.layers().get(k));
        iteration = c.iteration();
    }

    /** Converts a row-major float block to an array of this network's dtype. */
    public INDArray toArray(float[] data, int rows, int cols) {
        return toArray(data, rows, cols, null);
    }

    /** {@link #toArray}, written into {@code reuse} when that is a float32 {@code [rows, cols]} array Java can write. */
    private INDArray toArray(float[] data, int rows, int cols, INDArray reuse) {
        if (dtype == DataType.FLOAT && NativeFloats.cpuBackend()) {
            // one allocation and a bulk copy: createFromArray, reshape and castTo took 0.65 ms for 60x784 floats, 0.24 this way
            if (data.length != rows * cols) throw new IllegalArgumentException("expected " + rows + "x" + cols + " values, got " + data.length);
            boolean fits = reuse != null && reuse.rows() == rows && reuse.columns() == cols && NativeFloats.usable(reuse);
            INDArray a = fits ? reuse : Nd4j.create(DataType.FLOAT, rows, cols);
            NativeFloats.write(data, data.length, a);
            return a;
        }
        return Nd4j.createFromArray(data).reshape('c', rows, cols).castTo(dtype);
    }

    public record Checkpoint(List<MaskedLinear.LayerState> layers, int iteration) {}

    public record BatchResult(double loss, int correct, int count) {}
}
