package io.maskstudio.runs;

import io.maskstudio.io.GraphExtras;
import io.maskstudio.io.GraphFile;
import io.maskstudio.io.RunManifest;
import io.maskstudio.io.TorchExport;
import io.maskstudio.model.LayerParameters;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;

import java.io.IOException;
import java.nio.file.Path;
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
