package io.maskstudio.ui.training;

import io.maskstudio.engine.DesignTrainers;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingEvent;
import io.maskstudio.engine.TrainingObserver;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.RunManifest;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import io.maskstudio.runs.LiveCurves;
import io.maskstudio.runs.RecordingObserver;
import io.maskstudio.runs.RunFolders;
import io.maskstudio.runs.RunLayout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The current run: one {@link Trainer} training a copy of the design. Start/Step begin a fresh run when
 * there is none; Stop closes the trainer but keeps its history on screen until the next run. Mask and
 * settings edits of the live design are forwarded while the run is active, and the design follows the masks the
 * trainer changes itself (a sparse-training method, a prune schedule) without an undo step: see
 * docs/decisions/editor-follows-evolving-masks.md. FX thread only.
 */
final class TrainingController {
    static final int MAX_HISTORY = DesignTrainers.MAX_HISTORY;
    static final long HISTORY_BYTES = DesignTrainers.HISTORY_BYTES;

    /** The legend's name of the run trained in this window (its folder may be renamed meanwhile). */
    static final String CURRENT_RUN = "current run";

    private Trainer trainer;
    private boolean stopped = true;
    private Supplier<Path> runsRoot;
    private volatile String recordingProblem;
    private Path runDir;
    private List<LayerSpec> runLayers = List.of();
    private NetworkDesign runDesign;
    private ExportDataObserver exportData;
    private LiveCurves live;
    private EvolvingMasks evolving;
    /** Edits sent to the current run; the design follows only a trainer state that has applied them all. */
    private long editsSent;
    private long followedVersion;
    /** Per pair: the design's mask as of the last follow or sent edit, and what the trainer has after everything sent. */
    private List<Mask> designSide = List.of();
    private List<Mask> trainerSide = List.of();
    /** True while {@link #followTrainer} sets the design's masks: those changes are the trainer's, not edits to send it. */
    private boolean following;
    /** Counts runs whose folder is complete (run.json has its final status): the Runs list reads the folder again then. */
    private final AtomicLong recordedEnds = new AtomicLong();

    /** Saves every run from now on into a new folder under the root this gives (null: runs are not saved). */
    void setRunsRoot(Supplier<Path> root) {
        this.runsRoot = root;
    }

    /** Why the current run is not (or no longer) being saved; null while it is, or when runs are not saved. */
    String recordingProblem() {
        return recordingProblem;
    }

    /** The current or last run's folder (null when it is not saved). */
    Path runDir() {
        return runDir;
    }

    /** The current or last run's curves, kept as it trains (null before the first run). */
    LiveCurves liveCurves() {
        return live;
    }

    /**
     * How many runs of this window have ended with their folder written to the end; it changes on the trainer's
     * thread right after the recorder's last write, so a reader that sees it change reads the final run.json.
     */
    long recordedEnds() {
        return recordedEnds.get();
    }

    /** The current or last run's trainer (null before the first run). */
    Trainer trainer() {
        return trainer;
    }

    /** The layers the run was started with, for labels and to tell whether mask edits still fit it. */
    List<LayerSpec> runLayers() {
        return runLayers;
    }

    /** What "Export model…" writes for {@code snapshot} of the current or last run; null before the first run. */
    ModelExport.Source exportSource(TrainingSnapshot snapshot) {
        return runDesign == null || snapshot == null ? null : ModelExport.of(runDesign, snapshot, exportData.data());
    }

    /** True while a run exists that commands still reach (not stopped, not failed). */
    boolean active() {
        if (trainer == null || stopped) return false;
        Trainer.State s = trainer.progress().state();
        return s != Trainer.State.FAILED && s != Trainer.State.CLOSED;
    }

    /** True until the run's session exists (dataset loaded, network built). */
    boolean loading() {
        return active() && trainer.history().latest() == null;
    }

    /** Starts or resumes; returns true when that began a fresh run (so views should forget the old one). */
    boolean start(NetworkDesign design) {
        boolean fresh = beginIfNeeded(design);
        trainer.start();
        return fresh;
    }

    void pause() {
        if (active()) trainer.pause();
    }

    /** One batch; begins a fresh (paused) run first when there is none. */
    boolean step(NetworkDesign design) {
        boolean fresh = beginIfNeeded(design);
        trainer.step();
        return fresh;
    }

    /** Closes the trainer off the FX thread (close waits for the current batch); its history stays readable. */
    void stop() {
        if (trainer == null || stopped) return;
        stopped = true;
        Trainer t = trainer;
        Thread closer = new Thread(t::close, "maskstudio-trainer-close");
        closer.setDaemon(true);
        closer.start();
    }

    /** Forwards an edited mask when it still fits the running network (the user may have resized layers). */
    boolean maskChanged(int pair, Mask mask) {
        return maskChanged(pair, mask, TrainingEvent.MASK_EDIT, "");
    }

    /**
     * As above, recorded in the run as {@code kind} (prune, grow) with {@code detail} (the edit's label). What is sent
     * is the user's change (the cells that differ from the design's mask as last followed or sent) on top of the
     * trainer's newest mask, so a mask update the design has not followed yet is kept rather than undone.
     */
    boolean maskChanged(int pair, Mask mask, TrainingEvent kind, String detail) {
        if (following || !active() || pair >= runLayers.size() - 1) return false;
        if (mask.rows() != runLayers.get(pair + 1).size() || mask.cols() != runLayers.get(pair).size()) return false;
        Mask sent = mask.copy();
        if (pair < designSide.size() && designSide.get(pair).sameShape(mask)) {
            EvolvingMasks.State s = evolving.latest();
            boolean newer = s != null && s.version() != followedVersion && s.editsApplied() == editsSent;
            Mask base = newer ? s.masks().get(pair) : trainerSide.get(pair);
            sent = rebased(base, designSide.get(pair), mask);
            designSide.set(pair, mask.copy());
            trainerSide.set(pair, sent.copy());
        }
        editsSent++;
        trainer.setMask(pair, sent, kind, detail);
        return true;
    }

    /** {@code base} with the cells where {@code edited} differs from {@code before} set as in {@code edited}. */
    static Mask rebased(Mask base, Mask before, Mask edited) {
        Mask changed = before.symmetricDifference(edited);
        return base.difference(changed).union(edited.intersection(changed));
    }

    /**
     * Makes the design's masks the trainer's newest when the trainer changed them, once it has applied every edit
     * sent to it; not an undo step, and not sent back. Nothing while the design has other layers than the run.
     * Returns true when a mask of the design changed.
     */
    boolean followTrainer(NetworkDesign design) {
        if (!active() || evolving == null || !design.layers().equals(runLayers)) return false;
        EvolvingMasks.State s = evolving.latest();
        if (s == null || s.version() == followedVersion || s.editsApplied() != editsSent) return false;
        followedVersion = s.version();
        boolean changed = false;
        following = true;
        try {
            for (int k = 0; k < s.masks().size() && k < design.pairCount(); k++) {
                Mask m = s.masks().get(k);
                designSide.set(k, m.copy());
                trainerSide.set(k, m.copy());
                if (design.mask(k).equals(m)) continue;
                design.setMask(k, m);
                changed = true;
            }
        } finally {
            following = false;
        }
        return changed;
    }

    void settingsChanged(TrainingSettings s) {
        if (active()) trainer.updateSettings(s);
    }

    /** True when the design's layers differ from the ones the run trains (so edits can no longer apply). */
    boolean structureDiffers(NetworkDesign design) {
        return active() && !design.layers().equals(runLayers);
    }

    /**
     * The observer that saves the run, or none when runs are not saved. Creating the folder is quick (one mkdir) and
     * happens on Start; everything else is written off the FX thread by the recorder.
     */
    private TrainingObserver recorder(NetworkDesign copy) {
        recordingProblem = null;
        runDir = null;
        if (runsRoot == null) return TrainingObserver.NONE;
        Path root = runsRoot.get();
        try {
            // The default label says what usually differs between runs of one graph; the Runs list renames it.
            runDir = RunFolders.create(root, copy.settings().optimizer() + "-seed" + copy.settings().seed(), Instant.now());
        } catch (IOException e) {
            recordingProblem = root + ": the run is not being saved: " + e.getMessage();
            return TrainingObserver.NONE;
        }
        return new RecordingObserver(runDir, copy.copy(), new RunManifest.Dataset(copy.settings().dataset(), null, null),
                RunLayout.DEFAULT_SNAPSHOT_BUDGET_BYTES, problem -> recordingProblem = problem);
    }

    static int historyCapacity(NetworkDesign d) {
        return DesignTrainers.historyCapacity(d);
    }

    private boolean beginIfNeeded(NetworkDesign design) {
        if (active()) return false;
        stop();
        NetworkDesign copy = design.copy();
        runLayers = copy.layers();
        runDesign = copy.copy();
        exportData = new ExportDataObserver();
        TrainingObserver recorder = recorder(copy);
        live = new LiveCurves(CURRENT_RUN, runDesign);
        evolving = new EvolvingMasks();
        editsSent = 0;
        followedVersion = 0;
        designSide = copies(copy.masks());
        trainerSide = copies(copy.masks());
        // Observers are told in order: the count changes after the recorder's ended() has written the folder.
        TrainingObserver recorded = TrainingObserver.both(recorder, new TrainingObserver() {
            @Override
            public void ended(Trainer.State state, String message, TrainingSnapshot last) {
                recordedEnds.incrementAndGet();
            }
        });
        TrainingObserver curves = TrainingObserver.both(live, evolving);
        trainer = DesignTrainers.forDesign(copy, TrainingObserver.both(curves, TrainingObserver.both(exportData, recorded)));
        stopped = false;
        return true;
    }

    private static List<Mask> copies(List<Mask> masks) {
        List<Mask> out = new ArrayList<>();
        for (Mask m : masks) out.add(m.copy());
        return out;
    }
}
