package io.maskstudio.ui.training;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingEvent;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.render.FanOutFrames;
import io.maskstudio.runs.CurveSource;
import io.maskstudio.runs.EpochExport;
import io.maskstudio.runs.LiveCurves;
import io.maskstudio.runs.RunFolder;
import io.maskstudio.runs.RunGroup;
import io.maskstudio.runs.RunLabel;
import io.maskstudio.runs.RunSnapshots;
import io.maskstudio.ui.fx.LatestOnly;
import io.maskstudio.ui.fx.TaskRunner;
import io.maskstudio.ui.shell.FileDialogs;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The "Training" tab: settings, Start/Pause/Step/Stop, loss and accuracy curves, per-layer heatmaps with
 * stats and hints, and an epoch scrubber. Trains a copy of the live design on the Trainer's thread; mask
 * edits of the design reach the running trainer at its next batch. One {@link AnimationTimer} polls the
 * trainer's progress and history version and redraws only what changed (docs/architecture.md, "Threading").
 *
 * <p>Create and use on the FX thread; call {@link #dispose()} when the panel is thrown away.
 */
public final class TrainingPanel extends BorderPane {
    /** Puts a mask into the live design as one edit named {@code label} (the main window: one step of the undo history). */
    @FunctionalInterface
    public interface MaskEditor {
        void apply(int pair, Mask after, String label);
    }

    /** The Prune/Grow edit being applied: the design listener forwards it to the trainer under its own kind. */
    private record HintEdit(int pair, TrainingEvent kind, String label) {}

    private final TrainingController controller = new TrainingController();
    private final SettingsForm form;
    private final CurvesPanel charts = new CurvesPanel();
    private final LayerHeatmaps heatmaps = new LayerHeatmaps(TaskRunner.background());
    private final EpochScrubber scrubber = new EpochScrubber();
    private final ConfusionView confusion = new ConfusionView(TaskRunner.background());
    private final MaskEvolutionView evolution = new MaskEvolutionView(TaskRunner.background());
    /** The shown saved run's val.npz (read once, on first use); null without a design to evaluate. */
    private ValidationSource openedValidation;
    private final RunsList runs = new RunsList(TaskRunner.background());
    private final TitledPane runsPane = new TitledPane("Runs", runs);
    private final SavedRunBar savedBar = new SavedRunBar();
    /** An opened sweep or lottery folder, shown instead of {@link #runPart}. */
    private final RunGroupView groupView = new RunGroupView();
    /** The curves, heatmaps and scrubber of the shown run. */
    private final VBox runPart = new VBox();
    /** Loads run folders for Open; only the newest request is shown. */
    private final LatestOnly openings = new LatestOnly(TaskRunner.background());
    /** The saved run shown instead of the current one (null: the current run is shown). */
    private RunFolder opened;
    private Consumer<NetworkDesign> onEditDesign = d -> { };
    private Trainer.State endedState;
    /** The controller's count of completely written runs when the Runs list was last read for it. */
    private long shownRecordedEnds;
    /** The runs ticked for comparison, as read from their folders (their curves follow the shown run's). */
    private List<CurveSource> compared = List.of();
    private List<Path> comparedDirs = List.of();
    /** What the curves show first: the live run's latest view or the saved run's (null: nothing yet). */
    private CurveSource shownCurves;
    private final LatestOnly comparisons = new LatestOnly(TaskRunner.background());
    private final StepRate rate = new StepRate();
    private final RunClock clock = new RunClock();
    private final Button start = button("start", "Start", "Train (a copy of) the design; resumes a paused run.");
    private final Button pause = button("pause", "Pause", "Pause after the current batch.");
    private final Button step = button("step", "Step", "Train one mini-batch, then pause.");
    private final Button stop = button("stop", "Stop", "End the run. The next Start trains the current design from scratch.");
    private final Button exportModelButton = button("exportModel", "Export model…",
            "Write the selected epoch's model into a folder: model.npz, model.safetensors, model.json, val.npz, load_model.py, trained.graph.json.");
    private final Label exportMessage = new Label();
    private final ModelExport modelExport = new ModelExport(this::exportSource, TaskRunner.background(),
            this::showExportMessage);
    private final ProgressIndicator loading = new ProgressIndicator();
    private final Label message = new Label();
    private final Label status = new Label("Ready: Start trains the current design.");
    private final ProgressBar runProgress = new ProgressBar(0);
    private final Label runTime = new Label();
    private final ReadOnlyBooleanWrapper training = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final NetworkDesign.Listener designListener = this::designChanged;
    private final AnimationTimer poller = new AnimationTimer() {
        @Override
        public void handle(long now) {
            poll(now);
        }
    };
    private NetworkDesign design;
    private MaskEditor maskEditor = (pair, after, label) -> design.setMask(pair, after);
    private HintEdit hintEdit;
    private Trainer shownTrainer;
    private long shownVersion = -1;
    private TrainingSnapshot shownPausedSnapshot;
    private Trainer.Progress shownProgress;
    private String runMessage = "";
    private Trainer.State shownState;
    /** Curves, scrubber and heatmaps follow a running trainer at most 4 times a second (see RedrawGate). */
    private final RedrawGate historyGate = new RedrawGate(250_000_000L);
    /** The status line and buttons: the step count changes every frame, its text need not. */
    private final RedrawGate statusGate = new RedrawGate(250_000_000L);
    /** The curves follow every batch, at most 4 times a second too. */
    private final RedrawGate curvesGate = new RedrawGate(250_000_000L);
    private long shownCurvesVersion = -1;
    /** The editor follows the masks the trainer changes (a sparse-training method) at most 4 times a second while it runs. */
    private final RedrawGate maskGate = new RedrawGate(250_000_000L);

    public TrainingPanel(NetworkDesign design) {
        this.design = Objects.requireNonNull(design, "design");
        form = new SettingsForm(() -> this.design);
        setId("trainingPanel");
        setLeft(sidePanel());
        setCenter(centre());
        setBottom(statusRow());
        scrubber.setOnSelect(s -> {
            exportModelButton.setDisable(s == null);
            heatmaps.show(s);
            charts.markEpoch(s.epoch(), scrubber.latestSelected());
            ValidationSource v = opened != null ? openedValidation
                    : controller.trainer() != null ? ValidationSource.live(controller.runLayers(), controller.trainer()::validation) : null;
            if (v != null) confusion.show(s, v);
        });
        start.setOnAction(e -> onStart());
        pause.setOnAction(e -> controller.pause());
        step.setOnAction(e -> onStep());
        stop.setOnAction(e -> onStop());
        exportModelButton.setOnAction(e -> exportModel());
        exportModelButton.setDisable(true);
        heatmaps.setNotices(this::showExportMessage);
        evolution.setNotices(this::showExportMessage);
        design.addListener(designListener);
        heatmaps.setLayers(design.layers());
        runs.setOnOpen(this::openRun);
        runs.setOnCompare(this::compare);
        runs.setDeleteBlocker(dir -> controller.active() && dir.equals(controller.runDir())
                ? "The run " + dir.getFileName() + " is still active: Stop it before deleting its folder." : null);
        runs.setMessages(this::showExportMessage, this::showMessage);
        savedBar.back.setOnAction(e -> showCurrentRun());
        groupView.back.setOnAction(e -> showCurrentRun());
        groupView.setOnOpenRun(this::openRun);
        savedBar.editDesign.setOnAction(e -> {
            if (opened != null && opened.design() != null) onEditDesign.accept(opened.design().copy());
        });
        heatmaps.setHintActions(this::applyHint, this::designMaskOfShownRun);
        updateControls(null);
        poller.start();
    }

    /** How Prune/Grow edit the design; without one they set the mask directly (no undo step). */
    public void setMaskEditor(MaskEditor editor) {
        maskEditor = Objects.requireNonNull(editor, "editor");
    }

    private void applyHint(int pair, Mask after, TrainingEvent kind, String label) {
        hintEdit = new HintEdit(pair, kind, label);
        try {
            maskEditor.apply(pair, after, label);
        } finally {
            hintEdit = null;
        }
    }

    /** The design's mask of {@code pair} while the design has the shown run's layers (before any run: the design's own). */
    private Mask designMaskOfShownRun(int pair) {
        // A saved run's weights say nothing about the design being edited: its hints are not actions.
        if (opened != null) return null;
        List<LayerSpec> shown = controller.trainer() == null ? design.layers() : controller.runLayers();
        return design.layers().equals(shown) && pair < design.pairCount() ? design.mask(pair) : null;
    }

    /** Saves each run from now on into a new folder under the root this gives (the main window: beside the graph). */
    public void setRunsRoot(Supplier<Path> root) {
        controller.setRunsRoot(root);
        runs.setRoot(root);
        runs.refresh();
    }

    /** What "Edit this design" does with a shown saved run's design (the main window opens it in the editor). */
    public void setOnEditDesign(Consumer<NetworkDesign> action) {
        onEditDesign = Objects.requireNonNull(action);
    }

    /**
     * Shows a saved run folder (the app's, or one {@code train --out} wrote anywhere) instead of the current run:
     * its curves, its snapshots in the scrubber and heatmaps, what could not be read. Read off the FX thread; the
     * current run goes on training meanwhile, and "Back to current run" shows it again.
     */
    public void openRun(Path dir) {
        message.setVisible(false);
        if (RunGroup.isGroup(dir)) {
            openGroup(dir);
            return;
        }
        openings.submit(() -> {
            RunFolder run = RunFolder.open(dir);
            return new SavedRun(run, RunSnapshots.read(run, RunSnapshots.DEFAULT_MAX_BYTES));
        }, (SavedRun loaded) -> showSaved(loaded.run(), loaded.snapshots()),
                failure -> showMessage(dir + ": cannot open the run: " + failure.getMessage()));
    }

    /** A sweep or lottery folder: listed as a group in the Runs list, its chart and results shown instead of a run. */
    private void openGroup(Path dir) {
        runs.addGroup(dir);
        openings.submit(() -> RunGroup.open(dir), (RunGroup g) -> {
            savedBar.hide();
            groupView.show(g);
            showRunPart(false);
        }, failure -> showMessage(dir + ": cannot open the group: " + failure.getMessage()));
    }

    /** The shown run's views, or (false) the opened group's in their place. */
    private void showRunPart(boolean run) {
        runPart.setVisible(run);
        runPart.setManaged(run);
        if (run) groupView.hide();
    }

    /** A run folder as read for showing. */
    private record SavedRun(RunFolder run, RunSnapshots snapshots) {}

    private void showSaved(RunFolder run, RunSnapshots snaps) {
        if (run.metrics().isEmpty() && run.design() == null) {
            showMessage("Cannot open " + run.dir() + ": " + String.join("; ", run.problems()));
            return;
        }
        showRunPart(true);
        opened = run;
        openedValidation = run.design() != null ? ValidationSource.runFolder(run.dir(), run.design().layers()) : null;
        confusion.clear();
        savedBar.show(run, snaps);
        charts.clear();
        showCurves(run.curves().named(RunLabel.read(run.dir())));
        scrubber.clear();
        heatmaps.clear();
        if (run.design() != null) heatmaps.setLayers(run.design().layers());
        scrubber.followLatest();
        scrubber.setSnapshots(snaps.snapshots());
        evolution.show(run.design() != null ? run.design().layers() : null, snaps.snapshots());
    }

    /** Leaves a shown saved run: the current run's curves and snapshots come back on the next frame. */
    private void showCurrentRun() {
        showRunPart(true);
        opened = null;
        openedValidation = null;
        confusion.clear();
        savedBar.hide();
        charts.clear();
        shownCurves = null;
        shownCurvesVersion = -1;
        curvesGate.reset();
        if (controller.liveCurves() == null) showCurves(null);
        scrubber.clear();
        heatmaps.clear();
        heatmaps.setLayers(controller.trainer() != null ? controller.runLayers() : design.layers());
        evolution.show(null, List.of());
        shownVersion = -1;
        shownPausedSnapshot = null;
        historyGate.reset();
    }

    /**
     * The curves of the shown run (live or saved; null: none yet) followed by those of the runs ticked for comparison,
     * leaving out a ticked folder that is the shown run itself.
     */
    private void showCurves(CurveSource shown) {
        shownCurves = shown;
        Path shownDir = opened != null ? opened.dir() : controller.runDir();
        List<CurveSource> all = new ArrayList<>();
        if (shown != null) all.add(shown);
        for (int k = 0; k < compared.size(); k++) if (!comparedDirs.get(k).equals(shownDir)) all.add(compared.get(k));
        charts.show(all);
    }

    /** The Runs list's Compare ticks changed: read those folders off the FX thread, then overlay them. */
    private void compare(List<Path> dirs) {
        comparisons.submit(() -> {
            List<CurveSource> read = new ArrayList<>();
            for (Path d : dirs) read.add(RunFolder.open(d).curves().named(RunLabel.read(d)));
            return read;
        }, (List<CurveSource> read) -> {
            compared = List.copyOf(read);
            comparedDirs = List.copyOf(dirs);
            showCurves(shownCurves);
        }, failure -> showMessage("Cannot read the runs to compare: " + failure.getMessage()));
    }

    /** The saved run being shown, or null while the current run is. */
    RunFolder openedRun() {
        return opened;
    }

    private void showMessage(String text) {
        runMessage = text;
        message.setText(text);
        message.setVisible(!text.isEmpty());
    }

    /** Trains another design from now on (the main window opened a file): the current run is stopped. */
    public void setDesign(NetworkDesign newDesign) {
        Objects.requireNonNull(newDesign, "design");
        if (newDesign == design) return;
        onStop();
        design.removeListener(designListener);
        design = newDesign;
        design.addListener(designListener);
        form.refresh();
        if (controller.trainer() == null) heatmaps.setLayers(design.layers());
        heatmaps.designChanged();
    }

    /** File → Export model…: asks for a folder and writes the model export files of the epoch the scrubber shows there. */
    public void exportModel() {
        modelExport.export(getScene() == null ? null : getScene().getWindow());
    }

    /** The curves a File menu export writes: the left chart (loss by default) or the right one (accuracy). */
    public enum ChartSide { LEFT, RIGHT }

    /**
     * File → Export Training Charts: writes what the chart on that side shows as {@code png}, {@code svg} or its data as
     * {@code csv}, as its context menu does.
     */
    public void exportChart(ChartSide side, String kind) {
        (side == ChartSide.LEFT ? charts.lossChart() : charts.accuracyChart()).export(kind);
    }

    /** The choosers this panel's exports ask with (the window's; tests answer instead of the platform). */
    public void setFileDialogs(FileDialogs dialogs) {
        modelExport.setDialogs(dialogs);
        form.setFileDialogs(dialogs);
        heatmaps.setFileDialogs(dialogs);
        evolution.setFileDialogs(dialogs);
        charts.setFileDialogs(dialogs);
    }

    /** The epoch the scrubber shows: of the saved run on screen (from its folder), else of the current run (from memory). */
    private ModelExport.Source exportSource() {
        TrainingSnapshot s = scrubber.selected();
        RunFolder run = opened;
        if (s == null || run == null) return controller.exportSource(s);
        int epoch = s.epoch();
        return new ModelExport.Source(epoch, dir -> EpochExport.write(run, epoch, dir));
    }

    /** The outcome of an export ("Exported epoch 7 to DIR" or why not), under the scrubber. */
    private void showExportMessage(String text) {
        exportMessage.setText(text);
    }

    /** Stops training and the frame timer and lets go of the design. The panel is unusable afterwards. */
    public void dispose() {
        poller.stop();
        controller.stop();
        design.removeListener(designListener);
        heatmaps.dispose();
    }

    private VBox sidePanel() {
        Label title = new Label("Training");
        title.getStyleClass().add("training-title");
        HBox buttons = new HBox(6, start, pause, step, stop);
        loading.setId("loadingIndicator");
        loading.setPrefSize(22, 22);
        loading.setMaxSize(22, 22);
        Label loadingText = new Label("Loading data…");
        HBox loadingRow = new HBox(8, loading, loadingText);
        loadingRow.setAlignment(Pos.CENTER_LEFT);
        loadingRow.visibleProperty().bind(loading.visibleProperty());
        loadingRow.managedProperty().bind(loading.visibleProperty());
        Label note = new Label("Start trains a copy of the design. Mask edits made while it trains apply at the next batch; "
                + "dataset, seed and validation are fixed until Stop.");
        note.setWrapText(true);
        note.getStyleClass().add("training-note");
        VBox side = new VBox(10, title, form.inScrollPane(), new Separator(), buttons, loadingRow, note);
        side.setPadding(new Insets(10));
        side.setPrefWidth(300);
        side.setMinWidth(300);
        side.setMaxWidth(300);
        return side;
    }

    /** Progress bar, "elapsed 1:02 · remaining 4:05", then the status line. */
    private HBox statusRow() {
        status.setId("trainingStatus");
        // As wide as the window whatever the text, so a new step count does not resize anything.
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        runProgress.setId("runProgress");
        runProgress.setPrefWidth(200);
        runProgress.setMinWidth(200);
        runTime.setId("runTime");
        // Fixed: the times change every second and must not shift the status text.
        runTime.setMinWidth(230);
        runTime.setPrefWidth(230);
        runTime.setMaxWidth(230);
        showTimes(0, Double.NaN, Double.NaN);
        HBox row = new HBox(10, runProgress, runTime, status);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(4, 10, 6, 10));
        return row;
    }

    private VBox centre() {
        message.setId("trainingMessage");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.getStyleClass().add("training-message");
        message.managedProperty().bind(message.visibleProperty());
        message.setVisible(false);
        VBox content = new VBox(10, message, charts, new Separator(), heatmaps, confusion, evolution);
        runsPane.setId("runsPane");
        runsPane.setAnimated(false);
        runs.setPrefHeight(150);
        runs.setMinHeight(110);
        content.setPadding(new Insets(10));
        // The curves take whatever height is left; below the content's minimum the pane scrolls instead.
        VBox.setVgrow(charts, Priority.ALWAYS);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        // The scrubber stays in view below the scrolling part: it says which epoch everything above shows.
        VBox.setMargin(scrubber, new Insets(4, 10, 2, 10));
        // Below the scrubber (its row has no room left at 1280 px): acts on the epoch it shows.
        exportModelButton.setMinWidth(Region.USE_PREF_SIZE);
        exportMessage.setId("exportMessage");
        exportMessage.getStyleClass().add("training-note");
        exportMessage.setMinWidth(0);
        HBox exportRow = new HBox(10, exportModelButton, exportMessage);
        exportRow.setAlignment(Pos.CENTER_LEFT);
        VBox.setMargin(exportRow, new Insets(0, 10, 6, 10));
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox.setMargin(runsPane, new Insets(4, 10, 0, 10));
        VBox.setMargin(savedBar, new Insets(4, 10, 0, 10));
        runPart.getChildren().addAll(scroll, new Separator(), scrubber, exportRow);
        VBox.setVgrow(runPart, Priority.ALWAYS);
        VBox.setVgrow(groupView, Priority.ALWAYS);
        return new VBox(runsPane, savedBar, groupView, runPart);
    }

    /** What the Start button does: starts a fresh run, or resumes the paused one. */
    public void startRun() {
        onStart();
    }

    private void onStart() {
        if (controller.start(design)) beginRun();
        runMessage = "";
        // Start (or Resume) means "show me it training": back to the newest epoch, even if the user had scrubbed back.
        scrubber.followLatest();
    }

    private void onStep() {
        if (controller.step(design)) beginRun();
    }

    private void onStop() {
        controller.stop();
        rate.reset();
        updateControls(shownProgress);
    }

    /** A fresh run: forget the previous one's curves, snapshots and messages (and a shown saved run). */
    private void beginRun() {
        showRunPart(true);
        opened = null;
        savedBar.hide();
        endedState = null;
        runs.refresh();
        charts.clear();
        scrubber.clear();
        heatmaps.clear();
        confusion.clear();
        evolution.show(null, List.of());
        heatmaps.setLayers(controller.runLayers());
        exportModelButton.setDisable(true);
        rate.reset();
        clock.reset();
        showTimes(0, Double.NaN, Double.NaN);
        runMessage = "";
        shownVersion = -1;
        shownPausedSnapshot = null;
        shownProgress = null;
        shownState = null;
        historyGate.reset();
        statusGate.reset();
        curvesGate.reset();
        shownCurvesVersion = -1;
    }

    private void designChanged(NetworkDesign d, int pair) {
        heatmaps.designChanged();
        if (pair >= 0) {
            HintEdit h = hintEdit;
            if (h != null && h.pair() == pair) controller.maskChanged(pair, d.mask(pair), h.kind(), h.label());
            else controller.maskChanged(pair, d.mask(pair));
            return;
        }
        form.refresh();
        // Before the first run the pair chooser follows the design; afterwards it names the shown run's layers.
        if (controller.trainer() == null) heatmaps.setLayers(d.layers());
        controller.settingsChanged(d.settings());
        runMessage = controller.structureDiffers(d)
                ? "The layers changed since this run started; it keeps training the old network. Stop, then Start to train the new one."
                : "";
    }

    /**
     * Once per frame: cheap reads of the trainer's latest values; redraws only what changed. While the trainer runs,
     * new epochs reach the curves, scrubber and heatmaps in batches a few times a second; once it stops running
     * (paused, finished, failed, closed), at once, so the final picture holds every epoch.
     */
    private void poll(long now) {
        Trainer t = controller.trainer();
        if (t == null) return;
        if (t != shownTrainer) {
            shownTrainer = t;
            shownVersion = -1;
        }
        // Progress before history: when the progress says it stopped, the history read after it is complete.
        Trainer.Progress p = t.progress();
        boolean running = p.state() == Trainer.State.RUNNING;
        if (maskGate.pass(now, !running)) controller.followTrainer(design);
        long version = t.history().version();
        if (opened == null && version != shownVersion && historyGate.pass(now, !running || shownVersion < 0)) {
            shownVersion = version;
            List<TrainingSnapshot> snapshots = t.history().snapshots();
            scrubber.setSnapshots(snapshots);
            evolution.show(controller.runLayers(), snapshots);
        }
        LiveCurves live = controller.liveCurves();
        if (opened == null && live != null && live.version() != shownCurvesVersion && curvesGate.pass(now, !running || shownCurvesVersion < 0)) {
            shownCurvesVersion = live.version();
            showCurves(live.view());
        }
        if (opened == null) showPausedSnapshot(t.pausedSnapshot(), p);
        refreshRunsWhenSettled(p.state());
        long done = (long) p.epoch() * p.stepsPerEpoch() + p.step();
        // Only running time counts: a pause neither lowers the rate nor adds to the elapsed time.
        double stepsPerSecond = running ? rate.update(now, done) : rate.hold();
        clock.update(now, running, done);
        if (statusGate.pass(now, p.state() != shownState)) {
            shownProgress = p;
            shownState = p.state();
            updateControls(p);
            int epochs = design.settings().epochs();
            String problem = controller.recordingProblem();
            status.setText((controller.active() ? "" : "Stopped · ")
                    + StatusText.of(p, epochs, stepsPerSecond, controller.loading())
                    + (problem != null ? " · " + problem : controller.runDir() != null ? " · saving to " + controller.runDir().getFileName() : ""));
            long planned = (long) epochs * p.stepsPerEpoch();
            double remaining = p.state() == Trainer.State.FINISHED ? 0 : RunClock.remainingSeconds(done, planned, clock.averageRate());
            showTimes(RunClock.fraction(done, planned), clock.elapsedSeconds(), remaining);
            updateSummary(t, p);
        }
    }

    /**
     * When the run stops running (finished, paused, diverged, closed) its row changes: the list is read again, and
     * once more when the recorder has written the folder's final state (run.json's status is written off the FX
     * thread, after the trainer has already said it ended).
     */
    private void refreshRunsWhenSettled(Trainer.State state) {
        boolean settled = state != Trainer.State.RUNNING;
        if (settled && state != endedState && controller.runDir() != null) runs.refresh();
        endedState = settled ? state : null;
        long recorded = controller.recordedEnds();
        if (recorded != shownRecordedEnds) {
            shownRecordedEnds = recorded;
            runs.refresh();
        }
    }

    private void showTimes(double fraction, double elapsedSeconds, double remainingSeconds) {
        runProgress.setProgress(fraction);
        runTime.setText("elapsed " + NumberText.duration(elapsedSeconds) + " · remaining " + NumberText.duration(remainingSeconds));
    }

    /** The editor's indicator: "Training · epoch 12 · acc 93.1%" while a run is active (validation accuracy when there is a split). */
    private void updateSummary(Trainer t, Trainer.Progress p) {
        boolean active = controller.active();
        training.set(active);
        if (!active) {
            summary.set("");
            return;
        }
        String what = switch (p.state()) {
            case PAUSED -> controller.loading() ? "Training" : "Paused";
            case FINISHED -> "Finished";
            case DIVERGED -> "Diverged";
            default -> "Training";
        };
        // The newest completed epoch with its accuracy, so the two numbers belong together.
        TrainingSnapshot latest = t.history().latest();
        StringBuilder sb = new StringBuilder(what).append(" · epoch ").append(latest != null ? latest.epoch() : p.epoch());
        if (latest != null && latest.epoch() > 0) {
            EpochMetrics m = latest.metrics();
            double acc = Double.isNaN(m.valAccuracy()) ? m.trainAccuracy() : m.valAccuracy();
            sb.append(String.format(Locale.ROOT, " · acc %.1f%%", 100 * acc));
        }
        summary.set(sb.toString());
    }

    /** True while a run is active (running, paused, finished but not stopped); the editor shows an indicator. */
    public ReadOnlyBooleanProperty trainingProperty() { return training.getReadOnlyProperty(); }

    /** One line about the active run for the editor, e.g. "Training · epoch 12 · acc 93.1%"; empty when none. Updated at most 4 times a second. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }

    /** After Step or a mask edit while paused, the heatmaps show the network between epochs (when following the latest). */
    private void showPausedSnapshot(TrainingSnapshot s, Trainer.Progress p) {
        if (s == null || s == shownPausedSnapshot) return;
        shownPausedSnapshot = s;
        if (!scrubber.latestSelected()) return;
        heatmaps.show(s);
        // The session's step count stays at the epoch's length until the next epoch's first batch: that is its end too.
        boolean atEnd = p.step() == 0 || p.step() >= p.stepsPerEpoch();
        scrubber.noteBetweenEpochs(atEnd ? "end of epoch " + p.epoch() : "epoch " + p.epoch() + " + " + p.step() + " steps");
    }

    private void updateControls(Trainer.Progress p) {
        boolean active = controller.active();
        boolean isLoading = controller.loading();
        Trainer.State s = active && p != null ? p.state() : null;
        boolean running = s == Trainer.State.RUNNING;
        boolean finished = s == Trainer.State.FINISHED;
        start.setDisable(isLoading || running || finished);
        pause.setDisable(!active || !(running || isLoading));
        step.setDisable(isLoading || finished);
        stop.setDisable(!active);
        loading.setVisible(isLoading);
        form.setRunActive(active);
        String problem = p != null && (p.state() == Trainer.State.DIVERGED || p.state() == Trainer.State.FAILED) ? p.message() : "";
        String text = !problem.isEmpty() ? problem : runMessage;
        message.setText(text);
        message.setVisible(!text.isEmpty());
    }

    /** The snapshot the heatmaps, hints and Prune/Grow buttons show (null before any); lets the window's tests check what they act on. */
    public TrainingSnapshot heatmapSnapshot() { return heatmaps.shownSnapshot(); }

    /** The mask-evolution pictures shown (null before any); lets the window's tests compare them with the run's masks. */
    public FanOutFrames maskEvolutionFrames() { return evolution.shownFrames(); }

    /** The current or last run's trainer (null before the first run); lets the window's tests watch the run. */
    public Trainer trainer() { return controller.trainer(); }

    // Package-private views for the tests.
    TrainingController controller() { return controller; }
    CurvesPanel charts() { return charts; }
    LayerHeatmaps heatmaps() { return heatmaps; }
    EpochScrubber scrubber() { return scrubber; }
    ConfusionView confusion() { return confusion; }
    MaskEvolutionView evolution() { return evolution; }
    RunsList runs() { return runs; }
    SavedRunBar savedBar() { return savedBar; }
    RunGroupView groupView() { return groupView; }
    Label message() { return message; }
    Label status() { return status; }
    ProgressBar runProgress() { return runProgress; }
    Label runTime() { return runTime; }

    private static Button button(String id, String text, String help) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(help));
        b.setMinWidth(60);
        return b;
    }
}
