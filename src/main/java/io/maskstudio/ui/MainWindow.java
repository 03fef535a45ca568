package io.maskstudio.ui;

import io.maskstudio.io.GraphExtras;
import io.maskstudio.io.GraphFile;
import io.maskstudio.io.LoadedGraph;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.edit.EditHistory;
import io.maskstudio.model.edit.MaskEdit;
import io.maskstudio.runs.RunFolder;
import io.maskstudio.runs.RunFolders;
import io.maskstudio.runs.RunGroup;
import io.maskstudio.runs.RunLayout;
import io.maskstudio.ui.editor.Document;
import io.maskstudio.ui.editor.EditorPane;
import io.maskstudio.ui.editor.GeneratorsDialog;
import io.maskstudio.ui.editor.LayerCommands;
import io.maskstudio.ui.editor.LayerStrip;
import io.maskstudio.ui.editor.MaskEdits;
import io.maskstudio.ui.editor.NetworkDensityDialog;
import io.maskstudio.ui.editor.Selection;
import io.maskstudio.ui.editor.StatsPanel;
import io.maskstudio.ui.fx.TaskRunner;
import io.maskstudio.ui.shell.AboutDialog;
import io.maskstudio.ui.shell.Alerts;
import io.maskstudio.ui.shell.AppDirs;
import io.maskstudio.ui.shell.Autosave;
import io.maskstudio.ui.shell.FileCommands;
import io.maskstudio.ui.shell.FileDialogs;
import io.maskstudio.ui.shell.MaskImport;
import io.maskstudio.ui.shell.NoticeBanner;
import io.maskstudio.ui.shell.RecentFiles;
import io.maskstudio.ui.shell.RecoveryOffer;
import io.maskstudio.ui.shell.StatusLine;
import io.maskstudio.ui.shell.WindowPlacement;
import io.maskstudio.ui.training.TrainingPanel;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The main window: menus and toolbar, the layer strip, the bipartite and matrix views of the current pair,
 * a side panel of tabs (Stats; Training is added there by the training package) and the status bar.
 */
public final class MainWindow {
    /** Below this the side panel and the two views no longer fit side by side. */
    static final double MIN_WIDTH = 960, MIN_HEIGHT = 640, SIDE_MIN_WIDTH = 360;
    private final Stage stage;
    private final TaskRunner tasks;
    private final Document document = new Document();
    private final BorderPane root = new BorderPane();
    private final StatusLine status = new StatusLine(document);
    private final NoticeBanner notes = new NoticeBanner();
    private final FileCommands files;
    private final MaskImport maskImport;
    private final LayerCommands layers;
    private final EditorPane editor = new EditorPane(document);
    private final LayerStrip strip;
    private final TabPane side = new TabPane();
    private final WindowActions actions;
    private final StatsPanel stats;
    private final Autosave autosave;
    private final TabPane modes = new TabPane();
    private final Tab trainingTab = new Tab("Training", new Label("Open a graph to train it."));
    private TrainingPanel training;
    private FileDialogs dialogs = FileDialogs.NATIVE;
    /** On the Editor tab while a run trains (a copy of) the design: "Training · epoch 12 · acc 93.1%". */
    private final Label trainingBadge = new Label();

    private MainWindow(Stage stage, TaskRunner tasks) {
        this.stage = stage;
        this.tasks = tasks;
        files = new FileCommands(document, stage, status, tasks, RecentFiles.load(), o -> open(o.graph(), o.file(), o.file().getFileName().toString()));
        maskImport = new MaskImport(document, stage, status, tasks);
        layers = new LayerCommands(document, stage);
        strip = new LayerStrip(document, layers);
        actions = new WindowActions(this);
        autosave = Autosave.standard(document, tasks);

        side.setId("sidePanel");
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // Wide enough for the stats panel's longest row ("Fan-out min / mean / max   1 / 5.7 / 9") without an ellipsis.
        side.setMinWidth(SIDE_MIN_WIDTH);
        stats = new StatsPanel(document, status::message, tasks);
        side.getTabs().add(new Tab("Stats", stats));
        SplitPane editing = new SplitPane(editor, side);
        editing.setDividerPositions(0.76);
        SplitPane.setResizableWithParent(side, false);
        // Editor and Training are full-width tabs: the training view needs the room for curves and heatmaps.
        Tab editorTab = new Tab("Editor", editing);
        editorTab.setId("editorTab");
        trainingBadge.setId("trainingIndicator");
        trainingBadge.getStyleClass().add("training-badge");
        trainingBadge.setVisible(false);
        editorTab.setGraphic(trainingBadge);
        trainingTab.setId("trainingTab");
        modes.getTabs().addAll(editorTab, trainingTab);
        modes.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        modes.setId("modes");
        // Opening a file replaces the design object: the training panel follows it.
        document.designProperty().addListener((o, old, d) -> showTraining(d));
        TabPane center = modes;

        root.setTop(new VBox(actions.menuBar(), actions.toolBar(), strip, notes));
        root.setCenter(center);
        root.setBottom(status.node());
        root.setId("mainWindow");

        stage.titleProperty().bind(Bindings.createStringBinding(this::title, document.nameProperty(), document.modifiedProperty()));
        document.addHistoryListener(this::historyChanged);
        document.selectionProperty().addListener((o, a, b) -> updateSelectionActions());
        historyChanged(null);
        updateSelectionActions();
        stage.setOnCloseRequest(e -> {
            e.consume();
            requestClose();
        });
    }

    /** Builds the window on {@code stage}, shows it and opens {@code file} (null: the bundled sample) in the background. */
    public static MainWindow show(Stage stage, Path file) {
        return show(stage, file, TaskRunner.background());
    }

    /** As {@link #show(Stage, Path)}, with every part's background work started through {@code tasks}. */
    public static MainWindow show(Stage stage, Path file, TaskRunner tasks) {
        MainWindow w = new MainWindow(stage, tasks);
        Scene scene = new Scene(w.root);
        scene.getStylesheets().add(MainWindow.class.getResource("maskstudio.css").toExternalForm());
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Y"), w::redo);
        stage.setScene(scene);
        // 1600x1000 is the size the views are designed for; smaller screens get their visual bounds.
        WindowPlacement.standard().place(stage, 1600, 1000, MIN_WIDTH, MIN_HEIGHT);
        stage.show();
        w.openInBackground(file);
        return w;
    }

    private void showTraining(NetworkDesign d) {
        if (d == null) return;
        if (training == null) {
            training = new TrainingPanel(d);
            training.setRunsRoot(() -> RunFolders.rootFor(document.file(), AppDirs.home()));
            training.setOnEditDesign(this::editRunDesign);
            training.setFileDialogs(dialogs);
            // Prune/Grow from the Training tab are steps of the editor's undo history, like any mask edit.
            training.setMaskEditor((pair, after, label) -> document.history().perform(MaskEdit.replace(document.design(), pair, after, label)));
            trainingTab.setContent(training);
            trainingBadge.textProperty().bind(training.summaryProperty());
            trainingBadge.visibleProperty().bind(training.trainingProperty());
        } else {
            training.setDesign(d);
        }
    }

    /** Adds a tab to the side panel (the training package adds "Training" here). */
    public Tab addSideTab(String title, Node content) {
        Tab t = new Tab(title, content);
        side.getTabs().add(t);
        return t;
    }

    private String title() {
        String n = document.name();
        if (n == null || n.isEmpty()) return "MaskStudio";
        return (document.isModified() ? "*" : "") + n + " — MaskStudio";
    }

    void openInBackground(Path file) {
        tasks.run(() -> file != null ? GraphFile.load(file) : new LoadedGraph(App.loadSample(), GraphExtras.none(), GraphFile.FORMAT_VERSION),
                loaded -> {
                    open(loaded, file, file != null ? file.getFileName().toString() : App.SAMPLE_NAME + " (sample)");
                    if (file != null) {
                        files.recent().add(file);
                        status.message(FileCommands.openedMessage(file, loaded));
                    }
                    autosave.start();
                    offerRecovery();
                },
                failure -> Alerts.error(stage, "Cannot open " + (file != null ? file : "the sample graph"),
                        FileCommands.describe(failure, file != null ? file : Path.of(App.SAMPLE_NAME))));
    }

    /**
     * Starts training as soon as the graph has opened (the command line's {@code --train}): the Training tab comes
     * to the front and its Start runs, as if the user had clicked them.
     */
    public void startTrainingOnceOpen() {
        whenTrainingReady(() -> {
            modes.getSelectionModel().select(trainingTab);
            training.startRun();
        });
    }

    /**
     * Shows a saved run folder in the Training tab as soon as the window has a training panel (the command line's
     * {@code maskstudio RUNDIR}, File → Open Run…).
     */
    public void openRunOnceReady(Path runDir) {
        whenTrainingReady(() -> {
            modes.getSelectionModel().select(trainingTab);
            training.openRun(runDir);
        });
    }

    /** File → Open Run…: a folder chooser, then the run in the Training tab; a folder that is not a run says why. */
    void chooseRun() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open run folder");
        Path root = RunFolders.rootFor(document.file(), AppDirs.home());
        if (Files.isDirectory(root)) dc.setInitialDirectory(root.toFile());
        File chosen = dialogs.showDirectory(dc, stage);
        if (chosen == null) return;
        Path dir = chosen.toPath();
        if (!RunFolder.isRunFolder(dir) && !RunGroup.isGroup(dir)) {
            Alerts.error(stage, "Not a run folder", dir + ": expected a folder with " + RunLayout.RUN_JSON + " or " + RunLayout.METRICS_CSV
                    + " (what the app and train --out write), or a sweep or lottery folder (" + RunGroup.SWEEP_JSON + ", " + RunGroup.LOTTERY_JSON + ")");
            return;
        }
        openRunOnceReady(dir);
    }

    /** File → Export Training Charts / Model: the Training tab's exports, with the tab brought to the front. */
    void exportTraining(Consumer<TrainingPanel> export) {
        if (training == null) return;
        modes.getSelectionModel().select(trainingTab);
        export.accept(training);
    }

    /** "Edit this design" of a shown saved run: its design becomes the editor's (unsaved) document. */
    private void editRunDesign(NetworkDesign d) {
        files.whenChangesAreSafe(() -> {
            document.openUnsaved(d, "run design.graph.json");
            modes.getSelectionModel().select(0);
            status.message("The run's design is in the editor; Save As… keeps it");
        });
    }

    private void whenTrainingReady(Runnable action) {
        if (document.design() != null && training != null) {
            action.run();
            return;
        }
        document.designProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends NetworkDesign> o, NetworkDesign old, NetworkDesign d) {
                if (d == null || training == null) return;
                document.designProperty().removeListener(this);
                action.run();
            }
        });
    }

    /** Shows a graph read from {@code file}, keeping its unknown fields for saving and telling the user about them. */
    void open(LoadedGraph g, Path file, String name) {
        document.open(g.design(), g.extras(), file, name);
        notes.show(g.notes());
    }

    /** Looks for work a crashed session autosaved and offers to restore it (without blocking). */
    private void offerRecovery() {
        tasks.run(() -> Autosave.leftovers(AppDirs.autosave()), (List<Autosave.Leftover> found) -> {
            if (!found.isEmpty()) RecoveryOffer.show(stage, found.get(0), this::restore);
        });
    }

    private void restore(Autosave.Leftover l) {
        tasks.run(() -> GraphFile.load(l.graph()), recovered -> {
            String name = l.original() != null ? l.original().getFileName().toString() : "recovered.graph.json";
            // The autosave carries the unknown fields of the file the work came from: saving writes them back there.
            document.openRecovered(recovered.design(), recovered.extras(), l.original(), name);
            notes.show(recovered.notes());
            Autosave.forget(l);
            status.message("Restored unsaved work from " + l.graph() + (l.original() != null ? " (was " + l.original() + ")" : ""));
        }, failure -> Alerts.error(stage, "Cannot restore the autosaved work", FileCommands.describe(failure, l.graph())));
    }

    private void historyChanged(EditHistory h) {
        boolean ready = h != null;
        actions.undo.setDisabled(!ready || !h.canUndo());
        actions.redo.setDisabled(!ready || !h.canRedo());
        actions.undo.setText(ready && h.canUndo() ? "Undo " + h.undoDescription().orElse("") : "Undo");
        actions.redo.setText(ready && h.canRedo() ? "Redo " + h.redoDescription().orElse("") : "Redo");
    }

    private void updateSelectionActions() {
        Selection s = document.selection();
        boolean both = s.sourceCount() > 0 && s.targetCount() > 0;
        actions.connect.setDisabled(!both);
        actions.disconnect.setDisabled(!both);
        actions.clearSelection.setDisabled(s.isEmpty());
    }

    void undo() {
        if (document.history() != null && document.history().undo()) status.message("Undone");
    }

    void redo() {
        if (document.history() != null && document.history().redo()) status.message("Redone");
    }

    void connectSelection(boolean connect) {
        Selection s = document.selection();
        long n = MaskEdits.setAll(document, s.sources(), s.targets(), connect);
        status.message((connect ? "Connected " : "Disconnected ") + n + " cells");
    }

    void clearSelection() {
        document.select(Selection.NONE);
    }

    /** Opens the generators dialog for the current pair (non-modal wait: the dialog applies itself on Apply). */
    GeneratorsDialog showGenerators() {
        if (document.design() == null) return null;
        GeneratorsDialog d = new GeneratorsDialog(stage, document, tasks);
        d.show();
        return d;
    }

    /** Opens the network-wide density dialog (applies itself on Apply, as the generators dialog does). */
    NetworkDensityDialog showNetworkDensity() {
        if (document.design() == null) return null;
        NetworkDensityDialog d = new NetworkDensityDialog(stage, document, tasks);
        d.show();
        return d;
    }

    void fitViews() {
        editor.bipartite().fit();
        editor.matrix().fit();
    }

    void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("MaskStudio");
        a.setHeaderText("Mouse and keyboard");
        a.setContentText(String.join("\n",
                "Bipartite view:",
                "  drag neuron → neuron (other side): connect; the selection when the neuron is selected",
                "  Shift+drag: disconnect",
                "  click neuron: select (Ctrl toggles); click connection: select it, Delete removes it",
                "  drag on empty space: rectangle or lasso selection (Ctrl adds); Esc clears",
                "Matrix view:",
                "  Brush: drag paints; Shift or right button erases; brush size in cells",
                "  Rectangle: drag fills, Shift/right clears; Row/Column: click toggles; Select: drag selects",
                "Both: scroll zooms at the mouse, middle-drag pans, Fit shows everything",
                "Undo Ctrl+Z, redo Ctrl+Shift+Z or Ctrl+Y"));
        a.show();
    }

    void showAbout() {
        AboutDialog.show(stage, AppDirs.home());
    }

    /** Closes the window, offering to save unsaved changes first. */
    void requestClose() {
        files.whenChangesAreSafe(() -> {
            dispose();
            stage.close();
        });
    }

    /**
     * Stops what outlives a closed stage: the autosave timer and the training run with its frame timer (both keep
     * the window, its design and the run's history reachable).
     */
    void dispose() {
        autosave.stop();
        if (training != null) training.dispose();
    }

    int selectedLayer() {
        return strip.selectedLayerProperty().get();
    }

    /** Answers the file choosers of File > Open, Save As, Import and Export (tests; the default is the native chooser). */
    void setFileDialogs(FileDialogs d) {
        dialogs = d;
        files.setDialogs(d);
        if (training != null) training.setFileDialogs(d);
        maskImport.setDialogs(d);
    }

    NoticeBanner notes() { return notes; }
    Document document() { return document; }
    Stage stage() { return stage; }
    BorderPane root() { return root; }
    FileCommands files() { return files; }
    MaskImport maskImport() { return maskImport; }
    LayerCommands layers() { return layers; }
    EditorPane editor() { return editor; }
    StatusLine status() { return status; }
    LayerStrip strip() { return strip; }
    StatsPanel stats() { return stats; }
    Autosave autosave() { return autosave; }
    WindowActions actions() { return actions; }
    TabPane modes() { return modes; }
    TrainingPanel training() { return training; }
}
