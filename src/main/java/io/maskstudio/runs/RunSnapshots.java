package io.maskstudio.runs;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.FormatException;
import io.maskstudio.io.NpyArray;
import io.maskstudio.io.Npz;
import io.maskstudio.io.StateDictKeys;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run folder's kept snapshots read back as the {@link TrainingSnapshot}s the Training tab's scrubber and heatmaps
 * show. At most {@code maxBytes} of arrays are held: past that, epochs are taken evenly (first and last always), and
 * the result says how many were left out. A snapshot file that is missing its arrays or cannot be read is skipped
 * with a problem naming it; a pair left out of the snapshots (too large for the budget) shows the design's mask
 * without weights.
 *
 * @param snapshots   in epoch order
 * @param kept        snapshot files in the folder
 * @param problems    one line per skipped file
 */
public record RunSnapshots(List<TrainingSnapshot> snapshots, int kept, List<String> problems) {
    /** What the app holds of one opened run by default. */
    public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;

    public static RunSnapshots read(RunFolder run, long maxBytes) {
        List<String> problems = new ArrayList<>();
        NetworkDesign design = run.design();
        List<Integer> epochs = run.snapshotEpochs();
        if (design == null || epochs.isEmpty()) return new RunSnapshots(List.of(), epochs.size(), List.of());
        long total = 0;
        for (int e : epochs) total += sizeOf(RunLayout.snapshot(run.dir(), e));
        List<Integer> chosen = evenly(epochs, total <= maxBytes ? epochs.size() : (int) Math.max(2, epochs.size() * (double) maxBytes / total));
        List<TrainingSnapshot> out = new ArrayList<>();
        for (int e : chosen) {
            Path file = RunLayout.snapshot(run.dir(), e);
            try {
                out.add(read(file, design, metricsOf(run, e)));
            } catch (IOException | FormatException | RuntimeException ex) {
                problems.add(file + ": skipped: " + ex.getMessage());
            }
        }
        return new RunSnapshots(List.copyOf(out), epochs.size(), List.copyOf(problems));
    }

    /** How many kept snapshots are not shown (memory cap or unreadable). */
    public int leftOut() {
        return kept - snapshots.size();
    }

    static TrainingSnapshot read(Path file, NetworkDesign design, EpochMetrics metrics) throws IOException, FormatException {
        List<LayerSnapshot> layers = new ArrayList<>();
        try (Npz npz = Npz.open(file)) {
            for (int k = 0; k < design.pairCount(); k++) {
                int o = design.mask(k).rows(), i = design.mask(k).cols();
                float[] w = floats(npz, file, StateDictKeys.weight(k), o, i);
                float[] b = floats(npz, file, StateDictKeys.bias(k), o, -1);
                float[] g = floats(npz, file, StateDictKeys.grad(k), o, i);
                Mask mask = design.mask(k).copy();
                if (npz.contains(StateDictKeys.weightMask(k))) {
                    NpyArray m = npz.get(StateDictKeys.weightMask(k));
                    checkShape(m, file, StateDictKeys.weightMask(k), o, i);
                    mask = Mask.fromBooleans(o, i, m.toBooleans());
                }
                layers.add(new LayerSnapshot(o, i, w, b, g, mask));
            }
        }
        return new TrainingSnapshot(metrics, layers);
    }

    /** The array under {@code key} with shape (o, i), or (o) when {@code i < 0}; null when the file has none. */
    private static float[] floats(Npz npz, Path file, String key, int o, int i) throws IOException, FormatException {
        if (!npz.contains(key)) return null;
        NpyArray a = npz.get(key);
        checkShape(a, file, key, o, i);
        return a.toFloats();
    }

    private static void checkShape(NpyArray a, Path file, String key, int o, int i) throws FormatException {
        boolean ok = i < 0 ? a.ndim() == 1 && a.dim(0) == o : a.ndim() == 2 && a.dim(0) == o && a.dim(1) == i;
        if (!ok) throw new FormatException(file.toString(), key, i < 0 ? "shape [" + o + "]" : "shape [" + o + ", " + i + "]", NpyArray.shapeString(a.shape()));
    }

    /** The run's metrics of that epoch; NaNs when metrics.csv lacks the row (cut short). */
    private static EpochMetrics metricsOf(RunFolder run, int epoch) {
        EpochMetrics m = run.metricsOf(epoch);
        return m != null ? m : new EpochMetrics(epoch, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** {@code n} of {@code all}, evenly spread, first and last included. */
    static List<Integer> evenly(List<Integer> all, int n) {
        if (n >= all.size()) return all;
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int idx = (int) Math.round(k * (all.size() - 1) / (double) (n - 1));
            if (out.isEmpty() || !out.get(out.size() - 1).equals(all.get(idx))) out.add(all.get(idx));
        }
        return out;
    }
}
