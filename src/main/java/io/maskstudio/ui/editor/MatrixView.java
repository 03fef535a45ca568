package io.maskstudio.ui.editor;

import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.render.Cell;
import io.maskstudio.render.MatrixRenderer;
import io.maskstudio.render.MatrixViewport;
import io.maskstudio.render.PixelRect;
import io.maskstudio.render.Raster;
import io.maskstudio.render.Side;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;

import java.util.BitSet;

/**
 * The mask as a matrix: rows = target neurons, columns = source neurons, with index rulers on the top and left
 * and a caption band below; cells are only ever drawn between them. Paints and erases with a square brush (its
 * footprint outlined under the mouse), fills or clears rectangles, toggles rows and columns, selects row x column
 * ranges. Scroll zooms at the mouse (down to single cells of big layers), middle-drag pans.
 */
public final class MatrixView extends DocumentView {
    private static final double MAX_CELL = 64;
    /** Height of the caption band under the cells. */
    static final int CAPTION = 22;

    private final MatrixRenderer renderer = new MatrixRenderer();
    private final ObjectProperty<MatrixTool> tool = new SimpleObjectProperty<>(this, "tool", MatrixTool.BRUSH);
    private final IntegerProperty brushSize = new SimpleIntegerProperty(this, "brushSize", 1);
    private final Rectangle hoverCell = mark("hover-cell");
    private final Rectangle hoverRow = mark("hover-line");
    private final Rectangle hoverCol = mark("hover-line");
    private final Rectangle band = mark("selection-band");
    private final Rectangle brushOutline = mark("brush-outline");
    /** The marks, clipped to the cell area so that none spills over a ruler or the caption. */
    private final Pane marks = new Pane(hoverRow, hoverCol, hoverCell, band, brushOutline);
    private final Rectangle marksClip = new Rectangle();
    private final MatrixRulers rulers = new MatrixRulers();
    private final Label caption = new Label();
    private MatrixViewport vp;
    private boolean fitPending = true;
    /** Whether the user zoomed or panned since the last fit: only then does a resize keep the view's origin. */
    private boolean moved;
    /** The cell under the mouse while it is over the cells, for the brush outline; null otherwise. */
    private Cell pointer;

    public MatrixView(Document doc) {
        super(doc);
        getStyleClass().add("matrix-view");
        caption.setManaged(false);
        caption.getStyleClass().add("view-caption");
        caption.setId("matrixCaption");
        marks.setManaged(false);
        marks.setClip(marksClip);
        overlay().getChildren().addAll(marks, rulers.labels(), caption);
        setOnMouseMoved(e -> hoverAt(e.getX(), e.getY()));
        setOnMouseExited(e -> {
            pointer = null;
            updateBrushOutline();
            if (doc.hover().isConnection()) doc.setHover(Hover.NONE);
        });
        tool.addListener((o, a, b) -> updateBrushOutline());
        brushSize.addListener((o, a, b) -> updateBrushOutline());
    }

    private static Rectangle mark(String styleClass) {
        Rectangle r = new Rectangle();
        r.getStyleClass().add(styleClass);
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
        moved = true;
        requestRedraw();
    }

    /** Shows the whole matrix again. */
    public void fit() {
        fitPending = true;
        requestRedraw();
    }

    @Override
    protected boolean ready() {
        return vp != null && mask() != null;
    }

    @Override
    protected void shapeChanged(boolean reset) {
        fitPending = true;
    }

    @Override
    protected void hoverChanged() {
        updateHoverMarks();
    }

    @Override
    protected void sizeChanged(int width, int height) {
        // An untouched view follows the window (the whole matrix stays in sight); a zoomed one keeps its place.
        if (vp != null) vp = vp.resized(width, height);
        if (!moved) fitPending = true;
    }

    /** Bottom edge (exclusive) of the cell area: the caption band lies below it. */
    private int cellsBottom(int height) {
        return Math.max(MatrixRulers.TOP + 1, height - CAPTION);
    }

    @Override
    protected void draw(Raster r) {
        Mask m = mask();
        if (m == null) {
            r.fill(renderer.style().background());
            rulers.clear();
            return;
        }
        if (fitPending || vp == null || vp.rows() != m.rows() || vp.cols() != m.cols()) {
            vp = fitted(m, r.width(), r.height());
            fitPending = false;
            moved = false;
        }
        renderer.render(r, m, vp);
        drawSelection(r, m);
        int bottom = cellsBottom(r.height());
        // The bands are painted over the cells that reach under them: the caption and the numbers never cover a cell.
        r.fillRect(0, bottom, r.width(), r.height() - bottom, CanvasPalette.BAND);
        r.fillRect(0, bottom, r.width(), 1, CanvasPalette.BAND_EDGE);
        rulers.draw(r, vp, bottom);
        marksClip.setX(MatrixRulers.LEFT);
        marksClip.setY(MatrixRulers.TOP);
        marksClip.setWidth(Math.max(0, r.width() - MatrixRulers.LEFT));
        marksClip.setHeight(Math.max(0, bottom - MatrixRulers.TOP));
        NetworkDesign d = doc.design();
        caption.setText(String.format("rows: %s (%d targets)   ·   columns: %s (%d sources)   ·   %.3g px per cell",
                d.layer(doc.pair() + 1).name(), m.rows(), d.layer(doc.pair()).name(), m.cols(), vp.cellSize()));
        double ch = Math.min(CAPTION - 2, caption.prefHeight(-1));
        caption.resizeRelocate(6, bottom + (CAPTION - ch) / 2, Math.min(caption.prefWidth(-1), r.width() - 12), ch);
        updateHoverMarks();
        updateBrushOutline();
    }

    /** The whole matrix centred in the cell area between the rulers and the caption. */
    private static MatrixViewport fitted(Mask m, int w, int h) {
        int left = MatrixRulers.LEFT, top = MatrixRulers.TOP;
        int aw = Math.max(1, w - left), ah = Math.max(1, h - CAPTION - top);
        MatrixViewport f = MatrixViewport.fit(m.rows(), m.cols(), aw, ah);
        // Small masks would get huge cells: cap them and keep the matrix centred.
        if (f.cellSize() > MAX_CELL) f = f.zoomedAt(aw / 2.0, ah / 2.0, MAX_CELL / f.cellSize());
        // Shift the origin so that the area's corner, not the raster's, maps to the fitted top-left.
        double s = f.cellSize();
        return new MatrixViewport(m.rows(), m.cols(), w, h, f.firstRow() - top / s, f.firstCol() - left / s, s);
    }

    private void drawSelection(Raster r, Mask m) {
        Selection s = doc.selection();
        int xa = Math.max(0, vp.pixelX(0)), xb = Math.min(r.width(), vp.pixelX(m.cols()));
        int ya = Math.max(0, vp.pixelY(0)), yb = Math.min(r.height(), vp.pixelY(m.rows()));
        BitSet rows = s.targets();
        for (int o = rows.nextSetBit(0); o >= 0 && o < m.rows(); o = rows.nextSetBit(o + 1)) {
            PixelRect b = vp.cellBounds(o, 0);
            r.fillRect(xa, b.y(), xb - xa, b.height(), CanvasPalette.SELECTION_TINT);
        }
        BitSet cols = s.sources();
        for (int i = cols.nextSetBit(0); i >= 0 && i < m.cols(); i = cols.nextSetBit(i + 1)) {
            PixelRect b = vp.cellBounds(0, i);
            r.fillRect(b.x(), ya, b.width(), yb - ya, CanvasPalette.SELECTION_TINT);
        }
        Cell c = s.connection();
        if (c != null && c.row() < m.rows() && c.col() < m.cols()) {
            PixelRect b = vp.cellBounds(c.row(), c.col());
            r.drawRect(b.x() - 1, b.y() - 1, b.width() + 2, b.height() + 2, CanvasPalette.SELECTED_CONNECTION);
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

    /** Outlines the cells a brush click at the mouse would change; hidden for other tools and off the cells. */
    private void updateBrushOutline() {
        Mask m = mask();
        if (tool.get() != MatrixTool.BRUSH || pointer == null || m == null || vp == null
                || pointer.row() >= m.rows() || pointer.col() >= m.cols()) {
            brushOutline.setVisible(false);
            return;
        }
        BrushFootprint f = BrushFootprint.at(pointer, brushSize.get(), m.rows(), m.cols());
        double x0 = vp.pixelX(f.c0()), y0 = vp.pixelY(f.r0());
        place(brushOutline, x0, y0, vp.pixelX(f.c1()) - x0, vp.pixelY(f.r1()) - y0);
    }

    private static void place(Rectangle r, double x, double y, double w, double h) {
        r.setX(x);
        r.setY(y);
        r.setWidth(Math.max(1, w));
        r.setHeight(Math.max(1, h));
        r.setVisible(true);
    }

    /** The cell under a point of this view, or null outside the matrix (the rulers and caption hold no cells). */
    public Cell cellAt(double x, double y) {
        if (vp == null || x < MatrixRulers.LEFT || y < MatrixRulers.TOP || y >= cellsBottom(vp.height())) return null;
        return vp.cellAt((int) Math.floor(x), (int) Math.floor(y));
    }

    /** Centre of a cell in view coordinates (tests aim the mouse with it). */
    public double[] cellCentre(int row, int col) {
        PixelRect b = vp.cellBounds(row, col);
        return new double[] {b.x() + b.width() / 2.0, b.y() + b.height() / 2.0};
    }

    private void hoverAt(double x, double y) {
        Cell c = cellAt(x, y);
        pointer = c;
        updateBrushOutline();
        Hover h = c == null ? Hover.NONE : Hover.connection(c);
        if (!h.equals(doc.hover())) doc.setHover(h);
    }

    @Override
    protected void zoomAt(double x, double y, double factor) {
        double minCell = Math.min(MAX_CELL, fitted(mask(), vp.width(), vp.height()).cellSize()) / 2;
        double target = Math.max(minCell, Math.min(MAX_CELL, vp.cellSize() * factor));
        vp = vp.zoomedAt(x, y, target / vp.cellSize());
        moved = true;
    }

    @Override
    protected void panBy(double dx, double dy) {
        vp = vp.pannedBy(dx, dy);
        moved = true;
        requestRedraw();
    }

    @Override
    protected DragGesture startDrag(MouseEvent e) {
        boolean erase = e.isShiftDown() || e.getButton() == MouseButton.SECONDARY;
        Cell c = cellAt(e.getX(), e.getY());
        switch (tool.get()) {
            case BRUSH -> {
                return new BrushStroke(doc, this, brushSize::get, erase, e);
            }
            case RECTANGLE -> {
                return new CellRectDrag(doc, this, true, erase, e);
            }
            case SELECT -> {
                return new CellRectDrag(doc, this, false, erase, e);
            }
            case ROW -> {
                if (c != null) MaskEdits.toggleRow(doc, c.row());
            }
            case COLUMN -> {
                if (c != null) MaskEdits.toggleColumn(doc, c.col());
            }
        }
        return null;
    }

    @Override
    protected void draggedOver(MouseEvent e) {
        hoverAt(e.getX(), e.getY());
    }

    /** The cell under a point, moved onto the matrix when the point is outside it. */
    Cell clampedCell(double x, double y) {
        Mask m = mask();
        int r = Math.max(0, Math.min(m.rows() - 1, vp.rowAt((int) Math.floor(y))));
        int c = Math.max(0, Math.min(m.cols() - 1, vp.colAt((int) Math.floor(x))));
        return new Cell(r, c);
    }

    /** Shows the rubber band over the cells from {@code a} to {@code b}, both included. */
    void showBand(Cell a, Cell b) {
        int r0 = Math.min(a.row(), b.row()), r1 = Math.max(a.row(), b.row()) + 1;
        int c0 = Math.min(a.col(), b.col()), c1 = Math.max(a.col(), b.col()) + 1;
        double x0 = vp.pixelX(c0), y0 = vp.pixelY(r0);
        place(band, x0, y0, vp.pixelX(c1) - x0, vp.pixelY(r1) - y0);
    }

    void hideBand() {
        band.setVisible(false);
    }
}
