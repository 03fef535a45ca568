package io.maskstudio.ui.training;

import io.maskstudio.render.Cell;
import io.maskstudio.render.MatrixViewport;
import io.maskstudio.render.PixelRect;
import io.maskstudio.render.Raster;
import io.maskstudio.render.ViewportHeatmap;
import io.maskstudio.ui.fx.RenderQueue;
import io.maskstudio.ui.fx.TaskRunner;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * One {@link LayerMap} at full resolution through a {@link MatrixViewport}: scroll or +/- zooms, dragging pans,
 * arrow keys pan, F fits. The visible region is rendered on a worker ({@link RenderQueue}: one render at a time,
 * then the newest viewport's), so a 1000x1000 pair stays responsive; until it arrives the previous picture is moved and scaled
 * to the new viewport. The hovered cell is {@link #hoveredCellProperty()}.
 */
public final class HeatmapCanvas extends Region {
    static final double MAX_CELL = 64;
    private static final int BACKGROUND = 0xFFF4F5F7;
    private static final double PAN_STEP = 40;

    private record Frame(LayerMap map, MatrixViewport vp, Raster raster) {}

    private final ImageView view = new ImageView();
    private final Rectangle hoverMark = new Rectangle();
    private final RenderQueue renders;
    private final ReadOnlyObjectWrapper<MatrixViewport> viewport = new ReadOnlyObjectWrapper<>(this, "viewport");
    private final ObjectProperty<Cell> hover = new SimpleObjectProperty<>(this, "hover");
    private LayerMap map;
    private boolean fitPending = true;
    /** True once the user zoomed or panned; until then a resized canvas shows the whole matrix again. */
    private boolean moved;
    private LayerMap requestedMap;
    private MatrixViewport requestedVp;
    private MatrixViewport shownVp;
    private WritableImage image;
    private double dragX, dragY;
    /** Where the mouse is over the canvas (NaN outside): after a zoom or pan the hovered cell is the one now under it. */
    private double mouseX = Double.NaN, mouseY = Double.NaN;

    HeatmapCanvas(TaskRunner runner) {
        renders = new RenderQueue(runner);
        setId("heatmapCanvas");
        getStyleClass().add("heatmap-canvas");
        view.setManaged(false);
        view.setSmooth(false);
        view.setPreserveRatio(false);
        hoverMark.setManaged(false);
        hoverMark.setMouseTransparent(true);
        hoverMark.getStyleClass().add("heatmap-hover");
        hoverMark.setVisible(false);
        getChildren().addAll(view, hoverMark);
        setMinSize(120, 120);
        setFocusTraversable(true);
        // Clip: a zoomed-in picture must not paint over the colour bar and buttons around the canvas.
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setOnScroll(this::scrolled);
        setOnMousePressed(this::pressed);
        setOnMouseDragged(this::dragged);
        setOnMouseMoved(e -> hoverAt(e.getX(), e.getY()));
        setOnMouseExited(e -> hoverAt(Double.NaN, Double.NaN));
        setOnKeyPressed(this::keyPressed);
        hover.addListener((o, a, b) -> placeHoverMark());
    }

    /** Shows another map; the viewport is kept when the matrix has the same shape (scrubbing keeps the zoom). */
    void setMap(LayerMap m) {
        if (map == null || m == null || m.rows() != map.rows() || m.cols() != map.cols()) fitPending = true;
        map = m;
        if (m == null) {
            renders.cancel();
            view.setImage(null);
            image = null;
            shownVp = null;
            requestedMap = null;
            hover.set(null);
        }
        requestLayout();
    }

    LayerMap map() { return map; }

    /** The whole matrix again, as large as fits. */
    public void fit() {
        fitPending = true;
        requestLayout();
    }

    /** Zooms by {@code factor} about the canvas centre (the +/- buttons and keys). */
    void zoom(double factor) {
        zoomAt(getWidth() / 2, getHeight() / 2, factor);
    }

    public ReadOnlyObjectProperty<MatrixViewport> viewportProperty() { return viewport.getReadOnlyProperty(); }
    public MatrixViewport viewport() { return viewport.get(); }
    ObjectProperty<Cell> hoveredCellProperty() { return hover; }

    /** Centre of a cell in canvas coordinates (tests aim the mouse with it). */
    public double[] cellCentre(int row, int col) {
        PixelRect b = viewport().cellBounds(row, col);
        return new double[] {b.x() + b.width() / 2.0, b.y() + b.height() / 2.0};
    }

    @Override
    protected void layoutChildren() {
        int w = (int) Math.floor(getWidth()), h = (int) Math.floor(getHeight());
        if (map == null || w <= 0 || h <= 0) return;
        MatrixViewport vp = viewport.get();
        boolean refit = fitPending || vp == null || vp.rows() != map.rows() || vp.cols() != map.cols()
                || (!moved && (vp.width() != w || vp.height() != h));
        if (refit) {
            fitPending = false;
            moved = false;
            setViewport(fitted(w, h));
        } else if (vp.width() != w || vp.height() != h) {
            setViewport(vp.resized(w, h));
        }
        requestRender();
        placeImage();
    }

    private MatrixViewport fitted(int w, int h) {
        MatrixViewport f = MatrixViewport.fit(map.rows(), map.cols(), w, h);
        // Small matrices would get huge cells: cap them, keeping the matrix centred.
        return f.cellSize() > MAX_CELL ? f.zoomedAt(w / 2.0, h / 2.0, MAX_CELL / f.cellSize()) : f;
    }

    private void setViewport(MatrixViewport vp) {
        viewport.set(vp);
        placeImage();
        hover.set(cellAt(mouseX, mouseY));
        placeHoverMark();
        requestLayout();
    }

    private void hoverAt(double x, double y) {
        mouseX = x;
        mouseY = y;
        hover.set(cellAt(x, y));
    }

    private void requestRender() {
        LayerMap m = map;
        MatrixViewport vp = viewport.get();
        if (m == requestedMap && vp.equals(requestedVp)) return;
        requestedMap = m;
        requestedVp = vp;
        renders.submit(() -> {
            Raster r = new Raster(vp.width(), vp.height());
            ViewportHeatmap.render(r, m.values(), vp, m.colors(), m.range(), m.pooling(), BACKGROUND);
            return new Frame(m, vp, r);
        }, this::showFrame);
    }

    private void showFrame(Frame f) {
        Raster r = f.raster();
        if (image == null || image.getWidth() != r.width() || image.getHeight() != r.height()) {
            image = new WritableImage(r.width(), r.height());
            view.setImage(image);
        }
        // Opaque pixels: ARGB equals premultiplied ARGB, and the premultiplied format skips a conversion.
        image.getPixelWriter().setPixels(0, 0, r.width(), r.height(), PixelFormat.getIntArgbPreInstance(), r.pixels(), 0, r.width());
        shownVp = f.vp();
        placeImage();
    }

    /** Moves and scales the last rendered picture so that it sits where the current viewport puts its cells. */
    private void placeImage() {
        MatrixViewport vp = viewport.get();
        if (shownVp == null || vp == null || image == null) return;
        double scale = vp.cellSize() / shownVp.cellSize();
        view.setFitWidth(shownVp.width() * scale);
        view.setFitHeight(shownVp.height() * scale);
        view.relocate((shownVp.firstCol() - vp.firstCol()) * vp.cellSize(), (shownVp.firstRow() - vp.firstRow()) * vp.cellSize());
    }

    private void placeHoverMark() {
        Cell c = hover.get();
        MatrixViewport vp = viewport.get();
        if (c == null || vp == null || c.row() >= vp.rows() || c.col() >= vp.cols()) {
            hoverMark.setVisible(false);
            return;
        }
        PixelRect b = vp.cellBounds(c.row(), c.col());
        hoverMark.setX(b.x() - 1);
        hoverMark.setY(b.y() - 1);
        hoverMark.setWidth(b.width() + 2);
        hoverMark.setHeight(b.height() + 2);
        hoverMark.setVisible(true);
    }

    private Cell cellAt(double x, double y) {
        MatrixViewport vp = viewport.get();
        if (vp == null || map == null || Double.isNaN(x)) return null;
        return vp.cellAt((int) Math.floor(x), (int) Math.floor(y));
    }

    private void zoomAt(double x, double y, double factor) {
        MatrixViewport vp = viewport.get();
        if (vp == null || map == null) return;
        double minCell = Math.min(MAX_CELL, fitted(vp.width(), vp.height()).cellSize()) / 2;
        double target = Math.max(minCell, Math.min(MAX_CELL, vp.cellSize() * factor));
        if (target == vp.cellSize()) return;
        moved = true;
        setViewport(vp.zoomedAt(x, y, target / vp.cellSize()));
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) return;
        double x = e.getX(), y = e.getY();
        // Zoom at the mouse. Some platforms (Monocle, for an owned window) report a wheel's position far outside
        // the node it is delivered to: then the last position the mouse moved to, else the centre.
        if (!(x >= 0 && y >= 0 && x < getWidth() && y < getHeight())) {
            boolean known = !Double.isNaN(mouseX);
            x = known ? mouseX : getWidth() / 2;
            y = known ? mouseY : getHeight() / 2;
        }
        zoomAt(x, y, Math.pow(1.2, e.getDeltaY() / 40));
        e.consume();
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        dragX = e.getX();
        dragY = e.getY();
    }

    private void dragged(MouseEvent e) {
        MatrixViewport vp = viewport.get();
        if (vp == null || e.getButton() == MouseButton.SECONDARY) return;
        moved = true;
        setViewport(vp.pannedBy(e.getX() - dragX, e.getY() - dragY));
        dragX = e.getX();
        dragY = e.getY();
        hoverAt(e.getX(), e.getY());
    }

    private void keyPressed(KeyEvent e) {
        MatrixViewport vp = viewport.get();
        if (vp == null) return;
        if (e.getCode().isArrowKey()) moved = true;
        switch (e.getCode()) {
            case PLUS, ADD, EQUALS -> zoom(1.25);
            case MINUS, SUBTRACT -> zoom(1 / 1.25);
            case F -> fit();
            case LEFT -> setViewport(vp.pannedBy(PAN_STEP, 0));
            case RIGHT -> setViewport(vp.pannedBy(-PAN_STEP, 0));
            case UP -> setViewport(vp.pannedBy(0, PAN_STEP));
            case DOWN -> setViewport(vp.pannedBy(0, -PAN_STEP));
            default -> {
                return;
            }
        }
        e.consume();
    }
}
