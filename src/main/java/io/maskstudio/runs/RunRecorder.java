package io.maskstudio.runs;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.MaskFiles;
import io.maskstudio.io.Npz;
import io.maskstudio.io.NpyArray;
import io.maskstudio.io.RunManifest;
import io.maskstudio.io.RunManifestJson;
import io.maskstudio.io.StateDictKeys;
import io.maskstudio.io.TorchExport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one run folder as training goes (layout: {@link RunLayout}, README.md "Run folders"): run.json at the
 * start, at most once a second after that and at the end; one line per epoch in metrics.csv and layers.csv; the
 * thinned batch log; events; snapshots within a byte budget. A run killed at any moment reopens up to its last
 * complete epoch.
 *
 * <p>Recording must never stop training: after the first write error (a full disk, a folder made read-only) the
 * recorder stops writing and {@link #problem()} says why; the caller shows that and trains on. Call from the one
 * thread that trains.
 */
public final class RunRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);
    /** Snapshot writing may take at most this share of the run's time; beyond it, fewer epochs are kept. */
    static final double MAX_SNAPSHOT_TIME_SHARE = 0.05;
    static final long TIME_SHARE_AFTER_NANOS = 10_000_000_000L;

    private final Path dir;
    private final Clock clock;
    private final SnapshotThinning snapshots;
    private final StepThinning steps = new StepThinning(RunLayout.MAX_STEP_ROWS);
    private final CsvLog metricsCsv, stepsCsv, eventsCsv, layersCsv;
    private final long startNanos = System.nanoTime();
    private final List<float[]> previousWeights = new ArrayList<>();
    private RunManifest manifest;
    private String problem;
    private long snapshotNanos;
    private long lastManifestNanos;
    private int lastEpoch;

    private RunRecorder(Path dir, RunManifest manifest, long snapshotBudgetBytes, Clock clock) throws IOException {
        this.dir = dir;
        this.manifest = manifest;
        this.clock = clock;
        this.snapshots = new SnapshotThinning(snapshotBudgetBytes);
        Files.createDirectories(dir.resolve(RunLayout.SNAPSHOTS));
        RunManifestJson.write(dir.resolve(RunLayout.RUN_JSON), manifest);
        metricsCsv = new CsvLog(dir.resolve(RunLayout.METRICS_CSV), RunLayout.METRICS_HEADER);
        stepsCsv = new CsvLog(dir.resolve(RunLayout.STEPS_CSV), RunLayout.STEPS_HEADER);
        eventsCsv = new CsvLog(dir.resolve(RunLayout.EVENTS_CSV), RunLayout.EVENTS_HEADER);
        layersCsv = new CsvLog(dir.resolve(RunLayout.LAYERS_CSV), RunLayout.LAYERS_HEADER);
        lastManifestNanos = System.nanoTime();
    }

    /**
     * Starts recording into {@code dir} (created if needed): writes run.json with status {@code running}, the
     * standardization and the validation set, and empty CSVs with their headers.
     *
     * @throws IOException when the folder cannot be written at all (the caller decides whether to train anyway)
     */
    public static RunRecorder start(Path dir, RunManifest initial, float[] mean, float[] std, float[] valX, int[] valY,
                                    long snapshotBudgetBytes) throws IOException {
        return start(dir, initial, mean, std, valX, valY, snapshotBudgetBytes, Clock.systemUTC());
    }

    static RunRecorder start(Path dir, RunManifest initial, float[] mean, float[] std, float[] valX, int[] valY,
                             long snapshotBudgetBytes, Clock clock) throws IOException {
        RunRecorder r = new RunRecorder(dir, initial, snapshotBudgetBytes, clock);
        Map<String, NpyArray> norm = new LinkedHashMap<>();
        norm.put("mean", NpyArray.ofFloats(mean.clone(), mean.length));
        norm.put("std", NpyArray.ofFloats(std.clone(), std.length));
        Npz.write(dir.resolve(RunLayout.NORMALIZATION_NPZ), norm, false);
        long[] labels = new long[valY.length];
        for (int k = 0; k < valY.length; k++) labels[k] = valY[k];
        Map<String, NpyArray> val = new LinkedHashMap<>();
        val.put("x", NpyArray.ofFloats(valX.clone(), valY.length, mean.length));
        val.put("y", NpyArray.ofLongs(labels, valY.length));
        Npz.write(dir.resolve(TorchExport.VAL_NPZ), val, false);
        return r;
    }

    /**
     * The layers of a run as run.json describes them: a pair whose snapshot arrays alone would take more than a
     * quarter of the budget is left out of the snapshots (so that at least four epochs fit), and says so.
     */
    public static List<RunManifest.Layer> describeLayers(List<int[]> shapes, List<String> kernels, String backend, long budgetBytes) {
        List<RunManifest.Layer> out = new ArrayList<>();
        for (int k = 0; k < shapes.size(); k++) {
            int o = shapes.get(k)[0], i = shapes.get(k)[1];
            long bytes = snapshotBytes(o, i);
            boolean fits = bytes <= budgetBytes / 4;
            String note = fits ? null : String.format(Locale.ROOT, "left out of the snapshots: %.1f MB per epoch, budget %.1f MB",
                    bytes / 1e6, budgetBytes / 1e6);
            out.add(new RunManifest.Layer(k, i, o, kernels.get(k), backend, fits, note));
        }
        return out;
    }

    /** weight and grad as float32, the mask as bool, the bias as float32. */
    static long snapshotBytes(int out, int in) {
        long cells = (long) out * in;
        return 9 * cells + 4L * out;
    }

    /** Why the run is no longer being saved, if it is not. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public Path directory() {
        return dir;
    }

    /** One training batch; {@code step} counts batches from 1 over the whole run. */
    public void batch(int epoch, long step, double loss, double accuracy) {
        if (problem != null) return;
        String row = epoch + "," + step + "," + LayerStats.num(loss) + "," + LayerStats.num(accuracy);
        if (!steps.offer(step, row)) return;
        guard(() -> {
            if (steps.takeThinned()) stepsCsv.rewrite(steps.rows());
            else stepsCsv.append(row + "\n");
        });
    }

    public void event(int epoch, long step, RunEvent kind, String detail) {
        if (problem != null) return;
        guard(() -> eventsCsv.append(epoch + "," + step + "," + kind.id() + "," + csvText(detail) + "\n"));
    }

    /** The end of an epoch: its metrics row, one layers.csv row per pair, maybe a snapshot, maybe run.json. */
    public void epoch(EpochMetrics m, TrainingSnapshot snap) {
        if (problem != null) return;
        lastEpoch = m.epoch();
        updateMetrics(m);
        guard(() -> {
            metricsCsv.append(metricsRow(m) + "\n");
            StringBuilder rows = new StringBuilder();
            for (int k = 0; k < snap.layers().size(); k++) {
                LayerSnapshot l = snap.layers().get(k);
                float[] prev = k < previousWeights.size() ? previousWeights.get(k) : null;
                rows.append(LayerStats.of(m.epoch(), k, l, prev).csvRow()).append('\n');
            }
            layersCsv.append(rows);
            previousWeights.clear();
            for (LayerSnapshot l : snap.layers()) previousWeights.add(l.weights() == null ? null : l.weights().clone());
            if (snapshots.wants(m.epoch())) writeSnapshot(m.epoch(), snap);
            if (System.nanoTime() - lastManifestNanos > 1_000_000_000L) writeManifest();
        });
    }

    /**
     * Ends the run: the final state's snapshot if the thinning skipped it, and run.json with the status.
     * {@code last} is the state the run ends in (the last good epoch for a diverged one); may be null.
     */
    public void finish(String status, String message, TrainingSnapshot last) {
        manifest = manifest.withStatus(status, clock.instant(), message);
        if (problem != null) return;
        guard(() -> {
            if (last != null && last.epoch() > 0 && !snapshots.isKept(last.epoch())) writeSnapshot(last.epoch(), last);
            writeManifest();
        });
    }

    /** The manifest as last written or about to be: status, metrics so far. */
    public RunManifest manifest() {
        return manifest;
    }

    /** Epochs whose snapshot is on disk now. */
    public List<Integer> keptSnapshots() {
        return snapshots.keptEpochs();
    }

    @Override
    public void close() {
        for (CsvLog c : List.of(metricsCsv, stepsCsv, eventsCsv, layersCsv)) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("closing a run CSV", e);
            }
        }
    }

    private void updateMetrics(EpochMetrics m) {
        RunManifest.Metrics now = new RunManifest.Metrics(m.epoch(), m.trainLoss(), m.trainAccuracy(), m.valLoss(), m.valAccuracy());
        RunManifest.Metrics best = manifest.best();
        if (best == null || better(now, best)) best = now;
        manifest = manifest.withMetrics(now, best);
    }

    /** Higher validation accuracy wins (lower validation loss on ties); without validation, training accuracy. */
    private static boolean better(RunManifest.Metrics a, RunManifest.Metrics b) {
        double aa = Double.isNaN(a.valAccuracy()) ? a.trainAccuracy() : a.valAccuracy();
        double bb = Double.isNaN(b.valAccuracy()) ? b.trainAccuracy() : b.valAccuracy();
        if (aa != bb) return aa > bb;
        return a.valLoss() < b.valLoss();
    }

    private void writeSnapshot(int epoch, TrainingSnapshot snap) throws IOException {
        long t0 = System.nanoTime();
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (int k = 0; k < snap.layers().size(); k++) {
            LayerSnapshot l = snap.layers().get(k);
            if (!manifest.layers().get(k).inSnapshots() || l.weights() == null) continue;
            int o = l.outFeatures(), i = l.inFeatures();
            arrays.put(StateDictKeys.weight(k), NpyArray.ofFloats(l.weights().clone(), o, i));
            arrays.put(StateDictKeys.bias(k), NpyArray.ofFloats(l.bias().clone(), o));
            arrays.put(StateDictKeys.weightMask(k), MaskFiles.toArray(l.mask()));
            if (l.gradient() != null) arrays.put(StateDictKeys.grad(k), NpyArray.ofFloats(l.gradient().clone(), o, i));
        }
        if (arrays.isEmpty()) return;
        Path file = RunLayout.snapshot(dir, epoch);
        Npz.write(file, arrays, false);
        for (int e : snapshots.written(epoch, Files.size(file))) Files.deleteIfExists(RunLayout.snapshot(dir, e));
        snapshotNanos += System.nanoTime() - t0;
        long elapsed = System.nanoTime() - startNanos;
        // A run of a few seconds is not slowed noticeably whatever it writes; past that, writing stays a small share.
        if (elapsed > TIME_SHARE_AFTER_NANOS && (double) snapshotNanos / elapsed > MAX_SNAPSHOT_TIME_SHARE && snapshots.keptEpochs().size() > 2) {
            for (int e : snapshots.coarsen(epoch)) Files.deleteIfExists(RunLayout.snapshot(dir, e));
            snapshotNanos /= 2; // the next writes are half as frequent: measure them afresh
        }
    }

    private void writeManifest() throws IOException {
        RunManifestJson.write(dir.resolve(RunLayout.RUN_JSON), manifest);
        lastManifestNanos = System.nanoTime();
    }

    private interface Write {
        void run() throws IOException;
    }

    private void guard(Write w) {
        try {
            w.run();
        } catch (IOException | RuntimeException e) {
            problem = dir + ": the run is no longer being saved (epoch " + lastEpoch + "): " + e.getMessage();
            LOG.warn(problem, e);
            close();
        }
    }

    /** Six decimals, like load_model.py's {@code val_accuracy=%.6f}, so the two can be compared as text. */
    public static String metricsRow(EpochMetrics m) {
        return String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.3f",
                m.epoch(), m.trainLoss(), m.trainAccuracy(), m.valLoss(), m.valAccuracy(), m.seconds());
    }

    /** RFC 4180 quoting where needed, so a detail with commas or quotes stays one field. */
    static String csvText(String s) {
        if (s == null) return "";
        String oneLine = s.replace('\n', ' ').replace('\r', ' ');
        if (oneLine.indexOf(',') < 0 && oneLine.indexOf('"') < 0) return oneLine;
        return '"' + oneLine.replace("\"", "\"\"") + '"';
    }
}
