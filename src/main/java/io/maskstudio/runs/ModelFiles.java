package io.maskstudio.runs;

import io.maskstudio.data.Dataset;
import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.GraphExtras;
import io.maskstudio.io.GraphFile;
import io.maskstudio.io.RunManifest;
import io.maskstudio.io.TorchExport;
import io.maskstudio.model.LayerParameters;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model export of a run (model.npz, model.safetensors, model.json, val.npz, test.npz where there is a test set,
 * load_model.py, trained.graph.json):
 * the one place that writes it, for {@code train --out}, the app's runs and {@code runs export} of a kept epoch.
 */
public final class ModelFiles {
    public static final String TRAINED_GRAPH = "trained.graph.json";

    private ModelFiles() {}

    /**
     * What an export needs besides the weights: the standardization the inputs went through (per feature), the
     * validation set as the network was fed it (already normalized; row-major {@code [n, in]}) and the held-out test
     * set the same way ({@code testX}/{@code testY} null when there is none).
     */
    public record ExportData(float[] mean, float[] std, float[] valX, int[] valY, float[] testX, int[] testY) {
        /** Without a test set. */
        public ExportData(float[] mean, float[] std, float[] valX, int[] valY) {
            this(mean, std, valX, valY, null, null);
        }

        /** The session's own standardization, validation split and test set. */
        public static ExportData of(TrainingSession session) {
            Dataset test = session.test();
            return new ExportData(session.standardizer().mean(), session.standardizer().std(), session.validation().x(), session.validation().y(),
                    test == null ? null : test.x(), test == null ? null : test.y());
        }
    }

    /**
     * The export of one epoch's snapshot: the app's "Export model…" (the in-memory snapshot), {@code runs export}
     * (a snapshot file read back) and the end of an app run all come through here.
     *
     * @throws IllegalArgumentException when a layer's weights are not in the snapshot (a layer too large to copy)
     */
    public static void write(Path dir, NetworkDesign design, TrainingSnapshot snapshot, ExportData data) throws IOException {
        write(dir, design, snapshot, data, null);
    }

    /** As {@link #write(Path, NetworkDesign, TrainingSnapshot, ExportData)}, with the test metrics of these weights (or null). */
    public static void write(Path dir, NetworkDesign design, TrainingSnapshot snapshot, ExportData data, RunManifest.Test test) throws IOException {
        write(dir, design, snapshot.layers(), snapshot.metrics(), data, test);
    }

    /**
     * @param layers  one per pair, with weights, bias and mask (the gradient is not exported)
     * @param metrics the epoch these weights are from (epoch 0 or null: before training, no metrics in model.json)
     */
    public static void write(Path dir, NetworkDesign design, List<LayerSnapshot> layers, EpochMetrics metrics, ExportData data) throws IOException {
        write(dir, design, layers, metrics, data, null);
    }

    /** As {@link #write(Path, NetworkDesign, List, EpochMetrics, ExportData)}, with the test metrics of these weights (or null). */
    public static void write(Path dir, NetworkDesign design, List<LayerSnapshot> layers, EpochMetrics metrics, ExportData data,
                             RunManifest.Test test) throws IOException {
        if (layers.size() != design.pairCount()) {
            throw new IllegalArgumentException("the snapshot has " + layers.size() + " layer pairs, the design " + design.pairCount());
        }
        List<Mask> masks = new ArrayList<>();
        List<LayerParameters> params = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            LayerSnapshot l = layers.get(k);
            if (l.weights() == null || l.bias() == null) {
                throw new IllegalArgumentException("layer pair " + k + " (" + l.outFeatures() + " x " + l.inFeatures()
                        + ") has no weights in this snapshot: it is too large to copy every epoch");
            }
            masks.add(l.mask());
            params.add(new LayerParameters(l.outFeatures(), l.inFeatures(), l.weights(), l.bias()));
        }
        RunManifest.Metrics m = metrics == null || metrics.epoch() == 0 ? null : RunRecorder.metrics(metrics);
        write(dir, design, GraphExtras.none(), masks, params, data, design.settings().dataset(), m, test);
    }

    /**
     * @param masks   the trained masks, one per pair (they replace the design's in the export)
     * @param metrics the epoch these weights are from; null before the first epoch
     */
    public static void write(Path dir, NetworkDesign design, GraphExtras graphExtras, List<Mask> masks, List<LayerParameters> params,
                             float[] mean, float[] std, String dataset, float[] valX, int[] valY, RunManifest.Metrics metrics) throws IOException {
        write(dir, design, graphExtras, masks, params, new ExportData(mean, std, valX, valY), dataset, metrics, null);
    }

    /**
     * The one writer of the export files: model.json's {@code metrics} gets {@code test_loss}/{@code test_accuracy}
     * when {@code test} is given, and test.npz is written when {@code data} has a test set.
     *
     * @param masks   the trained masks, one per pair (they replace the design's in the export)
     * @param metrics the epoch these weights are from; null before the first epoch
     * @param test    the test set's metrics for these weights; null when not evaluated
     */
    public static void write(Path dir, NetworkDesign design, GraphExtras graphExtras, List<Mask> masks, List<LayerParameters> params,
                             ExportData data, String dataset, RunManifest.Metrics metrics, RunManifest.Test test) throws IOException {
        NetworkDesign trained = design.copy();
        for (int k = 0; k < masks.size(); k++) trained.setMask(k, masks.get(k));
        Map<String, Object> extras = new LinkedHashMap<>();
        if (metrics != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", metrics.epoch());
            m.put("train_loss", finiteOrNull(metrics.trainLoss()));
            m.put("train_accuracy", finiteOrNull(metrics.trainAccuracy()));
            m.put("val_loss", finiteOrNull(metrics.valLoss()));
            m.put("val_accuracy", finiteOrNull(metrics.valAccuracy()));
            if (test != null) {
                m.put("test_loss", finiteOrNull(test.loss()));
                m.put("test_accuracy", finiteOrNull(test.accuracy()));
            }
            extras.put("metrics", m);
        }
        extras.put("orientation", "weights and masks are [out_features, in_features], as torch.nn.Linear.weight");
        TorchExport.export(dir, trained, params, data.mean(), data.std(), dataset, data.valX(), data.valY(), data.testX(), data.testY(), extras);
        GraphFile.write(dir.resolve(TRAINED_GRAPH), trained, graphExtras);
    }

    /** JSON null for NaN (no validation split): Jackson would otherwise write the string "NaN". */
    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
