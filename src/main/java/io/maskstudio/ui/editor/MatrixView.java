package io.maskstudio.ui.editor;

import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.render.Cell;
import io.maskstudio.render.MatrixRenderer;
import io.maskstudio.render.MatrixViewport;
import io.maskstudio.render.PixelRect;
import io.maskstudio.render.Raster;
import io.maskstudio.render.Side;
import io.maskstudio.ui.fx.RasterView;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The mask as a matrix: rows = target neurons, columns = source neurons. Paints and erases with a
 * square brush, fills or clears rectangles, toggles rows and columns, selects row x column ranges.
 * Scroll zooms at the mouse (down to single cells of big layers), middle-drag pans.
 */
public final class MatrixView extends RasterView {
    private static final double MAX_CELL = 64;
    private static final int CAPTION = 22;
    private static final int SELECTION_TINT = 0x38F4A261;
    private static final int SELECTED_CONNECTION = 0xFFD9480F;

    private final Document doc;
    private final MatrixRenderer renderer = new MatrixRenderer();
    private final ObjectProperty<MatrixTool> tool = new SimpleObjectProperty<>(this, "tool", MatrixTool.BRUSH);
    private final IntegerProperty brushSize = new SimpleIntegerProperty(this, "brushSize", 1);
    private final Rectangle hoverCell = mark(Color.web("#8F2D00"), null);
    private final Rectangle hoverRow = mark(null, Color.web("#D9480F", 0.18));
    private final Rectangle hoverCol = mark(null, Color.web("#D9480F", 0.18));
    private final Rectangle band = mark(Color.web("#D9480F"), Color.web("#D9480F", 0.12));
    private final Label caption = new Label();
    private MatrixViewport vp;
    private boolean fitPending = true;

    // Gesture state.
    private Cell strokeLast;
    private boolean erasing;
    private Cell rectStart;
    private double panX, panY;
    private boolean panning;

    public MatrixView(Document doc) {
        this.doc = doc;
        getStyleClass().add("matrix-view");
        caption.setManaged(false);
        caption.setStyle("-fx-text-fill: #6b7280; -fx-font-size: 11px;");
        overlay().getChildren().addAll(hoverRow, hoverCol, hoverCell, band, caption);
        doc.addListener(p -> {
            if (p == Document.REPLACED || p == NetworkDesign.STRUCTURE) fitPending = true;
            if (p < 0 || p == doc.pair()) requestRedraw();
        });
        doc.pairProperty().addListener((o, a, b) -> {
            fitPending = true;
            requestRedraw();
        });
        doc.selectionProperty().addListener((o, a, b) -> requestRedraw());
        doc.hoverProperty().addListener((o, a, b) -> updateHoverMarks());
        setOnScroll(this::scrolled);
        setOnMousePressed(this::pressed);
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(this::released);
        setOnMouseMoved(e -> hoverAt(e.getX(), e.getY()));
        setOnMouseExited(e -> {
            if (doc.hover().isConnection()) doc.setHover(Hover.NONE);
        });
    }

    private static Rectangle mark(Color stroke, Color fill) {
        Rectangle r = new Rectangle();
        r.setStroke(stroke);
        r.setFill(fill == null ? Color.TRANSPARENT : fill);
        r.setStrokeWidth(stroke == null ? 0 : 1.5);
        r.setVisible(false);
        r.setManaged(false);
        return r;
    }

    public ObjectProperty<MatrixTool> toolProperty() { return tool; }
    public IntegerProperty brushSizeProperty() { return brushSize; }
    public MatrixViewport viewport() { return vp; }

    /** Shows the given part of the matrix (same shape and pixel size as now). */
    public void setViewport(MatrixViewport v) {
        vp = v;
        fitPending = false;
        requestRedraw();
    }

    /** Shows the whole matrix again. */
    public void fit() {
        fitPending = true;
        requestRedraw();
    }

    private Mask mask() {
        NetworkDesign d = doc.design();
        return d == null ? null : d.mask(doc.pair());
    }

    @Override
    protected void sizeChanged(int width, int height) {
        if (vp != null) vp = vp.resized(width, height);
    }

    @Override
    protected void draw(Raster r) {
        Mask m = mask();
        if (m == null) {
            r.fill(renderer.style().background());
            return;
        }
        if (fitPending || vp == null || vp.rows() != m.rows() || vp.cols() != m.cols()) {
            vp = fitted(m, r.width(), r.height());
            fitPending = false;
        }
        renderer.render(r, m, vp);
        drawSelection(r, m);
        NetworkDesign d = doc.design();
        caption.setText(String.format("rows: %s (%d targets)   ·   columns: %s (%d sources)   ·   %.3g px per cell",
                d.layer(doc.pair() + 1).name(), m.rows(), d.layer(doc.pair()).name(), m.cols(), vp.cellSize()));
        caption.resizeRelocate(6, r.height() - caption.prefHeight(-1) - 4, caption.prefWidth(-1), caption.prefHeight(-1));
        updateHoverMarks();
    }

    /** The whole matrix centred above the caption row. */
    private static MatrixViewport fitted(Mask m, int w, int h) {
        int room = Math.max(1, h - CAPTION);
        MatrixViewport f = MatrixViewport.fit(m.rows(), m.cols(), w, room);
        // Small masks would get huge cells: cap them and keep the matrix centred.
        if (f.cellSize() > MAX_CELL) f = f.zoomedAt(w / 2.0, room / 2.0, MAX_CELL / f.cellSize());
        return new MatrixViewport(m.rows(), m.cols(), w, h, f.firstRow(), f.firstCol(), f.cellSize());
    }

    private void drawSelection(Raster r, Mask m) {
        Selection s = doc.selection();
        int xa = Math.max(0, vp.pixelX(0)), xb = Math.min(r.width(), vp.pixelX(m.cols()));
        int ya = Math.max(0, vp.pixelY(0)), yb = Math.min(r.height(), vp.pixelY(m.rows()));
        BitSet rows = s.targets();
        for (int o = rows.nextSetBit(0); o >= 0 && o < m.rows(); o = rows.nextSetBit(o + 1)) {
            PixelRect b = vp.cellBounds(o, 0);
            r.fillRect(xa, b.y(), xb - xa, b.height(), SELECTION_TINT);
        }
        BitSet cols = s.sources();
        for (int i = cols.nextSetBit(0); i >= 0 && i < m.cols(); i = cols.nextSetBit(i + 1)) {
            PixelRect b = vp.cellBounds(0, i);
            r.fillRect(b.x(), ya, b.width(), yb - ya, SELECTION_TINT);
        }
        Cell c = s.connection();
        if (c != null && c.row() < m.rows() && c.col() < m.cols()) {
            PixelRect b = vp.cellBounds(c.row(), c.col());
            r.drawRect(b.x() - 1, b.y() - 1, b.width() + 2, b.height() + 2, SELECTED_CONNECTION);
        }
    }

    /** Hover marks are nodes over the raster: moving the mouse never redraws the matrix. */
    private void updateHoverMarks() {
        Mask m = mask();
        Hover h = doc.hover();
        hoverCell.setVisible(false);
        hoverRow.setVisible(false);
        hoverCol.setVisible(false);
        if (m == null || vp == null) return;
        double xa = vp.pixelX(0), xb = vp.pixelX(m.cols()), ya = vp.pixelY(0), yb = vp.pixelY(m.rows());
        if (h.isConnection() && h.cell().row() < m.rows() && h.cell().col() < m.cols()) {
            PixelRect b = vp.cellBounds(h.cell().row(), h.cell().col());
            place(hoverCell, b.x() - 1, b.y() - 1, b.width() + 2, b.height() + 2);
            place(hoverRow, xa, b.y(), xb - xa, b.height());
            place(hoverCol, b.x(), ya, b.width(), yb - ya);
        } else if (h.isNeuron() && h.side() == Side.TARGET && h.index() < m.rows()) {
            PixelRect b = vp.cellBounds(h.index(), 0);
            place(hoverRow, xa, b.y(), xb - xa, b.height());
        } else if (h.isNeuron() && h.side() == Side.SOURCE && h.index() < m.cols()) {
            PixelRect b = vp.cellBounds(0, h.index());
            place(hoverCol, b.x(), ya, b.width(), yb - ya);
        }
    }

    private static void place(Rectangle r, double x, double y, double w, double h) {
        r.setX(x);
        r.setY(y);
        r.setWidth(Math.max(1, w));
        r.setHeight(Math.max(1, h));
        r.setVisible(true);
    }

    /** The cell under a point of this view, or null outside the matrix. */
    public Cell cellAt(double x, double y) {
        return vp == null ? null : vp.cellAt((int) Math.floor(x), (int) Math.floor(y));
    }

    /** Centre of a cell in view coordinates (tests aim the mouse with it). */
    public double[] cellCentre(int row, int col) {
        PixelRect b = vp.cellBounds(row, col);
        return new double[] {b.x() + b.width() / 2.0, b.y() + b.height() / 2.0};
    }

    private void hoverAt(double x, double y) {
        Cell c = cellAt(x, y);
        Hover h = c == null ? Hover.NONE : Hover.connection(c);
        if (!h.equals(doc.hover())) doc.setHover(h);
    }

    private void scrolled(ScrollEvent e) {
        Mask m = mask();
        if (m == null || vp == null || e.getDeltaY() == 0) return;
        double factor = Math.pow(1.2, e.getDeltaY() / 40);
        double minCell = Math.min(MAX_CELL, fitted(m, vp.width(), vp.height()).cellSize()) / 2;
        double target = Math.max(minCell, Math.min(MAX_CELL, vp.cellSize() * factor));
        vp = vp.zoomedAt(e.getX(), e.getY(), target / vp.cellSize());
        requestRedraw();
        e.consume();
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        if (mask() == null || vp == null) return;
        if (e.getButton() == MouseButton.MIDDLE) {
            panning = true;
            panX = e.getX();
            panY = e.getY();
            return;
        }
        Cell c = cellAt(e.getX(), e.getY());
        erasing = e.isShiftDown() || e.getButton() == MouseButton.SECONDARY;
        switch (tool.get()) {
            case BRUSH -> {
                doc.history().endMerge();
                strokeLast = c;
                if (c != null) dab(c, c);
            }
            case RECTANGLE, SELECT -> {
                rectStart = clampedCell(e.getX(), e.getY());
                updateBand(rectStart);
            }
            case ROW -> {
                if (c != null) MaskEdits.toggleRow(doc, c.row());
            }
            case COLUMN -> {
                if (c != null) MaskEdits.toggleColumn(doc, c.col());
            }
        }
    }

    private void dragged(MouseEvent e) {
        if (panning) {
            vp = vp.pannedBy(e.getX() - panX, e.getY() - panY);
            panX = e.getX();
            panY = e.getY();
            requestRedraw();
            return;
        }
        hoverAt(e.getX(), e.getY());
        if (tool.get() == MatrixTool.BRUSH) {
            Cell c = cellAt(e.getX(), e.getY());
            if (c == null) {
                strokeLast = null;
            } else {
                dab(strokeLast == null ? c : strokeLast, c);
                strokeLast = c;
            }
        } else if (rectStart != null) {
            updateBand(clampedCell(e.getX(), e.getY()));
        }
    }

    private void released(MouseEvent e) {
        if (panning) {
            panning = false;
            return;
        }
        switch (tool.get()) {
            case BRUSH -> {
                doc.history().endMerge();
                strokeLast = null;
            }
            case RECTANGLE, SELECT -> {
                if (rectStart == null) break;
                Cell end = clampedCell(e.getX(), e.getY());
                int r0 = Math.min(rectStart.row(), end.row()), r1 = Math.max(rectStart.row(), end.row()) + 1;
                int c0 = Math.min(rectStart.col(), end.col()), c1 = Math.max(rectStart.col(), end.col()) + 1;
                if (tool.get() == MatrixTool.RECTANGLE) {
                    MaskEdits.setRect(doc, r0, r1, c0, c1, !erasing);
                } else {
                    BitSet rows = new BitSet();
                    rows.set(r0, r1);
                    BitSet cols = new BitSet();
                    cols.set(c0, c1);
                    Selection s = Selection.of(cols, rows);
                    doc.select(e.isControlDown() ? doc.selection().union(s) : s);
                }
                rectStart = null;
                band.setVisible(false);
            }
            default -> { }
        }
    }

    /** Stamps the brush along the cells from {@code a} to {@code b}, so fast drags leave no gaps. */
    private void dab(Cell a, Cell b) {
        Mask m = mask();
        int size = Math.max(1, brushSize.get());
        int steps = Math.max(Math.abs(b.row() - a.row()), Math.abs(b.col() - a.col()));
        BrushCells cells = new BrushCells();
        for (int t = 0; t <= steps; t++) {
            int r = a.row() + (int) Math.round(t * (b.row() - a.row()) / (double) Math.max(1, steps));
            int c = a.col() + (int) Math.round(t * (b.col() - a.col()) / (double) Math.max(1, steps));
            int r0 = r - (size - 1) / 2, c0 = c - (size - 1) / 2;
            for (int rr = Math.max(0, r0); rr < Math.min(m.rows(), r0 + size); rr++) {
                for (int cc = Math.max(0, c0); cc < Math.min(m.cols(), c0 + size); cc++) cells.add(rr, cc);
            }
        }
        MaskEdits.brush(doc, cells.outs(), cells.ins(), !erasing);
    }

    private Cell clampedCell(double x, double y) {
        Mask m = mask();
        int r = Math.max(0, Math.min(m.rows() - 1, vp.rowAt((int) Math.floor(y))));
        int c = Math.max(0, Math.min(m.cols() - 1, vp.colAt((int) Math.floor(x))));
        return new Cell(r, c);
    }

    private void updateBand(Cell end) {
        int r0 = Math.min(rectStart.row(), end.row()), r1 = Math.max(rectStart.row(), end.row()) + 1;
        int c0 = Math.min(rectStart.col(), end.col()), c1 = Math.max(rectStart.col(), end.col()) + 1;
        double x0 = vp.pixelX(c0), y0 = vp.pixelY(r0);
        place(band, x0, y0, vp.pixelX(c1) - x0, vp.pixelY(r1) - y0);
    }

    /** A growable list of (row, column) pairs. */
    private static final class BrushCells {
        private int[] outs = new int[64], ins = new int[64];
        private int n;

        void add(int o, int i) {
            if (n == outs.length) {
                outs = Arrays.copyOf(outs, n * 2);
                ins = Arrays.copyOf(ins, n * 2);
            }
            outs[n] = o;
            ins[n++] = i;
        }

        int[] outs() { return Arrays.copyOf(outs, n); }
        int[] ins() { return Arrays.copyOf(ins, n); }
    }
}
