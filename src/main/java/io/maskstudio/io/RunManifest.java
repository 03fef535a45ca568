package io.maskstudio.io;

import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.SparseTraining;
import io.maskstudio.model.TrainingSettings;

import java.time.Instant;
import java.util.List;

/**
 * What {@code run.json} says about one training run: when and how it ran, on what, and how it ended. The design is
 * the graph as it was when training started; metrics are null until the first epoch ends. Written by the CLI and
 * the app alike ({@code io.maskstudio.runs.RunRecorder}); read by {@link RunManifestJson}.
 *
 * @param status   one of {@link #STATUSES}
 * @param method   how the mask evolved: {@code static}, or {@code prune} for a magnitude-pruning schedule
 * @param layers   one per layer pair, in order
 * @param message  why a diverged or failed run ended; empty otherwise
 * @param test     the held-out test set's metrics at the end of the run; null without a test set, or until the run ends
 */
public record RunManifest(int formatVersion, String maskstudioVersion, Instant started, Instant ended, String status,
                          NetworkDesign design, String method, String methodDetail, Dataset dataset, List<Layer> layers,
                          Metrics last, Metrics best, String message, Test test) {

    public static final int FORMAT_VERSION = 1;
    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String STOPPED = "stopped";
    public static final String DIVERGED = "diverged";
    public static final String FAILED = "failed";
    public static final List<String> STATUSES = List.of(RUNNING, FINISHED, STOPPED, DIVERGED, FAILED);
    /**
     * {@link #method} values: the mask only changes by the user's edits, or also by a magnitude-pruning schedule;
     * else the id of the sparse-training method ({@link SparseTraining.Method}: set, rigl, gmp).
     */
    public static final String STATIC = "static";
    public static final String PRUNE = "prune";

    /** The method a run with these settings records (the CLI and the app alike); a sparse-training method wins. */
    public static String methodOf(TrainingSettings s) {
        if (!s.sparse().isStatic()) return s.sparse().method().id();
        return s.pruneSchedule().isEmpty() ? STATIC : PRUNE;
    }

    /** The method's detail: the sparse-training method's parameters, else the prune schedule's text. */
    public static String methodDetailOf(TrainingSettings s) {
        if (!s.sparse().isStatic()) return s.sparse().describe();
        return s.pruneSchedule().toString();
    }

    /** A built-in dataset has only a name; a file also its path and the SHA-256 of its bytes (hex). */
    public record Dataset(String name, String path, String sha256) {}

    /**
     * One layer pair: the kernel and backend that trained it, and whether its arrays are in the snapshots
     * ({@code snapshotNote} says why not when they are left out).
     */
    public record Layer(int pair, int inFeatures, int outFeatures, String kernel, String backend, boolean inSnapshots,
                        String snapshotNote) {}

    /** Validation (and training) metrics of one epoch; NaN where there is no validation split. */
    public record Metrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy) {}

    /**
     * The test set's loss and accuracy for the weights the run ended with ({@code epoch}: their last completed epoch),
     * over {@code rows} rows; evaluated once, never used to choose {@link #best}.
     */
    public record Test(int epoch, int rows, double loss, double accuracy) {}

    /** A manifest without test metrics (every run before the end, and runs without a test set). */
    public RunManifest(int formatVersion, String maskstudioVersion, Instant started, Instant ended, String status,
                       NetworkDesign design, String method, String methodDetail, Dataset dataset, List<Layer> layers,
                       Metrics last, Metrics best, String message) {
        this(formatVersion, maskstudioVersion, started, ended, status, design, method, methodDetail, dataset, layers, last, best, message, null);
    }

    public RunManifest {
        layers = List.copyOf(layers);
        message = message == null ? "" : message;
        methodDetail = methodDetail == null ? "" : methodDetail;
    }

    public RunManifest withStatus(String newStatus, Instant endedAt, String why) {
        return new RunManifest(formatVersion, maskstudioVersion, started, endedAt, newStatus, design, method, methodDetail,
                dataset, layers, last, best, why, test);
    }

    public RunManifest withMetrics(Metrics newLast, Metrics newBest) {
        return new RunManifest(formatVersion, maskstudioVersion, started, ended, status, design, method, methodDetail,
                dataset, layers, newLast, newBest, message, test);
    }

    public RunManifest withDesign(NetworkDesign newDesign) {
        return new RunManifest(formatVersion, maskstudioVersion, started, ended, status, newDesign, method, methodDetail,
                dataset, layers, last, best, message, test);
    }

    public RunManifest withTest(Test newTest) {
        return new RunManifest(formatVersion, maskstudioVersion, started, ended, status, design, method, methodDetail,
                dataset, layers, last, best, message, newTest);
    }
}
