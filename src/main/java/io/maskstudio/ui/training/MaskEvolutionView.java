package io.maskstudio.ui.training;

import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.render.AnimatedGif;
import io.maskstudio.render.FanOutFrames;
import io.maskstudio.render.PngWriter;
import io.maskstudio.render.Raster;
import io.maskstudio.runs.MaskEvolution;
import io.maskstudio.ui.fx.RenderQueue;
import io.maskstudio.ui.fx.TaskRunner;
import io.maskstudio.ui.shell.FileDialogs;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The mask's evolution for a network whose input is an image (RigL's MNIST figures): each input pixel's fan-out into
 * the first hidden layer, one picture per kept snapshot with its epoch under it, side by side on one colour range.
 * Exports the pictures as an animated GIF and as a PNG strip. Hidden for a network whose input has no 2-D shape.
 * Drawn on a worker; only the newest request's picture is shown.
 */
final class MaskEvolutionView extends VBox {
    /** The largest picture per snapshot, in screen pixels: a 28x28 input is drawn 3 px per pixel. */
    private static final int TILE = 96;
    /** The exports are drawn larger than the view: they end up in papers and slides. */
    private static final int EXPORT_SCALE_TILE = 168;
    private static final int GIF_DELAY_MS = 500;

    private record Drawn(FanOutFrames frames, Raster strip) {}

    private final RenderQueue renders;
    private final TaskRunner tasks;
    private final Label title = new Label("Mask evolution");
    private final Label note = new Label();
    private final ImageView view = new ImageView();
    private final Button gif = new Button("Export GIF…");
    private final Button png = new Button("Export PNG strip…");
    private FileDialogs dialogs = FileDialogs.NATIVE;
    private Consumer<String> notices = s -> { };
    private FanOutFrames shown;
    private List<TrainingSnapshot> requested;
    private File lastDir;
    /** The pair drawn, "pixels → hidden". */
    private String into = "";

    MaskEvolutionView(TaskRunner tasks) {
        this.tasks = tasks;
        this.renders = new RenderQueue(tasks);
        setId("maskEvolution");
        setSpacing(4);
        title.getStyleClass().add("training-title");
        note.setId("maskEvolutionNote");
        note.getStyleClass().add("training-note");
        note.setMinWidth(0);
        view.setId("maskEvolutionImage");
        view.setSmooth(false);
        gif.setId("exportEvolutionGif");
        gif.setTooltip(new Tooltip("Write the pictures as an animated GIF, one frame per kept snapshot, looping"));
        png.setId("exportEvolutionPng");
        png.setTooltip(new Tooltip("Write the pictures side by side as one PNG image"));
        gif.setOnAction(e -> export(true));
        png.setOnAction(e -> export(false));
        for (Button b : List.of(gif, png)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setDisable(true);
        }
        note.setWrapText(true);
        HBox bar = new HBox(8, title, gif, png);
        bar.setAlignment(Pos.CENTER_LEFT);
        ScrollPane strip = new ScrollPane(view);
        strip.setId("maskEvolutionScroll");
        strip.setFitToHeight(true);
        strip.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        strip.setMinHeight(TILE + 50);
        strip.setPrefHeight(TILE + 50);
        getChildren().addAll(bar, note, strip);
        setPadding(new Insets(4, 0, 0, 0));
        managedProperty().bind(visibleProperty());
        setVisible(false);
    }

    void setFileDialogs(FileDialogs d) {
        dialogs = d;
    }

    /** Where the outcome of an export is told ("Saved … to …" or why not). */
    void setNotices(Consumer<String> n) {
        notices = n;
    }

    /** The snapshots of the shown run (epoch order) over these layers; hides the view when the input is no image. */
    void show(List<LayerSpec> layers, List<TrainingSnapshot> snapshots) {
        boolean drawable = layers != null && MaskEvolution.drawable(layers);
        setVisible(drawable);
        if (!drawable) {
            clear();
            return;
        }
        if (snapshots == requested) return;
        requested = snapshots;
        into = layers.get(0).name() + " → " + layers.get(1).name();
        if (snapshots.isEmpty()) {
            shownNothing();
            return;
        }
        int scale = scaleFor(layers.get(0), TILE);
        renders.submit(() -> {
            FanOutFrames f = MaskEvolution.of(layers, snapshots);
            return f == null ? null : new Drawn(f, f.strip(scale));
        }, this::showDrawn);
    }

    void clear() {
        renders.cancel();
        requested = null;
        shownNothing();
    }

    private void shownNothing() {
        shown = null;
        view.setImage(null);
        note.setText("No snapshot yet: one picture per kept epoch appears here.");
        gif.setDisable(true);
        png.setDisable(true);
    }

    private void showDrawn(Drawn d) {
        if (d == null) {
            shownNothing();
            return;
        }
        shown = d.frames();
        Raster r = d.strip();
        WritableImage img = new WritableImage(r.width(), r.height());
        img.getPixelWriter().setPixels(0, 0, r.width(), r.height(), PixelFormat.getIntArgbInstance(), r.pixels(), 0, r.width());
        view.setImage(img);
        int n = shown.frames().size();
        note.setText(String.format(Locale.ROOT, "%d snapshot%s · epochs %d–%d · each input pixel's connections in %s: 0 (dark) to %d (bright)",
                n, n == 1 ? "" : "s", shown.frames().get(0).epoch(), shown.frames().get(n - 1).epoch(), into, shown.max()));
        gif.setDisable(false);
        png.setDisable(false);
    }

    /** Screen pixels per input pixel so that the picture is at most {@code tile} pixels on its longer side. */
    static int scaleFor(LayerSpec input, int tile) {
        return Math.max(1, tile / Math.max(input.height(), input.width()));
    }

    private void export(boolean animated) {
        FanOutFrames f = shown;
        if (f == null) return;
        String ext = animated ? "gif" : "png";
        FileChooser chooser = new FileChooser();
        chooser.setTitle(animated ? "Export the mask evolution as an animated GIF" : "Export the mask evolution as a PNG strip");
        chooser.setInitialFileName(animated ? "mask-evolution.gif" : "mask-evolution.png");
        chooser.getExtensionFilters().add(animated ? new FileChooser.ExtensionFilter("GIF image", "*.gif")
                : new FileChooser.ExtensionFilter("PNG image", "*.png"));
        if (lastDir != null && lastDir.isDirectory()) chooser.setInitialDirectory(lastDir);
        File chosen = dialogs.showSave(chooser, getScene() == null ? null : getScene().getWindow());
        if (chosen == null) return;
        lastDir = chosen.getAbsoluteFile().getParentFile();
        // Choosers on Linux do not add the extension the filter names.
        Path file = chosen.getName().toLowerCase(Locale.ROOT).endsWith("." + ext) ? chosen.toPath()
                : chosen.toPath().resolveSibling(chosen.getName() + "." + ext);
        int scale = Math.max(1, EXPORT_SCALE_TILE / Math.max(f.height(), f.width()));
        tasks.run(() -> {
            if (animated) AnimatedGif.write(f.tiles(scale), GIF_DELAY_MS, file);
            else PngWriter.write(f.strip(scale), file);
            return file;
        }, done -> notices.accept("Saved " + done.getFileName() + " (" + f.frames().size() + " snapshots) to " + done.toAbsolutePath().getParent()),
                err -> notices.accept("Cannot export to " + file + ": " + ModelExport.describe(err)));
    }

    /** The frames the view shows (null before any): lets tests compare them with the run's masks. */
    FanOutFrames shownFrames() {
        return shown;
    }
}
