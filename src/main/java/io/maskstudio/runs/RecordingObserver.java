package io.maskstudio.runs;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingObserver;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.GraphExtras;
import io.maskstudio.io.RunManifest;
import io.maskstudio.model.LayerParameters;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    private float[] mean, std, valX;
    private int[] valY;
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
            // The data file's checksum is taken here, on the trainer's thread, once the file has been read for training.
            RunManifest.Dataset origin = dataset.path() == null && dataset.sha256() == null ? DatasetOrigin.ofSetting(dataset.name()) : dataset;
            recorder = RunRecorder.forSession(dir, session, design, origin, "static", "", budget);
            mean = session.standardizer().mean();
            std = session.standardizer().std();
            valX = session.validation().x();
            valY = session.validation().y();
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
    public void event(String kind, String detail, int epoch, long step) {
        if (recorder == null) return;
        for (RunEvent e : RunEvent.values()) if (e.id().equals(kind)) recorder.event(epoch, step, e, detail);
        if (kind.equals(RunEvent.DIVERGED.id())) diverged = true;
        if (kind.equals(RunEvent.RESUME.id())) diverged = false;
    }

    @Override
    public void ended(Trainer.State state, String message, TrainingSnapshot last) {
        if (recorder == null) return;
        String status = switch (state) {
            case FINISHED -> RunManifest.FINISHED;
            case FAILED -> RunManifest.FAILED;
            default -> diverged ? RunManifest.DIVERGED : RunManifest.STOPPED;
        };
        if (status.equals(RunManifest.STOPPED)) recorder.event(last == null ? 0 : last.epoch(), 0, RunEvent.STOPPED, "stopped by the user");
        exportModel(last);
        recorder.finish(status, message, last);
        recorder.problem().ifPresent(this::report);
        // Epochs added after a finished run (more epochs in the settings) are not recorded: the folder is complete.
        recorder.close();
        recorder = null;
    }

    /** The model export files of the state the run ends in (the last good epoch of a diverged run), as train --out writes. */
    private void exportModel(TrainingSnapshot last) {
        if (last == null || last.epoch() == 0) return;
        List<Mask> masks = new ArrayList<>();
        List<LayerParameters> params = new ArrayList<>();
        for (LayerSnapshot l : last.layers()) {
            if (l.weights() == null) {
                report(dir + ": no model export: a layer of " + l.outFeatures() + "x" + l.inFeatures() + " is too large to copy");
                return;
            }
            masks.add(l.mask());
            params.add(new LayerParameters(l.outFeatures(), l.inFeatures(), l.weights(), l.bias()));
        }
        EpochMetrics m = last.metrics();
        try {
            ModelFiles.write(dir, design, GraphExtras.none(), masks, params, mean, std, design.settings().dataset(), valX, valY,
                    RunRecorder.metrics(m));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot export the model of {}", dir, e);
            report(dir + ": the model export failed: " + e.getMessage());
        }
    }

    private void report(String problem) {
        if (told) return;
        told = true;
        problems.accept(problem);
    }
}
