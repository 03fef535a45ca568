package io.maskstudio.runs;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.engine.TestMetrics;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingEvent;
import io.maskstudio.engine.TrainingObserver;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.RunManifest;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Records an app {@link Trainer}'s run into a run folder: the same files as {@code train --out}, from the trainer's
 * observer calls. A run closed by the user ends {@code stopped} (or {@code diverged} when it had diverged and was
 * not resumed). Problems (an unwritable folder, a full disk) go to {@code problems} once and training goes on.
 */
public final class RecordingObserver implements TrainingObserver {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingObserver.class);

    private final Path dir;
    private final NetworkDesign design;
    private final RunManifest.Dataset dataset;
    private final long budget;
    private final Consumer<String> problems;
    private RunRecorder recorder;
    /** The session's standardization and validation split, for the model export at the end. */
    private ModelFiles.ExportData exportData;
    /** The test set's metrics of the state the run ends in; null without a test set. */
    private TestMetrics test;
    private boolean diverged;
    private boolean told;

    /** {@code design}: a private copy, as training starts from it. */
    public RecordingObserver(Path dir, NetworkDesign design, RunManifest.Dataset dataset, long snapshotBudgetBytes, Consumer<String> problems) {
        this.dir = dir;
        this.design = design;
        this.dataset = dataset;
        this.budget = snapshotBudgetBytes;
        this.problems = problems;
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void started(TrainingSession session) {
        try {
            TrainingSettings settings = design.settings();
            // The data file's checksum is taken here, on the trainer's thread, once the file has been read for training.
            RunManifest.Dataset origin = dataset.path() == null && dataset.sha256() == null ? DatasetOrigin.ofSetting(dataset.name()) : dataset;
            recorder = RunRecorder.forSession(dir, session, design, origin, RunManifest.methodOf(settings), RunManifest.methodDetailOf(settings), budget);
            exportData = ModelFiles.ExportData.of(session);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot record the run in {}", dir, e);
            report(dir + ": the run is not being saved: " + e.getMessage());
        }
    }

    @Override
    public void batch(int epoch, long step, MaskedNetwork.BatchResult r) {
        if (recorder != null) recorder.batch(epoch, step, r.loss(), (double) r.correct() / r.count());
    }

    @Override
    public void epoch(EpochMetrics metrics, TrainingSnapshot snapshot) {
        if (recorder == null) return;
        diverged = false;
        recorder.epoch(metrics, snapshot);
        recorder.problem().ifPresent(this::report);
    }

    @Override
    public void event(TrainingEvent kind, String detail, int epoch, long step) {
        if (recorder == null) return;
        recorder.event(epoch, step, kind, detail);
        if (kind == TrainingEvent.DIVERGED) diverged = true;
        if (kind == TrainingEvent.RESUME) diverged = false;
    }

    @Override
    public void tested(TestMetrics metrics) {
        test = metrics;
    }

    @Override
    public void ended(Trainer.State state, String message, TrainingSnapshot last) {
        if (recorder == null) return;
        String status = switch (state) {
            case FINISHED -> RunManifest.FINISHED;
            case FAILED -> RunManifest.FAILED;
            default -> diverged ? RunManifest.DIVERGED : RunManifest.STOPPED;
        };
        if (status.equals(RunManifest.STOPPED)) recorder.event(last == null ? 0 : last.epoch(), 0, TrainingEvent.STOPPED, "stopped by the user");
        exportModel(last);
        // The test metrics describe exactly these weights (the Trainer evaluates the state it passes as last).
        recorder.finish(status, message, last, matches(last) ? test : null);
        recorder.problem().ifPresent(this::report);
        // Epochs added after a finished run (more epochs in the settings) are not recorded: the folder is complete.
        recorder.close();
        recorder = null;
    }

    /** The model export files of the state the run ends in (the last good epoch of a diverged run), as train --out writes. */
    private void exportModel(TrainingSnapshot last) {
        if (last == null || last.epoch() == 0) return;
        try {
            ModelFiles.write(dir, design, last, exportData, matches(last) ? RunRecorder.test(test) : null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot export the model of {}", dir, e);
            report(dir + ": the model export failed: " + e.getMessage());
        }
    }

    /** Whether the test metrics are those of {@code last}'s weights (a run that goes on after them makes them stale). */
    private boolean matches(TrainingSnapshot last) {
        return test != null && last != null && test.epoch() == last.epoch();
    }

    private void report(String problem) {
        if (told) return;
        told = true;
        problems.accept(problem);
    }
}
