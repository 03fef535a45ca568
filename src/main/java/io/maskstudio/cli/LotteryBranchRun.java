package io.maskstudio.cli;

import io.maskstudio.data.Dataset;
import io.maskstudio.engine.DivergedException;
import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.engine.TestMetrics;
import io.maskstudio.engine.TrainingEvent;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.io.GraphExtras;
import io.maskstudio.io.RunManifest;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.runs.ModelFiles;
import io.maskstudio.runs.RunLabel;
import io.maskstudio.runs.RunRecorder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * Trains one branch of a lottery level in a session the caller prepared (masks set, survivors rewound) and records
 * it as an ordinary run folder: what {@code train --out} writes, with run.json's method {@code lottery-ticket},
 * {@code lottery-reinit} or {@code lottery-random-mask} and the label in label.txt ("level 3 ticket").
 * {@link TrainingRun} builds its own session, so it cannot train a rewound one; this is its loop without pruning schedules.
 */
final class LotteryBranchRun {
    /** What a branch ended with; {@code testAccuracy} NaN without a test set, {@code valAccuracy} NaN without validation. */
    record Result(double valAccuracy, double testAccuracy, long connections, double seconds, String divergence) {}

    private final NetworkDesign design;
    private final GraphExtras extras;
    private final RunManifest.Dataset dataOrigin;
    private final long snapshotBudgetBytes;
    private final PrintWriter messages;

    LotteryBranchRun(NetworkDesign design, GraphExtras extras, RunManifest.Dataset dataOrigin, long snapshotBudgetBytes, PrintWriter messages) {
        this.design = design;
        this.messages = messages;
        this.extras = extras;
        this.dataOrigin = dataOrigin;
        this.snapshotBudgetBytes = snapshotBudgetBytes;
    }

    /**
     * Trains {@code session} for the settings' epochs into {@code out}; {@code afterEpoch} hears each finished epoch
     * (level 0 saves its rewind point there).
     */
    Result train(TrainingSession session, Path out, String method, String detail, String label, IntConsumer afterEpoch) {
        long t0 = System.nanoTime();
        int epochs = design.settings().epochs();
        String divergence = null;
        TestMetrics test;
        try (RunRecorder run = RunRecorder.forSession(out, session, design, dataOrigin, method, detail, snapshotBudgetBytes)) {
            RunLabel.write(out, label);
            long step = 0;
            try {
                for (int e = 1; e <= epochs; e++) {
                    EpochMetrics m;
                    do {
                        m = session.step();
                        step++;
                        MaskedNetwork.BatchResult b = session.lastBatch();
                        run.batch(e, step, b.loss(), (double) b.correct() / b.count());
                    } while (m == null);
                    run.epoch(m, session.snapshot());
                    afterEpoch.accept(e);
                }
            } catch (DivergedException ex) {
                divergence = ex.getMessage();
                run.event(session.completedEpochs(), step, TrainingEvent.DIVERGED, divergence);
            }
            test = session.evaluateTest();
            exportModel(session, out, test);
            run.finish(divergence == null ? RunManifest.FINISHED : RunManifest.DIVERGED, divergence, session.snapshot(), test);
            run.problem().ifPresent(p -> messages.println("warning: " + out + ": " + p));
        } catch (IOException e) {
            throw new CliException(out + ": cannot write the run folder: " + e.getMessage(), e);
        }
        EpochMetrics last = session.lastMetrics();
        long connections = 0;
        for (var mask : session.network().masks()) connections += mask.nnz();
        return new Result(last == null ? Double.NaN : last.valAccuracy(), test == null ? Double.NaN : test.accuracy(), connections,
                (System.nanoTime() - t0) / 1e9, divergence);
    }

    private void exportModel(TrainingSession session, Path out, TestMetrics test) throws IOException {
        EpochMetrics last = session.lastMetrics();
        Dataset testSet = session.test();
        var norm = session.standardizer();
        ModelFiles.ExportData data = new ModelFiles.ExportData(norm.mean(), norm.std(), session.validation().x(), session.validation().y(),
                testSet == null ? null : testSet.x(), testSet == null ? null : testSet.y());
        ModelFiles.write(out, design, extras, session.network().masks(), session.network().parameters(), data, design.settings().dataset(),
                last == null ? null : RunRecorder.metrics(last), test == null ? null : RunRecorder.test(test));
    }
}
