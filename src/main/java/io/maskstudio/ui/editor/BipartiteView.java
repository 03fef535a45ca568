package io.maskstudio.ui.editor;

import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.render.BipartiteLayout;
import io.maskstudio.render.BipartiteRenderer;
import io.maskstudio.render.Cell;
import io.maskstudio.render.Highlight;
import io.maskstudio.render.LayerLayout;
import io.maskstudio.render.NeuronHit;
import io.maskstudio.render.Raster;
import io.maskstudio.render.RenderStats;
import io.maskstudio.render.Side;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;

import java.util.BitSet;

/**
 * The layer pair as a bipartite graph: source neurons left, target neurons right, image-shaped layers as
 * grids. Drag from a neuron (or the selection it belongs to) to a neuron on the other side to connect all
 * pairs, Shift-drag to disconnect; click a neuron or connection to select it; drag on empty space for a
 * rectangle (or lasso) selection, Ctrl adds. Hover shows a neuron's fan-in/fan-out. Scroll zooms, middle-drag pans.
 */
public final class BipartiteView extends DocumentView {
    private static final double HEADER = 24;
    static final double CONNECTION_TOLERANCE = 3;
    /** The drag line while Shift is down: the drop disconnects. */
    static final PseudoClass DISCONNECT = PseudoClass.getPseudoClass("disconnect");

    private final BipartiteRenderer renderer = new BipartiteRenderer();
    private final ObjectProperty<SelectMode> selectMode = new SimpleObjectProperty<>(this, "selectMode", SelectMode.RECTANGLE);
    private final Label sourceTitle = title(), targetTitle = title(), detail = new Label();
    private final Line dragLine = new Line();
    private final Rectangle band = new Rectangle();
    private final Polygon lassoShape = new Polygon();
    private BipartiteLayout layout;
    private RenderStats lastStats;
    private Highlight lastHighlight;
    private double zoom = 1, panX, panY;

    public BipartiteView(Document doc) {
        super(doc);
        getStyleClass().add("bipartite-view");
        setFocusTraversable(true);
        dragLine.getStyleClass().add("drag-line");
        band.getStyleClass().add("selection-band");
        lassoShape.getStyleClass().add("selection-band");
        for (var n : new Node[] {dragLine, band, lassoShape}) {
            n.setVisible(false);
            n.setManaged(false);
        }
        detail.setManaged(false);
        detail.getStyleClass().add("view-caption");
        overlay().getChildren().addAll(sourceTitle, targetTitle, detail, dragLine, band, lassoShape);
        setOnMouseMoved(e -> hoverAt(e.getX(), e.getY()));
        setOnMouseExited(e -> {
            if (!dragging() && !doc.hover().equals(Hover.NONE)) doc.setHover(Hover.NONE);
        });
        setOnKeyPressed(this::keyPressed);
    }

    private static Label title() {
        Label l = new Label();
        l.setManaged(false);
        l.getStyleClass().add("view-layer-title");
        return l;
    }

    public ObjectProperty<SelectMode> selectModeProperty() { return selectMode; }

    /** The layout of the last redraw (tests aim the mouse with it); null before the first. */
    public BipartiteLayout pairLayout() { return layout; }

    public RenderStats lastStats() { return lastStats; }

    /** Back to the whole pair, unzoomed. */
    public void fit() {
        resetView();
        requestRedraw();
    }

    private void resetView() {
        zoom = 1;
        panX = 0;
        panY = 0;
        layout = null;
    }

    @Override
    protected boolean ready() {
        return layout != null && mask() != null;
    }

    @Override
    protected void shapeChanged(boolean reset) {
        layout = null;
        if (reset) resetView();
    }

    @Override
    protected void hoverChanged() {
        // Hovering an unconnected matrix cell or moving within one neuron changes nothing here.
        Mask m = mask();
        if (m == null || lastHighlight == null || !highlight(m).equals(lastHighlight)) requestRedraw();
    }

    @Override
    protected void sizeChanged(int width, int height) {
        layout = null;
    }

    @Override
    protected void draw(Raster r) {
        Mask m = mask();
        if (m == null) {
            r.fill(renderer.style().background());
            return;
        }
        NetworkDesign d = doc.design();
        LayerSpec src = d.layer(doc.pair()), tgt = d.layer(doc.pair() + 1);
        if (layout == null || layout.source().spec() != src || layout.target().spec() != tgt) {
            layout = BipartiteLayout.of(src, tgt, panX, HEADER + panY, r.width() * zoom, (r.height() - HEADER) * zoom);
        }
        lastHighlight = highlight(m);
        lastStats = renderer.render(r, layout, m, lastHighlight);
        updateTitles(src, tgt, r.width());
    }

    private Highlight highlight(Mask m) {
        Selection s = doc.selection();
        Hover h = doc.hover();
        int hs = h.isNeuron() && h.side() == Side.SOURCE && h.index() < m.cols() ? h.index() : -1;
        int ht = h.isNeuron() && h.side() == Side.TARGET && h.index() < m.rows() ? h.index() : -1;
        Cell c = null;
        if (h.isConnection() && inside(m, h.cell()) && m.get(h.cell().row(), h.cell().col())) c = h.cell();
        else if (s.connection() != null && inside(m, s.connection())) c = s.connection();
        BitSet ss = s.sources(), st = s.targets();
        if (ss.length() > m.cols()) ss.clear(m.cols(), ss.length());
        if (st.length() > m.rows()) st.clear(m.rows(), st.length());
        return new Highlight(ss, st, hs, ht, c);
    }

    private static boolean inside(Mask m, Cell c) {
        return c.row() < m.rows() && c.col() < m.cols();
    }

    private void updateTitles(LayerSpec src, LayerSpec tgt, int width) {
        sourceTitle.setText(src.name() + "  " + shapeText(src));
        targetTitle.setText(tgt.name() + "  " + shapeText(tgt));
        double[] sb = layout.source().bounds(), tb = layout.target().bounds();
        sourceTitle.resizeRelocate(Math.max(4, sb[0]), 4, sourceTitle.prefWidth(-1), sourceTitle.prefHeight(-1));
        double tw = targetTitle.prefWidth(-1);
        targetTitle.resizeRelocate(Math.min(width - tw - 4, Math.max(tb[0] + tb[2] - tw, sb[0] + sourceTitle.prefWidth(-1) + 12)), 4,
                tw, targetTitle.prefHeight(-1));
        detail.setText(lastStats.bundled()
                ? String.format("%,d connections drawn as %,d bundles (opacity = count)", lastStats.connections(), lastStats.linesDrawn())
                : String.format("%,d connections", lastStats.connections()));
        // Centred in the header row, where no neuron is ever drawn.
        double dw = detail.prefWidth(-1);
        detail.resizeRelocate(Math.max(0, (width - dw) / 2), 5, dw, detail.prefHeight(-1));
    }

    static String shapeText(LayerSpec s) {
        if (!s.hasShape()) return Integer.toString(s.size());
        return (s.channels() > 1 ? s.channels() + "×" : "") + s.height() + "×" + s.width();
    }

    /** Centre of neuron {@code index} on {@code side}, in view coordinates. */
    public double[] neuronCentre(Side side, int index) {
        LayerLayout l = layout.side(side);
        return new double[] {l.x(index), l.y(index)};
    }

    private void hoverAt(double x, double y) {
        if (layout == null || mask() == null) return;
        NeuronHit hit = layout.neuronAt(x, y);
        Hover h;
        if (hit != null) {
            h = Hover.neuron(hit.side(), hit.index());
        } else {
            Cell c = layout.connectionAt(mask(), x, y, CONNECTION_TOLERANCE);
            h = c == null ? Hover.NONE : Hover.connection(c);
        }
        if (!h.equals(doc.hover())) doc.setHover(h);
    }

    @Override
    protected void zoomAt(double x, double y, double factor) {
        double z = Math.max(1, Math.min(40, zoom * factor));
        // Keep the point under the mouse in place.
        double ux = (x - panX) / zoom, uy = (y - HEADER - panY) / zoom;
        zoom = z;
        panX = x - ux * z;
        panY = y - HEADER - uy * z;
        layout = null;
    }

    @Override
    protected void panBy(double dx, double dy) {
        panX += dx;
        panY += dy;
        layout = null;
        requestRedraw();
    }

    @Override
    protected DragGesture startDrag(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) return null;
        NeuronHit hit = layout.neuronAt(e.getX(), e.getY());
        if (hit != null) return new ConnectDrag(doc, this, dragLine, hit, e);
        return new AreaSelectDrag(doc, this, band, lassoShape, selectMode.get() == SelectMode.LASSO, e);
    }

    @Override
    protected void afterRelease(MouseEvent e) {
        hoverAt(e.getX(), e.getY());
    }

    private void keyPressed(KeyEvent e) {
        if (e.getCode() == KeyCode.ESCAPE) {
            doc.select(Selection.NONE);
            e.consume();
        } else if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && doc.selection().connection() != null) {
            Cell c = doc.selection().connection();
            BitSet s = new BitSet(), t = new BitSet();
            s.set(c.col());
            t.set(c.row());
            MaskEdits.setAll(doc, s, t, false);
            doc.select(Selection.NONE);
            e.consume();
        }
    }
}
