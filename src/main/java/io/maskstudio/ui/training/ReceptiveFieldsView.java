package io.maskstudio.ui.training;

import io.maskstudio.model.LayerSpec;
import io.maskstudio.render.Raster;
import io.maskstudio.ui.fx.RenderQueue;
import io.maskstudio.ui.fx.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

import java.util.Locale;

/**
 * The receptive fields of a pair whose input layer is image-shaped: one tile per output neuron, a page of
 * {@link #PAGE} at a time, drawn by {@link ReceptiveFieldGrid} on a worker and re-laid out when the area resizes.
 * By default each tile has its own symmetric range: neurons' weight scales differ a lot, and on one shared range
 * the weaker neurons' patterns fade to white; the check box puts every tile on the map's range to compare strengths.
 */
final class ReceptiveFieldsView extends BorderPane {
    static final int PAGE = 100;

    private record Frame(ReceptiveFieldGrid.Layout layout, Raster raster) {}

    private final RenderQueue renders;
    private final StackPane area = new StackPane();
    private final ImageView view = new ImageView();
    private final Label note = new Label();
    private final Button previous = new Button("◀ Previous");
    private final Button next = new Button("Next ▶");
    private final CheckBox shared = new CheckBox("One colour range for all tiles");
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper(this, "readout", "");
    private LayerMap weights;
    private LayerSpec input;
    private int first;
    private ReceptiveFieldGrid.Layout shownLayout;
    private String requestedKey;

    ReceptiveFieldsView(TaskRunner runner) {
        renders = new RenderQueue(runner);
        setId("receptiveFields");
        view.setId("receptiveFieldsImage");
        view.setSmooth(false);
        note.setId("receptiveFieldsNote");
        previous.setId("receptiveFieldsPrevious");
        next.setId("receptiveFieldsNext");
        shared.setId("receptiveFieldsShared");
        previous.setOnAction(e -> page(-PAGE));
        next.setOnAction(e -> page(PAGE));
        shared.selectedProperty().addListener((o, a, b) -> request());
        HBox bar = new HBox(8, previous, next, shared, note);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 0, 6, 0));
        setTop(bar);
        area.getChildren().add(view);
        area.setMinSize(100, 100);
        area.setAlignment(Pos.TOP_LEFT);
        setCenter(area);
        area.widthProperty().addListener((o, a, b) -> request());
        area.heightProperty().addListener((o, a, b) -> request());
        view.setOnMouseMoved(e -> hoverAt(e.getX(), e.getY()));
        view.setOnMouseExited(e -> readout.set(""));
    }

    /** Checked: every tile on the weight map's range; unchecked: each on its own. */
    BooleanProperty sharedRangeProperty() { return shared.selectedProperty(); }

    /** What the hovered tile pixel is: "out 12 · pixel (row 3, col 4): w = 0.1". */
    ReadOnlyStringProperty readoutProperty() { return readout.getReadOnlyProperty(); }

    /** The weights of a pair with an image-shaped input (null weights: nothing to show). Keeps the page. */
    void show(LayerMap w, LayerSpec in) {
        weights = w;
        input = in;
        if (w != null && first >= w.rows()) first = 0;
        request();
    }

    private void page(int delta) {
        if (weights == null) return;
        first = Math.max(0, Math.min(first + delta, (weights.rows() - 1) / PAGE * PAGE));
        request();
    }

    private void request() {
        int w = (int) area.getWidth(), h = (int) area.getHeight();
        if (weights == null || input == null || !input.hasShape() || w <= 0 || h <= 0) {
            if (weights == null) note.setText("No weights in this snapshot: the layer is too large to copy every epoch.");
            return;
        }
        LayerMap m = weights;
        LayerSpec in = input;
        boolean one = shared.isSelected();
        int count = Math.min(PAGE, m.rows() - first);
        ReceptiveFieldGrid.Layout layout = ReceptiveFieldGrid.fit(first, count, in.width(), in.channels() * in.height(), w, h);
        String key = System.identityHashCode(m) + "/" + layout + "/" + one;
        if (key.equals(requestedKey)) return;
        requestedKey = key;
        previous.setDisable(first == 0);
        next.setDisable(first + count >= m.rows());
        note.setText(String.format(Locale.ROOT, "showing neurons %d–%d of %d · %s", first, first + count - 1, m.rows(),
                one ? "all tiles on ±" + ColorBar.format(m.range().max()) : "each tile on its own ±max|w|"));
        renders.submit(() -> new Frame(layout, ReceptiveFieldGrid.render(m.values(), m.rows(), in.height(), in.width(), in.channels(),
                layout, one, m.range())), this::showFrame);
    }

    private void showFrame(Frame f) {
        Raster r = f.raster();
        WritableImage img = new WritableImage(r.width(), r.height());
        img.getPixelWriter().setPixels(0, 0, r.width(), r.height(), PixelFormat.getIntArgbInstance(), r.pixels(), 0, r.width());
        view.setImage(img);
        shownLayout = f.layout();
    }

    private void hoverAt(double x, double y) {
        ReceptiveFieldGrid.Layout l = shownLayout;
        LayerMap m = weights;
        int o = l == null || m == null ? -1 : l.neuronAt(x, y);
        if (o < 0 || o >= m.rows()) {
            readout.set("");
            return;
        }
        int k = o - l.first();
        int tx = (int) ((x - l.tileX(k)) / l.scale()), ty = (int) ((y - l.tileY(k)) / l.scale());
        int ch = ty / input.height(), row = ty % input.height();
        int i = ch * input.height() * input.width() + row * input.width() + tx;
        float v = m.value(o, i);
        String where = String.format(Locale.ROOT, "out %d · in %d = pixel (row %d, col %d%s)", o, i, row, tx,
                input.channels() > 1 ? ", channel " + ch : "");
        readout.set(where + (Float.isNaN(v) ? ": no connection" : String.format(Locale.ROOT, ": w = %.4g", v)));
    }
}
