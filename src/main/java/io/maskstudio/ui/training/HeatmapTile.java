package io.maskstudio.ui.training;

import io.maskstudio.render.Raster;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * One titled heatmap: a raster blitted into a reused {@link WritableImage}, with a caption under it. Clicking the
 * map, or the "Enlarge" link (reachable by keyboard), runs the tile's open action: the large viewer. Its context
 * menu exports the map as PNG or NPY (disabled while a message shows instead of a map).
 */
final class HeatmapTile extends VBox {
    private final ImageView view = new ImageView();
    private final Label placeholder = new Label();
    private final Label caption = new Label();
    private final Hyperlink enlarge = new Hyperlink("Enlarge");
    private WritableImage image;
    private Runnable onOpen = () -> {};
    private final MenuItem exportPng = new MenuItem("Export PNG…");
    private final MenuItem exportNpy = new MenuItem("Export NPY…");
    private final ContextMenu menu = new ContextMenu(exportPng, exportNpy);

    HeatmapTile(String id, String title, String explanation, int boxWidth, int boxHeight) {
        setId(id);
        setSpacing(4);
        Label heading = new Label(title);
        heading.getStyleClass().add("training-heading");
        heading.setTooltip(new Tooltip(explanation));
        // A title longer than the tile wraps instead of ending in "…" (the layout test reads every label).
        heading.setWrapText(true);
        heading.setMaxWidth(boxWidth);
        heading.setMinHeight(Region.USE_PREF_SIZE);
        view.setId(id + "Image");
        // Cells are drawn at their final size; smoothing would blur their edges.
        view.setSmooth(false);
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(boxWidth - 16);
        placeholder.getStyleClass().add("training-placeholder");
        StackPane box = new StackPane(view, placeholder);
        box.setMinSize(boxWidth, boxHeight);
        box.setPrefSize(boxWidth, boxHeight);
        box.setMaxSize(boxWidth, boxHeight);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("heatmap-box");
        caption.setWrapText(true);
        caption.setMaxWidth(boxWidth);
        caption.getStyleClass().add("training-note");
        box.setId(id + "Box");
        box.setCursor(Cursor.HAND);
        // Only the primary button opens the viewer: a right click opens the context menu.
        box.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) onOpen.run();
        });
        exportPng.setId(id + "ExportPng");
        exportNpy.setId(id + "ExportNpy");
        menu.setOnShowing(e -> {
            exportPng.setDisable(!view.isVisible());
            exportNpy.setDisable(!view.isVisible());
        });
        ContextMenus.attach(this, menu);
        enlarge.setId(id + "Enlarge");
        enlarge.setTooltip(new Tooltip("Open this map large, with zoom, pan and each cell's value."));
        enlarge.setOnAction(e -> onOpen.run());
        enlarge.setPadding(Insets.EMPTY);
        // A long title is elided, never the link.
        enlarge.setMinWidth(Region.USE_PREF_SIZE);
        heading.setMinWidth(0);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox titleRow = new HBox(6, heading, gap, enlarge);
        titleRow.setAlignment(Pos.BASELINE_LEFT);
        titleRow.setMaxWidth(boxWidth);
        getChildren().addAll(titleRow, box, caption);
        showMessage("Start training to see this map.");
    }

    void setOnOpen(Runnable action) {
        onOpen = action;
    }

    /** What the context menu's items do: {@code png} true for "Export PNG…", false for "Export NPY…". */
    void setOnExport(Consumer<Boolean> action) {
        exportPng.setOnAction(e -> action.accept(true));
        exportNpy.setOnAction(e -> action.accept(false));
    }

    void show(Raster r, String captionText) {
        if (image == null || image.getWidth() != r.width() || image.getHeight() != r.height()) {
            image = new WritableImage(r.width(), r.height());
            view.setImage(image);
        }
        image.getPixelWriter().setPixels(0, 0, r.width(), r.height(), PixelFormat.getIntArgbInstance(), r.pixels(), 0, r.width());
        view.setVisible(true);
        placeholder.setVisible(false);
        caption.setText(captionText);
    }

    void showMessage(String message) {
        view.setVisible(false);
        placeholder.setText(message);
        placeholder.setVisible(true);
        caption.setText("");
    }

    /** The image on screen, or null while a message shows; for tests. */
    WritableImage image() {
        return view.isVisible() ? image : null;
    }
}
