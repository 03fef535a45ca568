package io.maskstudio.runs;

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
 * The model export of a run (model.npz, model.safetensors, model.json, val.npz, load_model.py, trained.graph.json):
 * the one place that writes it, for {@code train --out}, the app's runs and {@code runs export} of a kept epoch.
 */
public final class ModelFiles {
    public static final String TRAINED_GRAPH = "trained.graph.json";

    private ModelFiles() {}

    /**
     * What an export needs besides the weights: the standardization the inputs went through (per feature) and the
     * validation set as the network was fed it (already normalized; row-major {@code [n, in]}).
     */
    public record ExportData(float[] mean, float[] std, float[] valX, int[] valY) {
        /** The session's own standardization and validation split. */
        public static ExportData of(TrainingSession session) {
            return new ExportData(session.standardizer().mean(), session.standardizer().std(), session.validation().x(), session.validation().y());
        }
    }

    /**
     * The export of one epoch's snapshot: the app's "Export model…" (the in-memory snapshot), {@code runs export}
     * (a snapshot file read back) and the end of an app run all come through here.
     *
     * @throws IllegalArgumentException when a layer's weights are not in the snapshot (a layer too large to copy)
     */
    public static void write(Path dir, NetworkDesign design, TrainingSnapshot snapshot, ExportData data) throws IOException {
        write(dir, design, snapshot.layers(), snapshot.metrics(), data);
    }

    /**
     * @param layers  one per pair, with weights, bias and mask (the gradient is not exported)
     * @param metrics the epoch these weights are from (epoch 0 or null: before training, no metrics in model.json)
     */
    public static void write(Path dir, NetworkDesign design, List<LayerSnapshot> layers, EpochMetrics metrics, ExportData data) throws IOException {
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
        write(dir, design, GraphExtras.none(), masks, params, data.mean(), data.std(), design.settings().dataset(), data.valX(), data.valY(), m);
    }

    /**
     * @param masks   the trained masks, one per pair (they replace the design's in the export)
     * @param metrics the epoch these weights are from; null before the first epoch
     */
    public static void write(Path dir, NetworkDesign design, GraphExtras graphExtras, List<Mask> masks, List<LayerParameters> params,
                             float[] mean, float[] std, String dataset, float[] valX, int[] valY, RunManifest.Metrics metrics) throws IOException {
        NetworkDesign trained = design.copy();
        for (int k = 0; k < masks.size(); k++) trained.setMask(k, masks.get(k));
        Map<String, Object> extras = new LinkedHashMap<>();
        if (metrics != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", metrics.epoch());
            m.put("train_loss", metrics.trainLoss());
            m.put("train_accuracy", metrics.trainAccuracy());
            m.put("val_loss", metrics.valLoss());
            m.put("val_accuracy", metrics.valAccuracy());
            extras.put("metrics", m);
        }
        extras.put("orientation", "weights and masks are [out_features, in_features], as torch.nn.Linear.weight");
        TorchExport.export(dir, trained, params, mean, std, dataset, valX, valY, extras);
        GraphFile.write(dir.resolve(TRAINED_GRAPH), trained, graphExtras);
    }
}
