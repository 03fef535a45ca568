package io.maskstudio.ui;

import io.maskstudio.render.Figures;
import io.maskstudio.ui.editor.MatrixTool;
import io.maskstudio.ui.training.TrainingPanel;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Region;
import org.controlsfx.control.action.Action;
import org.controlsfx.control.action.ActionGroup;
import org.controlsfx.control.action.ActionUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The window's commands as ControlsFX actions, shared by the menu bar and the toolbar (one accelerator each). */
final class WindowActions {
    final Action open, openRun, save, saveAs, importMask, exportMask, exportBipartite, exportMatrix, quit;
    final Action undo, redo, connect, disconnect, clearSelection, generators, networkDensity;
    final Action addLayer, removeLayer, editLayer;
    final Action fitViews, arrangeViews, brush, rectangle, row, column, select;
    final Action shortcuts, about, exportModel;
    final List<Action> chartExports = new ArrayList<>();
    private final Menu recentMenu = new Menu("Open Recent");
    private final MainWindow w;

    WindowActions(MainWindow w) {
        this.w = w;
        open = action("Open…", "Shortcut+O", e -> w.files().open());
        openRun = action("Open Run…", "Shortcut+Shift+O", e -> w.chooseRun());
        openRun.setLongText("Open a run folder (saved by the app or by train --out) in the Training tab");
        save = action("Save", "Shortcut+S", e -> w.files().save());
        saveAs = action("Save As…", "Shortcut+Shift+S", e -> w.files().saveAs());
        importMask = action("Import Mask…", "Shortcut+I", e -> w.maskImport().chooseAndImport());
        exportMask = action("Export Mask…", "Shortcut+E", e -> w.files().exportMask());
        exportBipartite = action("Export Bipartite Figure…", null, e -> w.files().exportFigure(Figures.View.BIPARTITE));
        exportMatrix = action("Export Matrix Figure…", null, e -> w.files().exportFigure(Figures.View.MATRIX));
        exportModel = action("Export Model…", null, e -> w.exportTraining(TrainingPanel::exportModel));
        exportModel.setLongText("Write the model export files (model.npz, load_model.py, ...) of the epoch the Training tab's scrubber shows");
        for (TrainingPanel.ChartSide side : TrainingPanel.ChartSide.values()) {
            String which = side == TrainingPanel.ChartSide.LEFT ? "Left (Loss) Chart" : "Right (Accuracy) Chart";
            for (String kind : List.of("png", "svg", "csv")) {
                chartExports.add(action(which + (kind.equals("csv") ? " Data as CSV…" : " as " + kind.toUpperCase(Locale.ROOT) + "…"), null,
                        e -> w.exportTraining(t -> t.exportChart(side, kind))));
            }
        }
        quit = action("Quit", "Shortcut+Q", e -> w.requestClose());
        undo = action("Undo", "Shortcut+Z", e -> w.undo());
        redo = action("Redo", "Shortcut+Shift+Z", e -> w.redo());
        connect = action("Connect Selection", "Shortcut+K", e -> w.connectSelection(true));
        disconnect = action("Disconnect Selection", "Shortcut+Shift+K", e -> w.connectSelection(false));
        clearSelection = action("Clear Selection", null, e -> w.clearSelection());
        generators = action("Generators…", "Shortcut+G", e -> w.showGenerators());
        networkDensity = action("Sparse Network at Density…", null, e -> w.showNetworkDensity());
        networkDensity.setLongText("Random masks for every pair at one overall density, allocated uniformly or by ERK");
        addLayer = action("Add Layer", "Shortcut+L", e -> w.layers().addAfter(w.selectedLayer()));
        removeLayer = action("Remove Layer", null, e -> w.layers().remove(w.selectedLayer()));
        editLayer = action("Edit Layer…", null, e -> w.layers().edit(w.selectedLayer()));
        fitViews = action("Fit Views", "Shortcut+0", e -> w.fitViews());
        arrangeViews = action("Stacked / Side by Side", "Shortcut+Shift+V", e -> w.editor().toggleOrientation());
        brush = tool("Brush", "Shortcut+1", MatrixTool.BRUSH);
        rectangle = tool("Rectangle", "Shortcut+2", MatrixTool.RECTANGLE);
        row = tool("Row Toggle", "Shortcut+3", MatrixTool.ROW);
        column = tool("Column Toggle", "Shortcut+4", MatrixTool.COLUMN);
        select = tool("Select", "Shortcut+5", MatrixTool.SELECT);
        shortcuts = action("Mouse and Keyboard…", "F1", e -> w.showShortcuts());
        about = action("About MaskStudio", null, e -> w.showAbout());
        about.setLongText("Version, and what training computes with: ND4J's backend, the OpenBLAS core, the sparse kernels' loops, threads");
        undo.setLongText("Undo the last change");
        redo.setLongText("Redo the last undone change");
        generators.setLongText("Generate or combine a connectivity pattern for this pair or the selection");
        w.files().recent().files().addListener((ListChangeListener<Path>) c -> fillRecent());
        fillRecent();
    }

    private static Action action(String text, String accelerator, Consumer<ActionEvent> handler) {
        Action a = new Action(text, handler);
        if (accelerator != null) a.setAccelerator(KeyCombination.keyCombination(accelerator));
        return a;
    }

    private Action tool(String text, String accelerator, MatrixTool t) {
        return action("Matrix Tool: " + text, accelerator, e -> w.editor().matrix().toolProperty().set(t));
    }

    MenuBar menuBar() {
        ActionGroup file = new ActionGroup("File", open, openRun, ActionUtils.ACTION_SEPARATOR, save, saveAs, ActionUtils.ACTION_SEPARATOR,
                importMask, exportMask, exportBipartite, exportMatrix, ActionUtils.ACTION_SEPARATOR,
                new ActionGroup("Export Training Charts", chartExports), exportModel, ActionUtils.ACTION_SEPARATOR, quit);
        ActionGroup edit = new ActionGroup("Edit", undo, redo, ActionUtils.ACTION_SEPARATOR, connect, disconnect, clearSelection,
                ActionUtils.ACTION_SEPARATOR, generators, networkDensity);
        ActionGroup layer = new ActionGroup("Layer", addLayer, removeLayer, editLayer);
        ActionGroup view = new ActionGroup("View", fitViews, arrangeViews, ActionUtils.ACTION_SEPARATOR, brush, rectangle, row, column, select);
        ActionGroup help = new ActionGroup("Help", shortcuts, ActionUtils.ACTION_SEPARATOR, about);
        MenuBar bar = ActionUtils.createMenuBar(List.of(file, edit, layer, view, help));
        bar.getMenus().get(0).getItems().add(1, recentMenu);
        bar.setId("menuBar");
        return bar;
    }

    ToolBar toolBar() {
        ToolBar t = ActionUtils.createToolBar(List.of(open, save, ActionUtils.ACTION_SEPARATOR, ActionUtils.ACTION_SEPARATOR,
                generators, importMask, exportMask), ActionUtils.ActionTextBehavior.SHOW);
        t.getItems().addAll(3, List.of(fixedLabel(undo, "Undo", "toolbarUndo"), fixedLabel(redo, "Redo", "toolbarRedo")));
        t.setId("toolBar");
        return t;
    }

    /**
     * A toolbar button whose label never changes: the action's text names the step ("Undo Random density …:
     * 880 cells") and would widen the toolbar with every edit, so it goes into the tooltip (and the menu) only.
     */
    private static Button fixedLabel(Action a, String label, String id) {
        Button b = new Button(label);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setFocusTraversable(false);
        b.disableProperty().bind(a.disabledProperty());
        b.setOnAction(a::handle);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(
                () -> a.getText() + (a.getAccelerator() == null ? "" : "  (" + a.getAccelerator().getDisplayText() + ")"),
                a.textProperty(), a.acceleratorProperty()));
        b.setTooltip(tip);
        return b;
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : w.files().recent().files()) {
            MenuItem item = new MenuItem(p.getFileName() + "  —  " + (p.getParent() == null ? "" : p.getParent()));
            item.setMnemonicParsing(false);
            item.setOnAction(e -> w.files().openRecent(p));
            recentMenu.getItems().add(item);
        }
        if (recentMenu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(none yet)");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        } else {
            MenuItem clear = new MenuItem("Clear List");
            clear.setOnAction(e -> List.copyOf(w.files().recent().files()).forEach(w.files().recent()::remove));
            recentMenu.getItems().addAll(new SeparatorMenuItem(), clear);
        }
    }
}
