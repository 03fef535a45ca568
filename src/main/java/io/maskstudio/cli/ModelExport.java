package io.maskstudio.cli;

import io.maskstudio.data.Standardizer;
import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.io.AtomicFiles;
import io.maskstudio.io.GraphExtras;
import io.maskstudio.io.GraphFile;
import io.maskstudio.io.TorchExport;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a run's results: the PyTorch bundle (TorchExport) plus the design with its final masks and the graph file's kept fields. */
final class ModelExport {
    static final String TRAINED_GRAPH = "trained.graph.json";

    private ModelExport() {}

    static void write(Path dir, NetworkDesign design, GraphExtras graphExtras, TrainingSession session, Standardizer norm, TrainingSettings settings) {
        NetworkDesign trained = design.copy();
        var masks = session.network().masks();
        for (int k = 0; k < masks.size(); k++) trained.setMask(k, masks.get(k));
        Map<String, Object> extras = new LinkedHashMap<>();
        EpochMetrics last = session.lastMetrics();
        if (last != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", last.epoch());
            m.put("train_loss", last.trainLoss());
            m.put("train_accuracy", last.trainAccuracy());
            m.put("val_loss", last.valLoss());
            m.put("val_accuracy", last.valAccuracy());
            extras.put("metrics", m);
        }
        extras.put("orientation", "weights and masks are [out_features, in_features], as torch.nn.Linear.weight");
        try {
            TorchExport.export(dir, trained, session.network().parameters(), norm.mean(), norm.std(), settings.dataset(),
                    session.validation().x(), session.validation().y(), extras);
            GraphFile.write(dir.resolve(TRAINED_GRAPH), trained, graphExtras);
        } catch (IOException e) {
            throw new CliException(dir + ": cannot write the trained model: " + e.getMessage(), e);
        }
    }

    static void writeText(Path file, String text) {
        try {
            AtomicFiles.writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
