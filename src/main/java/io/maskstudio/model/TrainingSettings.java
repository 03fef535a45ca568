package io.maskstudio.model;

import java.util.List;
import java.util.Objects;

/**
 * How a design is trained. {@code dataset} is a built-in name ("digits") or a CSV path;
 * {@code optimizer} the id of an {@link OptimizerKind}; {@code pruneSchedule} prunes by magnitude at the end of
 * chosen epochs ({@link PruneSchedule#NONE}: never); {@code sparse} the sparse-training method that changes the masks
 * during the run ({@link SparseTraining#STATIC}: they stay as drawn).
 */
public record TrainingSettings(String dataset, String optimizer, double learningRate, int batchSize, int epochs,
                               double weightDecay, long seed, double validationFraction, PruneSchedule pruneSchedule,
                               SparseTraining sparse) {

    /** The valid optimizer names ({@link OptimizerKind#ids()}). */
    public static final List<String> OPTIMIZERS = OptimizerKind.ids();

    public TrainingSettings {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(pruneSchedule, "pruneSchedule");
        Objects.requireNonNull(sparse, "sparse");
        Objects.requireNonNull(optimizer, "optimizer");
        if (!OPTIMIZERS.contains(optimizer)) { // exact ids only: the graph file spells them so
            throw new IllegalArgumentException("unknown optimizer '" + optimizer + "', expected one of " + String.join(", ", OPTIMIZERS));
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, was " + learningRate);
        }
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, was " + batchSize);
        if (epochs < 0) throw new IllegalArgumentException("epochs must not be negative, was " + epochs);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) throw new IllegalArgumentException("weight decay must be >= 0, was " + weightDecay);
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0,1), was " + validationFraction);
        }
    }

    /** Settings with a prune schedule and static masks. */
    public TrainingSettings(String dataset, String optimizer, double learningRate, int batchSize, int epochs,
                            double weightDecay, long seed, double validationFraction, PruneSchedule pruneSchedule) {
        this(dataset, optimizer, learningRate, batchSize, epochs, weightDecay, seed, validationFraction, pruneSchedule, SparseTraining.STATIC);
    }

    /** Settings without a prune schedule. */
    public TrainingSettings(String dataset, String optimizer, double learningRate, int batchSize, int epochs,
                            double weightDecay, long seed, double validationFraction) {
        this(dataset, optimizer, learningRate, batchSize, epochs, weightDecay, seed, validationFraction, PruneSchedule.NONE);
    }

    public static TrainingSettings defaults(String dataset) {
        return new TrainingSettings(dataset, "adam", 1e-3, 32, 30, 0.0, 42L, 0.2);
    }

    /** The optimizer as its kind (the record keeps the id, as the graph file spells it). */
    public OptimizerKind optimizerKind() { return OptimizerKind.fromId(optimizer); }

    public TrainingSettings withDataset(String d) {
        return new TrainingSettings(d, optimizer, learningRate, batchSize, epochs, weightDecay, seed, validationFraction, pruneSchedule, sparse);
    }

    public TrainingSettings withOptimizer(String o) {
        return new TrainingSettings(dataset, o, learningRate, batchSize, epochs, weightDecay, seed, validationFraction, pruneSchedule, sparse);
    }

    public TrainingSettings withLearningRate(double lr) {
        return new TrainingSettings(dataset, optimizer, lr, batchSize, epochs, weightDecay, seed, validationFraction, pruneSchedule, sparse);
    }

    public TrainingSettings withBatchSize(int b) {
        return new TrainingSettings(dataset, optimizer, learningRate, b, epochs, weightDecay, seed, validationFraction, pruneSchedule, sparse);
    }

    public TrainingSettings withEpochs(int e) {
        return new TrainingSettings(dataset, optimizer, learningRate, batchSize, e, weightDecay, seed, validationFraction, pruneSchedule, sparse);
    }

    public TrainingSettings withWeightDecay(double wd) {
        return new TrainingSettings(dataset, optimizer, learningRate, batchSize, epochs, wd, seed, validationFraction, pruneSchedule, sparse);
    }

    public TrainingSettings withSeed(long s) {
        return new TrainingSettings(dataset, optimizer, learningRate, batchSize, epochs, weightDecay, s, validationFraction, pruneSchedule, sparse);
    }

    public TrainingSettings withValidationFraction(double v) {
        return new TrainingSettings(dataset, optimizer, learningRate, batchSize, epochs, weightDecay, seed, v, pruneSchedule, sparse);
    }

    public TrainingSettings withPruneSchedule(PruneSchedule p) {
        return new TrainingSettings(dataset, optimizer, learningRate, batchSize, epochs, weightDecay, seed, validationFraction, p, sparse);
    }

    public TrainingSettings withSparse(SparseTraining t) {
        return new TrainingSettings(dataset, optimizer, learningRate, batchSize, epochs, weightDecay, seed, validationFraction, pruneSchedule, t);
    }
}
