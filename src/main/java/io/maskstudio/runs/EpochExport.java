package io.maskstudio.runs;

import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.io.FormatException;
import io.maskstudio.io.NpyArray;
import io.maskstudio.io.Npz;
import io.maskstudio.io.StateDictKeys;
import io.maskstudio.io.TorchExport;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The model export files ({@link ModelFiles}) of any epoch a run kept a snapshot of: {@code runs export}. */
public final class EpochExport {
    private EpochExport() {}

    /**
     * @throws IllegalArgumentException when the epoch has no snapshot or a layer was left out of the snapshots;
     *                                  the message names the run folder and what is available
     */
    public static void write(RunFolder run, int epoch, Path out) throws IOException, FormatException {
        if (run.design() == null) throw new IllegalArgumentException(run.dir() + ": no design to export (" + String.join("; ", run.problems()) + ")");
        if (!run.snapshotEpochs().contains(epoch)) {
            throw new IllegalArgumentException(run.dir() + ": no snapshot of epoch " + epoch + "; kept epochs: "
                    + (run.snapshotEpochs().isEmpty() ? "none" : run.snapshotEpochs().stream().map(String::valueOf).collect(Collectors.joining(", "))));
        }
        NetworkDesign design = run.design();
        Path snap = RunLayout.snapshot(run.dir(), epoch);
        List<LayerSnapshot> layers = new ArrayList<>();
        Map<String, NpyArray> arrays;
        try (Npz npz = Npz.open(snap)) {
            arrays = npz.readAll();
        }
        for (int k = 0; k < design.pairCount(); k++) {
            NpyArray w = arrays.get(StateDictKeys.weight(k));
            if (w == null) {
                throw new IllegalArgumentException(snap + ": no " + StateDictKeys.weight(k) + " (pair " + k
                        + " was left out of the snapshots; see run.json layers[" + k + "].snapshotNote)");
            }
            int o = design.mask(k).rows(), i = design.mask(k).cols();
            if (w.ndim() != 2 || w.dim(0) != o || w.dim(1) != i) {
                throw new FormatException(snap.toString(), StateDictKeys.weight(k), "shape [" + o + ", " + i + "]", NpyArray.shapeString(w.shape()));
            }
            NpyArray b = require(arrays, snap, StateDictKeys.bias(k));
            NpyArray m = require(arrays, snap, StateDictKeys.weightMask(k));
            layers.add(new LayerSnapshot(o, i, w.toFloats(), b.toFloats(), null, Mask.fromBooleans(o, i, m.toBooleans())));
        }
        Path normFile = run.dir().resolve(RunLayout.NORMALIZATION_NPZ);
        Map<String, NpyArray> norm;
        try (Npz npz = Npz.open(normFile)) {
            norm = npz.readAll();
        }
        Labelled val = labelled(run.dir().resolve(TorchExport.VAL_NPZ));
        // The run's test set goes along (load_model.py evaluates the epoch on it); its metrics were only taken at the end
        Path testFile = run.dir().resolve(TorchExport.TEST_NPZ);
        Labelled test = Files.exists(testFile) ? labelled(testFile) : new Labelled(null, null);
        ModelFiles.ExportData data = new ModelFiles.ExportData(require(norm, normFile, "mean").toFloats(), require(norm, normFile, "std").toFloats(),
                val.x(), val.y(), test.x(), test.y());
        Files.createDirectories(out);
        ModelFiles.write(out, design, layers, run.metricsOf(epoch), data);
    }

    private record Labelled(float[] x, int[] y) {}

    /** A set saved as val.npz is: x float32 [n, in], y int64 [n]. */
    private static Labelled labelled(Path file) throws IOException, FormatException {
        Map<String, NpyArray> arrays;
        try (Npz npz = Npz.open(file)) {
            arrays = npz.readAll();
        }
        long[] labels = require(arrays, file, "y").toLongs();
        int[] y = new int[labels.length];
        for (int k = 0; k < y.length; k++) {
            if (labels[k] < 0 || labels[k] > Integer.MAX_VALUE) {
                throw new FormatException(file.toString(), "y", "class indices from 0", Long.toString(labels[k]));
            }
            y[k] = (int) labels[k];
        }
        return new Labelled(require(arrays, file, "x").toFloats(), y);
    }

    private static NpyArray require(Map<String, NpyArray> arrays, Path file, String key) throws FormatException {
        NpyArray a = arrays.get(key);
        if (a == null) throw new FormatException(file.toString(), key, "an array named " + key, "no such array (has " + arrays.keySet() + ")");
        return a;
    }
}
