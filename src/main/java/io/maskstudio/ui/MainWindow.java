package io.maskstudio.ui;

import io.maskstudio.io.GraphExtras;
import io.maskstudio.io.GraphFile;
import io.maskstudio.io.LoadedGraph;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.edit.EditHistory;
import io.maskstudio.ui.editor.Document;
import io.maskstudio.ui.editor.EditorPane;
import io.maskstudio.ui.editor.GeneratorsDialog;
import io.maskstudio.ui.editor.LayerCommands;
import io.maskstudio.ui.editor.LayerStrip;
import io.maskstudio.ui.editor.MaskEdits;
import io.maskstudio.ui.editor.Selection;
import io.maskstudio.ui.editor.StatsPanel;
import io.maskstudio.ui.fx.Background;
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
import io.maskstudio.ui.training.TrainingPanel;
import javafx.beans.binding.Bindings;
import javafx.concurrent.Task;
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
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The main window: menus and toolbar, the layer strip, the bipartite and matrix views of the current pair,
 * a side panel of tabs (Stats; Training is added there by the training package) and the status bar.
 */
public final class MainWindow {
    private final Stage stage;
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

    private MainWindow(Stage stage) {
        this.stage = stage;
        files = new FileCommands(document, stage, status, RecentFiles.load(), o -> open(o.graph(), o.file(), o.file().getFileName().toString()));
        maskImport = new MaskImport(document, stage, status);
        layers = new LayerCommands(document, stage);
        strip = new LayerStrip(document, layers);
        actions = new WindowActions(this);
        autosave = Autosave.standard(document);

        side.setId("sidePanel");
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        side.setMinWidth(300);
        stats = new StatsPanel(document, status::message);
        side.getTabs().add(new Tab("Stats", stats));
        SplitPane editing = new SplitPane(editor, side);
        editing.setDividerPositions(0.76);
        SplitPane.setResizableWithParent(side, false);
        // Editor and Training are full-width tabs: the training view needs the room for curves and heatmaps.
        Tab editorTab = new Tab("Editor", editing);
        editorTab.setId("editorTab");
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
        MainWindow w = new MainWindow(stage);
        Scene scene = new Scene(w.root, 1600, 1000);
        scene.getStylesheets().add(MainWindow.class.getResource("maskstudio.css").toExternalForm());
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Y"), w::redo);
        stage.setScene(scene);
        stage.show();
        w.openInBackground(file);
        return w;
    }

    private void showTraining(NetworkDesign d) {
        if (d == null) return;
        if (training == null) {
            training = new TrainingPanel(d);
            trainingTab.setContent(training);
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
        Task<LoadedGraph> load = new Task<>() {
            @Override
            protected LoadedGraph call() throws Exception {
                return file != null ? GraphFile.load(file) : new LoadedGraph(App.loadSample(), GraphExtras.none(), GraphFile.FORMAT_VERSION);
            }
        };
        load.setOnSucceeded(e -> {
            open(load.getValue(), file, file != null ? file.getFileName().toString() : App.SAMPLE_NAME + " (sample)");
            if (file != null) {
                files.recent().add(file);
                status.message(FileCommands.openedMessage(file, load.getValue()));
            }
            autosave.start();
            offerRecovery();
        });
        load.setOnFailed(e -> Alerts.error(stage, "Cannot open " + (file != null ? file : "the sample graph"),
                FileCommands.describe(load.getException(), file != null ? file : Path.of(App.SAMPLE_NAME))));
        Background.run(load);
    }

    /** Shows a graph read from {@code file}, keeping its unknown fields for saving and telling the user about them. */
    void open(LoadedGraph g, Path file, String name) {
        document.open(g.design(), g.extras(), file, name);
        notes.show(g.notes());
    }

    /** Looks for work a crashed session autosaved and offers to restore it (without blocking). */
    private void offerRecovery() {
        Task<List<Autosave.Leftover>> find = new Task<>() {
            @Override
            protected List<Autosave.Leftover> call() {
                return Autosave.leftovers(AppDirs.autosave());
            }
        };
        find.setOnSucceeded(e -> {
            if (!find.getValue().isEmpty()) RecoveryOffer.show(stage, find.getValue().get(0), this::restore);
        });
        Background.run(find);
    }

    private void restore(Autosave.Leftover l) {
        Task<LoadedGraph> read = new Task<>() {
            @Override
            protected LoadedGraph call() throws Exception {
                return GraphFile.load(l.graph());
            }
        };
        read.setOnSucceeded(e -> {
            String name = l.original() != null ? l.original().getFileName().toString() : "recovered.graph.json";
            // The autosave carries the unknown fields of the file the work came from: saving writes them back there.
            document.openRecovered(read.getValue().design(), read.getValue().extras(), l.original(), name);
            notes.show(read.getValue().notes());
            Autosave.forget(l);
            status.message("Restored unsaved work from " + l.graph() + (l.original() != null ? " (was " + l.original() + ")" : ""));
        });
        read.setOnFailed(e -> Alerts.error(stage, "Cannot restore the autosaved work", FileCommands.describe(read.getException(), l.graph())));
        Background.run(read);
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
        GeneratorsDialog d = new GeneratorsDialog(stage, document);
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

    /** Closes the window, offering to save unsaved changes first. */
    void requestClose() {
        files.whenChangesAreSafe(() -> {
            autosave.stop();
            if (training != null) training.dispose();
            stage.close();
        });
    }

    int selectedLayer() {
        return strip.selectedLayerProperty().get();
    }

    /** Answers the file choosers of File > Open, Save As, Import and Export (tests; the default is the native chooser). */
    void setFileDialogs(FileDialogs d) {
        files.setDialogs(d);
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
