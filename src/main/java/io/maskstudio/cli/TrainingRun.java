package io.maskstudio.cli;

import io.maskstudio.data.Dataset;
import io.maskstudio.data.Datasets;
import io.maskstudio.data.Standardizer;
import io.maskstudio.engine.DivergedException;
import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.engine.SessionLoader;
import io.maskstudio.engine.TestMetrics;
import io.maskstudio.engine.TrainingEvent;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.io.GraphExtras;
import io.maskstudio.io.RunManifest;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.PruneSchedule;
import io.maskstudio.model.TrainingSettings;
import io.maskstudio.runs.ModelFiles;
import io.maskstudio.runs.RunRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One headless training run: split and normalize the data, train epoch by epoch (pruning where the settings'
 * {@link PruneSchedule} says), record the run folder as it goes (run.json, metrics.csv, steps/events/layers.csv, snapshots), and export
 * the model at the end, or the last good epoch when training diverges.
 */
final class TrainingRun {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private final NetworkDesign design;
    private final GraphExtras extras;
    private final Datasets.DataWithTest data;
    private final RunManifest.Dataset dataOrigin;
    private final Path out;
    private final long snapshotBudgetBytes;
    private final TrainingProgress progress;
    private final PrintWriter messages;
    /** Where results go (stdout): the test_accuracy line. */
    private final PrintWriter results;

    TrainingRun(NetworkDesign design, GraphExtras extras, Datasets.DataWithTest data, RunManifest.Dataset dataOrigin, Path out, long snapshotBudgetBytes,
                TrainingProgress progress, PrintWriter messages, PrintWriter results) {
        this.design = design;
        this.extras = extras;
        this.data = data;
        this.dataOrigin = dataOrigin;
        this.out = out;
        this.snapshotBudgetBytes = snapshotBudgetBytes;
        this.progress = progress;
        this.messages = messages;
        this.results = results;
    }

    int execute() {
        TrainingSettings s = design.settings();
        PruneSchedule schedule = s.pruneSchedule();
        SessionLoader.PreparedData prepared = SessionLoader.PreparedData.of(data, s);
        Standardizer norm = prepared.standardizer();
        TrainingSession session;
        try {
            session = prepared.session(design);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        int exit = MaskStudioCommand.OK;
        String divergence = null;
        TestMetrics test;
        List<EpochMetrics> rows = new ArrayList<>();
        try (RunRecorder run = startRecording(session, norm); progress) {
            progress.begin(s.epochs(), session.stepsPerEpoch());
            long step = 0;
            try {
                for (int e = 1; e <= s.epochs(); e++) {
                    EpochMetrics m;
                    do {
                        m = session.step();
                        step++;
                        MaskedNetwork.BatchResult b = session.lastBatch();
                        run.batch(e, step, b.loss(), (double) b.correct() / b.count());
                        String update = session.takeMaskUpdate();
                        if (update != null) run.event(e, step, TrainingEvent.MASK_UPDATE, update);
                        progress.step();
                    } while (m == null);
                    String note = "";
                    String pruned = session.pruneAfterEpoch(schedule, e);
                    if (pruned != null) {
                        m = session.lastMetrics();
                        note = String.format(Locale.ROOT, "  pruned %.0f%% (%d connections left)", schedule.fractionAfter(e) * 100, connections(session));
                        run.event(e, step, TrainingEvent.PRUNE, pruned);
                    }
                    rows.add(m);
                    run.epoch(m, session.snapshot());
                    warnOnce(run);
                    progress.epoch(m, s.epochs(), note);
                }
            } catch (DivergedException ex) {
                LOG.warn("training diverged", ex);
                divergence = ex.getMessage();
                exit = MaskStudioCommand.DIVERGED;
                run.event(rows.size(), step, TrainingEvent.DIVERGED, divergence);
            }
            // Once, at the end, on the weights exported (the last good epoch of a diverged run): never during training.
            test = session.evaluateTest();
            exportModel(session, norm, s, test);
            run.finish(divergence == null ? RunManifest.FINISHED : RunManifest.DIVERGED, divergence, session.snapshot(), test);
            warnOnce(run);
        }
        if (divergence != null) {
            messages.println("error: " + divergence + "; " + out + " holds epoch " + rows.size());
        } else if (!rows.isEmpty()) {
            EpochMetrics last = rows.get(rows.size() - 1);
            String metric = Double.isNaN(last.valAccuracy())
                    ? String.format(Locale.ROOT, "train_accuracy=%.6f (no validation split)", last.trainAccuracy())
                    : String.format(Locale.ROOT, "val_accuracy=%.6f", last.valAccuracy());
            messages.println(String.format(Locale.ROOT, "done: %s after %d epochs; results in %s (python3 %s)",
                    metric, last.epoch(), out, out.resolve("load_model.py")));
        }
        if (session.maskUpdates() > 0) {
            double train = rows.stream().mapToDouble(EpochMetrics::seconds).sum();
            messages.println(String.format(Locale.ROOT, "%s: %d mask updates took %.2f s (%.1f%% of %.2f s training)", session.methodId(),
                    session.maskUpdates(), session.maskUpdateSeconds(), 100 * session.maskUpdateSeconds() / Math.max(train, 1e-9), train));
        }
        if (test != null) {
            messages.flush();
            // The last line, on stdout, in load_model.py's format, so scripts can take it with tail -1
            results.println(String.format(Locale.ROOT, "test_accuracy=%.6f", test.accuracy()));
            results.flush();
        }
        return exit;
    }

    private boolean warned;

    private void warnOnce(RunRecorder run) {
        if (warned || run.problem().isEmpty()) return;
        warned = true;
        messages.println("warning: " + run.problem().get());
    }

    private RunRecorder startRecording(TrainingSession session, Standardizer norm) {
        session.setStandardizer(norm);
        try {
            TrainingSettings s = design.settings();
            return RunRecorder.forSession(out, session, design, dataOrigin, RunManifest.methodOf(s), RunManifest.methodDetailOf(s), snapshotBudgetBytes);
        } catch (IOException e) {
            throw new CliException(out + ": cannot write the run folder: " + e.getMessage(), e);
        }
    }

    private void exportModel(TrainingSession session, Standardizer norm, TrainingSettings s, TestMetrics test) {
        EpochMetrics last = session.lastMetrics();
        RunManifest.Metrics m = last == null ? null : RunRecorder.metrics(last);
        Dataset testSet = session.test();
        ModelFiles.ExportData data = new ModelFiles.ExportData(norm.mean(), norm.std(), session.validation().x(), session.validation().y(),
                testSet == null ? null : testSet.x(), testSet == null ? null : testSet.y());
        try {
            ModelFiles.write(out, design, extras, session.network().masks(), session.network().parameters(), data, s.dataset(), m,
                    test == null ? null : RunRecorder.test(test));
        } catch (IOException e) {
            throw new CliException(out + ": cannot write the trained model: " + e.getMessage(), e);
        }
    }

    private static long connections(TrainingSession session) {
        long n = 0;
        for (var m : session.network().masks()) n += m.nnz();
        return n;
    }
}
