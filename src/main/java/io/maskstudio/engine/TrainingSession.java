package io.maskstudio.engine;

import io.maskstudio.data.Dataset;
import io.maskstudio.data.InputFit;
import io.maskstudio.data.Split;
import io.maskstudio.data.Standardizer;
import io.maskstudio.engine.sparse.SparseMethod;
import io.maskstudio.engine.sparse.SparseMethods;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.PruneSchedule;
import io.maskstudio.model.TrainingSettings;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Mini-batch training of one design on one (already normalized) split, a batch at a time so callers
 * can pause, step, edit masks between batches and stop. Deterministic for a given seed: the shuffle of
 * epoch e uses {@code seed + e}. Not thread-safe: one thread (the trainer's, or the CLI's) drives it.
 */
public final class TrainingSession {
    /** Layers with more weights than this are not copied into every snapshot. */
    static final long SNAPSHOT_LIMIT = 4_000_000;

    private final MaskedNetwork network;
    private final Dataset train;
    private final Dataset validation;
    private final Batch valBatch;
    private TrainingSettings settings;

    private int completedEpochs;
    private int[] order;
    private int cursor;
    private int stepInEpoch;
    /** How often (in steps) the weights themselves are checked for NaN and infinity, besides every epoch's end. */
    static final int FINITE_CHECK_EVERY = 8;
    private double lossSum;
    private long correct;
    private long seen;
    private long epochStartNanos;
    private MaskedNetwork.Checkpoint lastGood;
    private EpochMetrics lastMetrics;
    private MaskedNetwork.BatchResult lastBatch;
    private Standardizer standardizer;
    private Runnable beforeBatch = () -> { };
    /** Null outside tests: copying every batch's inputs would cost time for nothing. */
    private Consumer<float[]> batchInputs;
    /** The held-out test rows, standardized like the training split; null when there is none. Never trained on. */
    private Dataset test;
    /** The sparse-training method that may change the masks after each step ({@link SparseMethod#STATIC}: never). */
    private SparseMethod method;
    /** The latest mask update's description, until {@link #takeMaskUpdate} hands it on. */
    private String pendingMaskUpdate;
    private long maskUpdateNanos;
    private int maskUpdates;

    /** Float32 training, the precision users get everywhere outside gradient checks. */
    public TrainingSession(NetworkDesign design, Split split, TrainingSettings settings) {
        this(design, split, settings, DataType.FLOAT);
    }

    public TrainingSession(NetworkDesign design, Split split, TrainingSettings settings, DataType dtype) {
        this(design, split, settings, dtype, KernelType.AUTO);
    }

    /** {@code kernel} AUTO picks each layer's kernel from its size and density; others force one. */
    public TrainingSession(NetworkDesign design, Split split, TrainingSettings settings, DataType dtype, KernelType kernel) {
        int in = design.layer(0).size();
        if (split.train().features() != in) {
            throw new IllegalArgumentException("dataset '" + split.train().name() + "' has " + InputFit.featuresText(split.train())
                    + " but the input layer has " + in + " neurons");
        }
        String shape = InputFit.shapeMismatch(split.train(), design.layer(0));
        if (shape != null) throw new IllegalArgumentException("dataset '" + split.train().name() + "': the input layer" + shape);
        int classes = design.layer(design.layerCount() - 1).size();
        if (split.train().classes() > classes) {
            throw new IllegalArgumentException("dataset '" + split.train().name() + "' has " + split.train().classes()
                    + " classes but the output layer has only " + classes + " neurons");
        }
        if (split.train().rows() == 0) throw new IllegalArgumentException("the training split is empty");
        this.settings = settings;
        this.network = new MaskedNetwork(design, dtype, settings.optimizer(), settings.learningRate(), settings.weightDecay(), settings.seed(), kernel,
                settings.batchSize());
        this.train = split.train();
        this.validation = split.validation();
        this.valBatch = validation.rows() > 0 ? network.batch(validation.x(), validation.features(), identity(validation.rows())) : null;
        this.lastGood = network.checkpoint();
        this.method = SparseMethods.create(settings.sparse(), network, settings.epochs(), stepsPerEpoch(), settings.seed());
    }

    public MaskedNetwork network() { return network; }
    public TrainingSettings settings() { return settings; }
    public int completedEpochs() { return completedEpochs; }
    public int stepInEpoch() { return stepInEpoch; }
    public int stepsPerEpoch() { return (train.rows() + settings.batchSize() - 1) / settings.batchSize(); }
    public EpochMetrics lastMetrics() { return lastMetrics; }
    /** How the inputs were standardized, when the caller said (SessionLoader does): a model export needs it. */
    public Standardizer standardizer() { return standardizer; }
    public void setStandardizer(Standardizer s) { this.standardizer = s; }
    /** The most recent mini-batch's mean loss, correct count and size; null before the first. */
    public MaskedNetwork.BatchResult lastBatch() { return lastBatch; }
    public Dataset validation() { return validation; }
    public Dataset train() { return train; }
    /** The held-out test set (standardized), or null. */
    public Dataset test() { return test; }

    /**
     * Sets the held-out test set, already standardized with the training split's statistics. It is only ever read by
     * {@link #evaluateTest}: batches come from {@link #train()} alone and the epoch metrics from the validation split.
     */
    public void setTest(Dataset standardizedTest) {
        if (standardizedTest != null) {
            if (standardizedTest.features() != train.features()) {
                throw new IllegalArgumentException("test set '" + standardizedTest.name() + "' has " + standardizedTest.features()
                        + " features but the input layer has " + train.features() + " neurons");
            }
            if (standardizedTest.classes() > network.classes()) {
                throw new IllegalArgumentException("test set '" + standardizedTest.name() + "' has " + standardizedTest.classes()
                        + " classes but the output layer has only " + network.classes() + " neurons");
            }
        }
        this.test = standardizedTest;
    }

    /**
     * The test set's loss and accuracy for the network's current weights (the last good epoch after a divergence);
     * null without a test set or before the first epoch. Built and dropped here: the test rows take no memory in
     * the network between evaluations.
     */
    public TestMetrics evaluateTest() {
        if (test == null || test.rows() == 0 || lastMetrics == null) return null;
        MaskedNetwork.BatchResult r = network.evaluate(network.batch(test.x(), test.features(), identity(test.rows())), test.y());
        return new TestMetrics(completedEpochs, r.count(), r.loss(), (double) r.correct() / r.count());
    }

    /**
     * Trains one mini-batch. Returns the epoch's metrics when this batch completed an epoch, else null.
     * @throws DivergedException on a NaN/Inf loss or weight; the network is back at the last good epoch
     */
    public EpochMetrics step() throws DivergedException {
        beforeBatch.run();
        if (order == null) beginEpoch();
        int end = Math.min(cursor + settings.batchSize(), order.length);
        int[] rows = Arrays.copyOfRange(order, cursor, end);
        Dataset source = train; // the only rows a batch is ever drawn from
        int[] labels = new int[rows.length];
        for (int r = 0; r < rows.length; r++) labels[r] = source.y()[rows[r]];
        if (batchInputs != null) batchInputs.accept(inputsOf(source, rows));
        MaskedNetwork.BatchResult result = network.trainBatch(network.trainingBatch(source.x(), source.features(), rows), labels, completedEpochs);
        stepInEpoch++;
        if (!Double.isFinite(result.loss())) diverge("the loss is " + result.loss());
        // every few steps and always before the epoch's checkpoint, so the last good state is never a broken one: the
        // check reads every weight (0.14-0.29 ms for a 784x300 dense layer, about as much as its GEMMs), and a step
        // that breaks a weight mostly breaks the loss too, which is checked every step
        boolean epochEnds = end >= order.length;
        if ((epochEnds || stepInEpoch % FINITE_CHECK_EVERY == 0) && !network.parametersFinite()) diverge("a weight became NaN or infinite");
        lastBatch = result;
        updateMasks();
        lossSum += result.loss() * result.count();
        correct += result.correct();
        seen += result.count();
        cursor = end;
        return cursor >= order.length ? finishEpoch() : null;
    }

    /** Lets the sparse-training method change the masks at this batch boundary, timing it. */
    private void updateMasks() {
        long t0 = System.nanoTime();
        Optional<String> change = method.afterStep(network.iteration(), network);
        if (change.isEmpty()) return;
        maskUpdateNanos += System.nanoTime() - t0;
        maskUpdates++;
        pendingMaskUpdate = change.get();
    }

    /**
     * What the sparse-training method changed after the latest step (for the run's events as {@code mask-update}),
     * once: the next call returns null until the masks change again.
     */
    public String takeMaskUpdate() {
        String s = pendingMaskUpdate;
        pendingMaskUpdate = null;
        return s;
    }

    /** The running sparse-training method's id ({@code static}, {@code set}, {@code rigl}, {@code gmp}). */
    public String methodId() {
        return method.id();
    }

    /** How many mask updates the method made, and the seconds they took (for its cost beside the run's). */
    public int maskUpdates() { return maskUpdates; }
    public double maskUpdateSeconds() { return maskUpdateNanos / 1e9; }

    /** Runs before every batch: lets tests make the Nth batch fail the way a real Error would. */
    void beforeEachBatch(Runnable hook) {
        this.beforeBatch = hook;
    }

    /** Shows tests the inputs of every batch as trained on (row-major copies), to prove which rows were used. */
    void inspectBatchInputs(Consumer<float[]> inputs) {
        this.batchInputs = inputs;
    }

    private static float[] inputsOf(Dataset source, int[] rows) {
        int f = source.features();
        float[] x = new float[rows.length * f];
        for (int r = 0; r < rows.length; r++) System.arraycopy(source.x(), rows[r] * f, x, r * f, f);
        return x;
    }

    /** Trains the rest of the current epoch. */
    public EpochMetrics runEpoch() throws DivergedException {
        EpochMetrics m;
        do {
            m = step();
        } while (m == null);
        return m;
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int k = 0; k < n; k++) r[k] = k;
        return r;
    }

    private void beginEpoch() {
        order = Split.permutation(train.rows(), settings.seed() + completedEpochs);
        cursor = 0;
        stepInEpoch = 0;
        lossSum = 0;
        correct = 0;
        seen = 0;
        epochStartNanos = System.nanoTime();
    }

    private EpochMetrics finishEpoch() {
        completedEpochs++;
        order = null;
        double seconds = (System.nanoTime() - epochStartNanos) / 1e9;
        lastMetrics = new EpochMetrics(completedEpochs, lossSum / seen, (double) correct / seen,
                Double.NaN, Double.NaN, seconds);
        lastMetrics = withValidation(lastMetrics);
        lastGood = network.checkpoint();
        return lastMetrics;
    }

    /** Re-evaluates validation (after pruning at the end of an epoch, say) so metrics describe the current weights. */
    public EpochMetrics refreshValidation() {
        if (lastMetrics != null) {
            lastMetrics = withValidation(lastMetrics);
            lastGood = network.checkpoint();
        }
        return lastMetrics;
    }

    private EpochMetrics withValidation(EpochMetrics m) {
        if (valBatch == null) return m;
        MaskedNetwork.BatchResult v = network.evaluate(valBatch, validation.y());
        return new EpochMetrics(m.epoch(), m.trainLoss(), m.trainAccuracy(), v.loss(), (double) v.correct() / v.count(), m.seconds());
    }

    private void diverge(String what) throws DivergedException {
        int epoch = completedEpochs + 1;
        int step = stepInEpoch;
        network.restore(lastGood);
        order = null;
        throw new DivergedException(epoch, step, completedEpochs, what);
    }

    /** Magnitude pruning of every layer: removes {@code fraction} of each layer's present connections. */
    public void prune(double fraction) {
        for (int k = 0; k < network.layerCount(); k++) {
            MaskedLinear l = network.layer(k);
            network.setMask(k, MagnitudePruning.prune(l.mask(), l.weights(), fraction));
        }
    }

    /**
     * At the end of epoch {@code epoch} (its last batch done, its metrics not yet recorded): prunes the fraction
     * {@code schedule} names for it, then re-evaluates validation so the epoch's metrics describe the pruned network.
     * The CLI and the app's trainer both call this, so {@code --prune} and the settings' schedule do the same.
     *
     * @return the events.csv detail of the pruning, or null when the schedule has nothing for this epoch
     */
    public String pruneAfterEpoch(PruneSchedule schedule, int epoch) {
        double f = schedule.fractionAfter(epoch);
        if (f <= 0) return null;
        prune(f);
        refreshValidation();
        long left = 0;
        for (Mask m : network.masks()) left += m.nnz();
        return String.format(Locale.ROOT, "fraction %s of each layer; %d connections left", f, left);
    }

    /** Applies an edited mask at this batch boundary. */
    public void setMask(int pair, Mask mask) {
        network.setMask(pair, mask);
    }

    /** New optimizer, learning rate, weight decay or batch size from the next batch on. */
    public void updateSettings(TrainingSettings s) {
        network.setOptimizer(s.optimizer(), s.learningRate(), s.weightDecay());
        boolean newMethod = !s.sparse().equals(settings.sparse()) || s.epochs() != settings.epochs() || s.batchSize() != settings.batchSize();
        settings = s;
        // The schedules are in steps of the whole run: a new length or batch size re-plans them from here on.
        if (newMethod) method = SparseMethods.create(s.sparse(), network, s.epochs(), stepsPerEpoch(), s.seed());
    }

    /** Copies of every layer, for the UI's heatmaps (metrics may be null before the first epoch). */
    public TrainingSnapshot snapshot() {
        List<LayerSnapshot> layers = new ArrayList<>();
        for (int k = 0; k < network.layerCount(); k++) {
            MaskedLinear l = network.layer(k);
            boolean small = (long) l.outFeatures() * l.inFeatures() <= SNAPSHOT_LIMIT;
            float[] grad = small ? l.rawWeightGradient() : null;
            layers.add(new LayerSnapshot(l.outFeatures(), l.inFeatures(), small ? l.weights() : null, l.biases(), grad, l.mask()));
        }
        EpochMetrics m = lastMetrics != null ? lastMetrics : new EpochMetrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        return new TrainingSnapshot(m, layers);
    }
}
