package io.maskstudio.cli;

import io.maskstudio.data.Dataset;
import io.maskstudio.data.Standardizer;
import io.maskstudio.engine.DivergedException;
import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.SessionLoader;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.io.GraphExtras;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One headless training run: split and normalize the data, train epoch by epoch (pruning where the
 * schedule says), keep metrics.csv current after every epoch, and export the model at the end, or
 * the last good epoch when training diverges.
 */
final class TrainingRun {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    static final String METRICS_HEADER = "epoch,train_loss,train_accuracy,val_loss,val_accuracy,seconds";

    private final NetworkDesign design;
    private final GraphExtras extras;
    private final Dataset data;
    private final PruneSchedule schedule;
    private final Path out;
    private final TrainingProgress progress;
    private final PrintWriter messages;

    TrainingRun(NetworkDesign design, GraphExtras extras, Dataset data, PruneSchedule schedule, Path out, TrainingProgress progress, PrintWriter messages) {
        this.design = design;
        this.extras = extras;
        this.data = data;
        this.schedule = schedule;
        this.out = out;
        this.progress = progress;
        this.messages = messages;
    }

    int execute() {
        TrainingSettings s = design.settings();
        SessionLoader.PreparedData prepared = SessionLoader.PreparedData.of(data, s);
        Standardizer norm = prepared.standardizer();
        TrainingSession session;
        try {
            session = new TrainingSession(design, prepared.split(), s);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        createOutputDirectory();
        List<EpochMetrics> rows = new ArrayList<>();
        int exit = MaskStudioCommand.OK;
        String divergence = null;
        try (progress) {
            progress.begin(s.epochs(), session.stepsPerEpoch());
            for (int e = 1; e <= s.epochs(); e++) {
                EpochMetrics m;
                do {
                    m = session.step();
                    progress.step();
                } while (m == null);
                String note = "";
                double f = schedule.fractionAfter(e);
                if (f > 0) {
                    session.prune(f);
                    m = session.refreshValidation();
                    note = String.format(Locale.ROOT, "  pruned %.0f%% (%d connections left)", f * 100, connections(session));
                }
                rows.add(m);
                writeMetrics(rows);
                progress.epoch(m, s.epochs(), note);
            }
        } catch (DivergedException e) {
            LOG.warn("training diverged", e);
            divergence = e.getMessage();
            exit = MaskStudioCommand.DIVERGED;
        }
        writeMetrics(rows);
        ModelExport.write(out, design, extras, session, norm, s);
        if (divergence != null) {
            messages.println("error: " + divergence + "; " + out + " holds epoch " + rows.size());
        } else if (!rows.isEmpty()) {
            EpochMetrics last = rows.get(rows.size() - 1);
            messages.println(String.format(Locale.ROOT, "done: val_accuracy=%.6f after %d epochs; results in %s (python3 %s)",
                    last.valAccuracy(), last.epoch(), out, out.resolve("load_model.py")));
        }
        return exit;
    }

    private static long connections(TrainingSession session) {
        long n = 0;
        for (var m : session.network().masks()) n += m.nnz();
        return n;
    }

    private void createOutputDirectory() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new CliException(out + ": cannot create output directory: " + e.getMessage(), e);
        }
    }

    private void writeMetrics(List<EpochMetrics> rows) {
        StringBuilder sb = new StringBuilder(METRICS_HEADER).append('\n');
        for (EpochMetrics m : rows) sb.append(metricsRow(m)).append('\n');
        ModelExport.writeText(out.resolve("metrics.csv"), sb.toString());
    }

    /** Six decimals, like load_model.py's {@code val_accuracy=%.6f}, so the two can be compared as text. */
    static String metricsRow(EpochMetrics m) {
        return String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.3f",
                m.epoch(), m.trainLoss(), m.trainAccuracy(), m.valLoss(), m.valAccuracy(), m.seconds());
    }
}
