package io.maskstudio.runs;

import io.maskstudio.data.Standardizer;
import io.maskstudio.engine.BlasInfo;
import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.TestMetrics;
import io.maskstudio.engine.TrainingEvent;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.MaskFiles;
import io.maskstudio.io.NpyArray;
import io.maskstudio.io.Npz;
import io.maskstudio.io.RunManifest;
import io.maskstudio.io.RunManifestJson;
import io.maskstudio.io.StateDictKeys;
import io.maskstudio.io.TorchExport;
import io.maskstudio.model.NetworkDesign;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes one run folder as training goes (layout: {@link RunLayout}, README.md "Run folders"): run.json at the
 * start, at most once a second after that and at the end; one line per epoch in metrics.csv and layers.csv; the
 * thinned batch log; events; snapshots within a byte budget. A run killed at any moment reopens up to its last
 * complete epoch.
 *
 * <p>Recording must never stop or slow training: every write after the first run.json happens on the recorder's own
 * writer thread, in order, so a slow disk (fsync under load) costs the trainer nothing; when more than
 * {@link #MAX_PENDING_SNAPSHOT_BYTES} of snapshots wait for the disk, the kept epochs become sparser (evenly)
 * instead of queueing more. After the first write
 * error (a full disk, a folder made read-only) the recorder stops writing and {@link #problem()} says why; the
 * caller shows that and trains on. Call the public methods from the one thread that trains.
 */
public final class RunRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);
    /** Snapshot writing may take at most this share of the run's time; beyond it, fewer epochs are kept. */
    static final double MAX_SNAPSHOT_TIME_SHARE = 0.05;
    static final long TIME_SHARE_AFTER_NANOS = 10_000_000_000L;
    /** At most this much snapshot data waits for the disk; beyond it, fewer epochs are kept. */
    static final long MAX_PENDING_SNAPSHOT_BYTES = 64L * 1024 * 1024;

    private final Path dir;
    private final Clock clock;
    private final SnapshotThinning snapshots;
    private final StepThinning<String> steps = new StepThinning<>(RunLayout.MAX_STEP_ROWS);
    private final CsvLog metricsCsv, stepsCsv, eventsCsv, layersCsv;
    private final long startNanos = System.nanoTime();
    private final List<float[]> previousWeights = new ArrayList<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "maskstudio-run-writer");
        t.setDaemon(true);
        return t;
    });
    /** Bytes of snapshots handed to the writer and not yet on disk: bounded, so a slow disk cannot fill the heap. */
    private final AtomicLong pendingSnapshotBytes = new AtomicLong();
    private volatile RunManifest manifest;
    private volatile String problem;
    private long snapshotNanos;
    private long lastManifestNanos;
    private volatile int lastEpoch;

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
        TorchExport.writeValidation(dir, valX, valY, mean.length);
        return r;
    }

    /**
     * Starts recording {@code session}'s run into {@code dir}: run.json describes {@code design} (the graph as training
     * starts), the kernels and backend the session's layers run on, and {@code dataset}. The session must know its
     * standardizer (SessionLoader sets it).
     */
    public static RunRecorder forSession(Path dir, TrainingSession session, NetworkDesign design, RunManifest.Dataset dataset,
                                         String method, String methodDetail, long snapshotBudgetBytes) throws IOException {
        List<int[]> shapes = new ArrayList<>();
        List<String> kernels = new ArrayList<>();
        for (int k = 0; k < session.network().layerCount(); k++) {
            shapes.add(new int[]{session.network().layer(k).outFeatures(), session.network().layer(k).inFeatures()});
            kernels.add(session.network().layer(k).kernelType().id());
        }
        String version = RunRecorder.class.getPackage().getImplementationVersion();
        RunManifest initial = new RunManifest(RunManifest.FORMAT_VERSION, version == null ? "development build" : version, Instant.now(), null,
                RunManifest.RUNNING, design.copy(), method, methodDetail, dataset,
                describeLayers(shapes, kernels, BlasInfo.backend(), snapshotBudgetBytes), null, null, "");
        Standardizer norm = session.standardizer();
        if (norm == null) throw new IllegalStateException("the session does not say how its inputs were standardized");
        return start(dir, initial, norm.mean(), norm.std(), session.validation().x(), session.validation().y(), snapshotBudgetBytes);
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

    private long snapshotSize(TrainingSnapshot snap) {
        long bytes = 0;
        for (int k = 0; k < snap.layers().size(); k++) {
            LayerSnapshot l = snap.layers().get(k);
            if (manifest.layers().get(k).inSnapshots() && l.weights() != null) bytes += snapshotBytes(l.outFeatures(), l.inFeatures());
        }
        return bytes;
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
        if (steps.takeThinned()) {
            List<String> rows = List.copyOf(steps.rows());
            later(() -> stepsCsv.rewrite(rows));
        } else {
            later(() -> stepsCsv.append(row + "\n"));
        }
    }

    public void event(int epoch, long step, TrainingEvent kind, String detail) {
        if (problem != null) return;
        String row = epoch + "," + step + "," + kind.id() + "," + csvText(detail) + "\n";
        later(() -> eventsCsv.append(row));
    }

    /** The end of an epoch: its metrics row, one layers.csv row per pair, maybe a snapshot, maybe run.json. */
    public void epoch(EpochMetrics m, TrainingSnapshot snap) {
        if (problem != null) return;
        lastEpoch = m.epoch();
        updateMetrics(m);
        boolean snapshot = snapshots.wants(m.epoch());
        long size = snapshot ? snapshotSize(snap) : 0;
        if (snapshot && pendingSnapshotBytes.get() + size > MAX_PENDING_SNAPSHOT_BYTES) {
            // The disk is behind: keep fewer epochs (still evenly spaced) rather than queue more copies.
            snapshot = false;
            List<Integer> drop = new ArrayList<>();
            while (snapshots.wants(m.epoch())) drop.addAll(snapshots.coarsen(-1));
            later(() -> delete(drop));
        }
        if (snapshot) pendingSnapshotBytes.addAndGet(size);
        boolean writeSnapshot = snapshot;
        later(() -> {
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
            if (writeSnapshot) {
                try {
                    writeSnapshot(m.epoch(), snap, false);
                } finally {
                    pendingSnapshotBytes.addAndGet(-size);
                }
            }
            if (System.nanoTime() - lastManifestNanos > 1_000_000_000L) writeManifest();
        });
    }

    /**
     * Ends the run: the final state's snapshot if the thinning skipped it, and run.json with the status.
     * {@code last} is the state the run ends in (the last good epoch for a diverged one); may be null.
     */
    public void finish(String status, String message, TrainingSnapshot last) {
        finish(status, message, last, null);
    }

    /** As {@link #finish(String, String, TrainingSnapshot)}; run.json also gets {@code test}, the test set's metrics of {@code last} (or null). */
    public void finish(String status, String message, TrainingSnapshot last, TestMetrics test) {
        Instant ended = clock.instant();
        // The status changes on the writer thread, after what is queued: an epoch's run.json write still queued must
        // not announce the end before the final snapshot is on disk (a reader would see "stopped" without it).
        later(() -> {
            if (last != null && last.epoch() > 0 && !snapshots.isKept(last.epoch())) writeSnapshot(last.epoch(), last, true);
            manifest = manifest.withStatus(status, ended, message);
            if (test != null) manifest = manifest.withTest(test(test));
            writeManifest();
        });
        drain();
    }

    /** Waits until everything handed to the writer so far is on disk (or has failed). */
    private void drain() {
        try {
            writer.submit(() -> { }).get(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("waiting for the run writer", e);
        }
    }

    /** The manifest as last written or about to be: status, metrics so far. */
    public RunManifest manifest() {
        return manifest;
    }

    /** Epochs whose snapshot is on disk now. */
    public List<Integer> keptSnapshots() {
        return snapshots.keptEpochs();
    }

    /** Finishes the writes handed over so far, then closes the files. */
    @Override
    public void close() {
        if (!writer.isShutdown()) {
            drain();
            writer.shutdown();
        }
        closeFiles();
    }

    private void closeFiles() {
        for (CsvLog c : List.of(metricsCsv, stepsCsv, eventsCsv, layersCsv)) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("closing a run CSV", e);
            }
        }
    }

    private void updateMetrics(EpochMetrics m) {
        RunManifest.Metrics now = metrics(m);
        RunManifest.Metrics best = manifest.best();
        if (best == null || better(now, best)) best = now;
        manifest = manifest.withMetrics(now, best);
    }

    /** run.json's form of an epoch's metrics row. */
    public static RunManifest.Metrics metrics(EpochMetrics m) {
        return new RunManifest.Metrics(m.epoch(), m.trainLoss(), m.trainAccuracy(), m.valLoss(), m.valAccuracy());
    }

    /** run.json's form of the test set's metrics. */
    public static RunManifest.Test test(TestMetrics t) {
        return new RunManifest.Test(t.epoch(), t.rows(), t.loss(), t.accuracy());
    }

    /**
     * The one rule for a run's best epoch (run.json's {@code best}, {@code runs list}): higher validation accuracy
     * wins (lower validation loss on ties); without validation, training accuracy.
     */
    static boolean better(RunManifest.Metrics a, RunManifest.Metrics b) {
        double aa = Double.isNaN(a.valAccuracy()) ? a.trainAccuracy() : a.valAccuracy();
        double bb = Double.isNaN(b.valAccuracy()) ? b.trainAccuracy() : b.valAccuracy();
        if (aa != bb) return aa > bb;
        return a.valLoss() < b.valLoss();
    }

    private void writeSnapshot(int epoch, TrainingSnapshot snap, boolean finalEpoch) throws IOException {
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
        delete(snapshots.written(epoch, Files.size(file), finalEpoch));
        snapshotNanos += System.nanoTime() - t0;
        long elapsed = System.nanoTime() - startNanos;
        // A run of a few seconds is not slowed noticeably whatever it writes; past that, writing stays a small share.
        if (elapsed > TIME_SHARE_AFTER_NANOS && (double) snapshotNanos / elapsed > MAX_SNAPSHOT_TIME_SHARE && snapshots.keptEpochs().size() > 2) {
            delete(snapshots.coarsen(epoch));
            snapshotNanos /= 2; // the next writes are half as frequent: measure them afresh
        }
    }

    private void delete(List<Integer> epochs) throws IOException {
        for (int e : epochs) Files.deleteIfExists(RunLayout.snapshot(dir, e));
    }

    private void writeManifest() throws IOException {
        RunManifestJson.write(dir.resolve(RunLayout.RUN_JSON), manifest);
        lastManifestNanos = System.nanoTime();
    }

    private interface Write {
        void run() throws IOException;
    }

    /** Hands {@code w} to the writer thread; the first failure stops all later writes. */
    private void later(Write w) {
        if (problem != null || writer.isShutdown()) return;
        writer.execute(() -> {
            if (problem != null) return;
            try {
                w.run();
            } catch (IOException | RuntimeException e) {
                problem = dir + ": the run is no longer being saved (epoch " + lastEpoch + "): " + e.getMessage();
                LOG.warn(problem, e);
                closeFiles();
            }
        });
    }

    /** Six decimals, like load_model.py's {@code val_accuracy=%.6f}, so the two can be compared as text. */
    public static String metricsRow(EpochMetrics m) {
        return String.format(Locale.ROOT, "%d,%.6f,%.6f,%s,%s,%.3f",
                m.epoch(), m.trainLoss(), m.trainAccuracy(), sixDecimals(m.valLoss()), sixDecimals(m.valAccuracy()), m.seconds());
    }

    /** Empty for NaN (no validation split), as layers.csv does: pandas and NumPy read an empty field as NaN. */
    private static String sixDecimals(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    /** RFC 4180 quoting where needed, so a detail with commas or quotes stays one field. */
    static String csvText(String s) {
        if (s == null) return "";
        String oneLine = s.replace('\n', ' ').replace('\r', ' ');
        if (oneLine.indexOf(',') < 0 && oneLine.indexOf('"') < 0) return oneLine;
        return '"' + oneLine.replace("\"", "\"\"") + '"';
    }
}
