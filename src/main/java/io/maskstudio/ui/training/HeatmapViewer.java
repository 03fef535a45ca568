package io.maskstudio.ui.training;

import io.maskstudio.model.LayerSpec;
import io.maskstudio.render.Cell;
import io.maskstudio.render.MatrixViewport;
import io.maskstudio.ui.fx.TaskRunner;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The heatmaps of the shown layer pair, large: a resizable window owned by the main window with one map at full
 * resolution ({@link HeatmapCanvas}: zoom, pan, hovered cell's value), its colour bar, and for image-shaped inputs
 * the receptive fields. It shows whatever {@link LayerHeatmaps} shows, so it follows the scrubber and the pair chooser.
 */
final class HeatmapViewer {
    /** What the tiles show now. */
    record Content(String pair, String when, LayerMaps maps, LayerSpec input) {}

    private static final String RECEPTIVE_FIELDS = "receptive";
    private final Stage stage = new Stage();
    private final HeatmapCanvas canvas;
    private final ReceptiveFieldsView fields;
    private final ColorBar colorBar = new ColorBar();
    private final ToggleGroup choice = new ToggleGroup();
    private final Map<HeatmapKind, ToggleButton> kindButtons = new EnumMap<>(HeatmapKind.class);
    private final ToggleButton fieldsButton = new ToggleButton("Receptive fields");
    private final Label title = new Label();
    private final Label placeholder = new Label();
    private final Label readout = new Label();
    private final Label zoomText = new Label();
    private final HBox zoomButtons;
    private final Label notice = new Label();
    private final MenuItem exportPng = new MenuItem("Export PNG…");
    private final MenuItem exportNpy = new MenuItem("Export NPY…");
    private Content content;

    HeatmapViewer(Window owner, TaskRunner runner) {
        canvas = new HeatmapCanvas(runner);
        fields = new ReceptiveFieldsView(runner);
        HBox toggles = new HBox(4);
        for (HeatmapKind k : HeatmapKind.values()) {
            ToggleButton b = new ToggleButton(k.title());
            b.setId("viewer" + k.name());
            b.setUserData(k);
            b.setToggleGroup(choice);
            kindButtons.put(k, b);
            toggles.getChildren().add(b);
        }
        fieldsButton.setId("viewerReceptiveFields");
        fieldsButton.setUserData(RECEPTIVE_FIELDS);
        fieldsButton.setToggleGroup(choice);
        fieldsButton.setTooltip(new Tooltip("Each output neuron's incoming weights in the shape of the input image."));
        toggles.getChildren().add(fieldsButton);
        // A toggle group lets the user unselect everything; the viewer always shows something.
        choice.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null && was != null) was.setSelected(true);
            else refresh();
        });

        Button zoomOut = button("zoomOut", "−", "Zoom out (− key)", () -> canvas.zoom(1 / 1.25));
        Button zoomIn = button("zoomIn", "+", "Zoom in (+ key; or scroll over the map)", () -> canvas.zoom(1.25));
        Button fit = button("zoomFit", "Fit", "Show the whole matrix (F key)", canvas::fit);
        zoomButtons = new HBox(4, zoomOut, zoomIn, fit);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, toggles, spacer, zoomButtons);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        title.setId("heatmapViewerTitle");
        title.getStyleClass().add("viewer-title");
        VBox top = new VBox(6, toolbar, title);

        placeholder.setId("heatmapViewerMessage");
        placeholder.getStyleClass().add("viewer-message");
        placeholder.setWrapText(true);
        StackPane centre = new StackPane(canvas, placeholder, fields);
        canvas.getStyleClass().add("viewer-canvas");

        readout.setId("heatmapReadout");
        zoomText.setId("heatmapZoom");
        zoomText.getStyleClass().add("viewer-zoom");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        notice.setId("heatmapViewerNotice");
        notice.getStyleClass().add("viewer-zoom");
        HBox status = new HBox(8, readout, gap, notice, zoomText);
        VBox bottom = new VBox(4, colorBar, status);

        BorderPane root = new BorderPane(centre, top, null, bottom, null);
        root.setId("heatmapViewer");
        root.getStyleClass().add("heatmap-viewer");
        root.setPadding(new Insets(10));
        BorderPane.setMargin(centre, new Insets(8, 0, 8, 0));

        exportPng.setId("viewerExportPng");
        exportNpy.setId("viewerExportNpy");
        ContextMenu menu = new ContextMenu(exportPng, exportNpy);
        menu.setOnShowing(e -> {
            exportPng.setDisable(canvas.map() == null || !canvas.isVisible());
            exportNpy.setDisable(canvas.map() == null || !canvas.isVisible());
        });
        ContextMenus.attach(canvas, menu);
        canvas.viewportProperty().addListener((o, a, b) -> updateZoomText());
        canvas.hoveredCellProperty().addListener((o, a, b) -> updateReadout());
        fields.readoutProperty().addListener((o, a, b) -> updateReadout());
        fields.sharedRangeProperty().addListener((o, a, b) -> refresh());

        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        scene.getStylesheets().add(HeatmapViewer.class.getResource("heatmap-viewer.css").toExternalForm());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) stage.hide();
        });
        stage.setScene(scene);
        if (owner != null) stage.initOwner(owner);
        stage.setTitle("Heatmap");
        stage.setMinWidth(520);
        stage.setMinHeight(380);
        placeOnScreen();
    }

    /** Large, but inside the screen's visible area, whatever the main window's size. */
    private void placeOnScreen() {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = Math.min(1100, screen.getWidth() * 0.9), h = Math.min(800, screen.getHeight() * 0.9);
        stage.setWidth(w);
        stage.setHeight(h);
        stage.setX(screen.getMinX() + (screen.getWidth() - w) / 2);
        stage.setY(screen.getMinY() + (screen.getHeight() - h) / 2);
    }

    /** Shows the window on {@code kind} (null: the receptive fields) and brings it to the front. */
    void open(HeatmapKind kind) {
        Toggle t = kind == null ? fieldsButton : kindButtons.get(kind);
        if (!t.isSelected()) t.setSelected(true);
        else refresh();
        if (!stage.isShowing()) stage.show();
        stage.toFront();
        if (kind != null) canvas.requestFocus();
    }

    /**
     * What the map's context menu does: {@code (kind shown, png)}, png false for NPY. The viewer's stage is the
     * owner of any chooser the action opens.
     */
    void setOnExport(BiConsumer<HeatmapKind, Boolean> action) {
        exportPng.setOnAction(e -> action.accept(canvas.map().kind(), true));
        exportNpy.setOnAction(e -> action.accept(canvas.map().kind(), false));
    }

    /** The outcome of an export started here. */
    void showNotice(String text) {
        notice.setText(text);
    }

    boolean isShowing() {
        return stage.isShowing();
    }

    /** New data (another snapshot or pair): the zoom stays while the matrix keeps its shape. */
    void show(Content c) {
        content = c;
        refresh();
    }

    /** No run: nothing to show. */
    void clear() {
        content = null;
        refresh();
    }

    void close() {
        stage.hide();
    }

    Stage stage() { return stage; }

    private void refresh() {
        Toggle t = choice.getSelectedToggle();
        if (t == null) return;
        boolean receptive = t.getUserData() == RECEPTIVE_FIELDS;
        boolean imageInput = content != null && content.input() != null && content.input().hasShape();
        fieldsButton.setDisable(!imageInput);
        fieldsButton.setTooltip(new Tooltip(imageInput ? "Each output neuron's incoming weights in the shape of the input image."
                : "Only for pairs whose input layer has an image shape (height × width)."));
        HeatmapKind kind = receptive ? HeatmapKind.WEIGHTS : (HeatmapKind) t.getUserData();
        LayerMap map = content == null ? null : content.maps().get(kind);
        String what = receptive ? "Receptive fields" : kind.title();
        stage.setTitle(what + (content == null ? "" : " · " + content.pair()));
        title.setText(content == null ? what : what + " · " + content.pair() + " · " + content.when());

        boolean showFields = receptive && imageInput && map != null;
        boolean showCanvas = !receptive && map != null;
        fields.setVisible(showFields);
        canvas.setVisible(showCanvas);
        zoomButtons.setDisable(!showCanvas);
        if (showFields && !fields.sharedRangeProperty().get()) colorBar.showPerTile(map.colors());
        else colorBar.show(showCanvas || showFields ? map : null);
        canvas.setMap(showCanvas ? map : null);
        if (showFields) fields.show(map, content.input());
        placeholder.setVisible(!showCanvas && !showFields);
        placeholder.setText(content == null ? "Start training to see this map."
                : receptive && !imageInput ? "The input layer of this pair has no image shape."
                : missingText(kind));
        updateReadout();
        updateZoomText();
    }

    private String missingText(HeatmapKind kind) {
        return switch (kind) {
            case WEIGHTS -> "Not copied: this layer is too large to snapshot every epoch.";
            case GROWTH -> content.maps().gradient() == null ? "No gradient yet: train at least one batch."
                    : "Every connection exists: there is nothing to grow.";
            default -> "No gradient yet: train at least one batch.";
        };
    }

    private void updateReadout() {
        if (fields.isVisible()) {
            String s = fields.readoutProperty().get();
            readout.setText(s.isEmpty() ? "Hover a tile to read a weight." : s);
            return;
        }
        LayerMap m = canvas.isVisible() ? canvas.map() : null;
        Cell c = canvas.hoveredCellProperty().get();
        if (m == null || c == null || c.row() >= m.rows() || c.col() >= m.cols()) {
            readout.setText(m == null ? "" : "Hover a cell to read its value.");
            return;
        }
        readout.setText(String.format(Locale.ROOT, "out %d, in %d: ", c.row(), c.col()) + valueText(m, m.value(c.row(), c.col())));
    }

    private static String valueText(LayerMap m, float v) {
        return switch (m.kind()) {
            case MASK -> v > 0 ? "connected" : "no connection";
            case GROWTH -> Float.isNaN(v) ? "connected (the growth map shows absent connections only)"
                    : String.format(Locale.ROOT, "|g| = %.4g", v);
            default -> Float.isNaN(v) ? "no connection" : String.format(Locale.ROOT, "%s = %.4g", m.kind().symbol(), v);
        };
    }

    private void updateZoomText() {
        MatrixViewport vp = canvas.viewport();
        if (vp == null || !canvas.isVisible()) {
            zoomText.setText("");
            return;
        }
        int r0 = Math.max(0, vp.firstVisibleRow()), r1 = Math.min(vp.rows() - 1, vp.lastVisibleRow());
        int c0 = Math.max(0, vp.firstVisibleCol()), c1 = Math.min(vp.cols() - 1, vp.lastVisibleCol());
        zoomText.setText(String.format(Locale.ROOT, "%.3g px per cell · rows %d–%d, columns %d–%d of %d × %d",
                vp.cellSize(), r0, r1, c0, c1, vp.rows(), vp.cols()));
    }

    private static Button button(String id, String text, String help, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(help));
        b.setOnAction(e -> action.run());
        b.setMinWidth(36);
        return b;
    }
}
