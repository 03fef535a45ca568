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
import io.maskstudio.ui.fx.RasterView;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
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
public final class BipartiteView extends RasterView {
    private static final double HEADER = 24;
    private static final double DRAG_THRESHOLD = 4;
    private static final double CONNECTION_TOLERANCE = 3;

    private final Document doc;
    private final BipartiteRenderer renderer = new BipartiteRenderer();
    private final ObjectProperty<SelectMode> selectMode = new SimpleObjectProperty<>(this, "selectMode", SelectMode.RECTANGLE);
    private final Label sourceTitle = title(), targetTitle = title(), detail = title();
    private final Line dragLine = new Line();
    private final Rectangle band = new Rectangle();
    private final Polygon lassoShape = new Polygon();
    private BipartiteLayout layout;
    private RenderStats lastStats;
    private Highlight lastHighlight;
    private double zoom = 1, panX, panY;

    // Gesture state.
    private enum Gesture { NONE, CONNECT, SELECT, PAN }
    private Gesture gesture = Gesture.NONE;
    private NeuronHit pressHit;
    private double pressX, pressY, lastX, lastY;
    private boolean dragged;
    private Lasso lasso;

    public BipartiteView(Document doc) {
        this.doc = doc;
        getStyleClass().add("bipartite-view");
        setFocusTraversable(true);
        dragLine.setStroke(Color.web("#D9480F"));
        dragLine.setStrokeWidth(2);
        dragLine.getStrokeDashArray().setAll(6.0, 4.0);
        band.setStroke(Color.web("#D9480F"));
        band.setFill(Color.web("#D9480F", 0.10));
        lassoShape.setStroke(Color.web("#D9480F"));
        lassoShape.setFill(Color.web("#D9480F", 0.10));
        for (var n : new Node[] {dragLine, band, lassoShape}) {
            n.setVisible(false);
            n.setManaged(false);
        }
        detail.setStyle("-fx-text-fill: #6b7280; -fx-font-size: 11px;");
        overlay().getChildren().addAll(sourceTitle, targetTitle, detail, dragLine, band, lassoShape);
        doc.addListener(p -> {
            if (p == Document.REPLACED || p == NetworkDesign.STRUCTURE) {
                layout = null;
                if (p == Document.REPLACED) resetView();
            }
            if (p < 0 || p == doc.pair()) requestRedraw();
        });
        doc.pairProperty().addListener((o, a, b) -> {
            layout = null;
            resetView();
            requestRedraw();
        });
        doc.selectionProperty().addListener((o, a, b) -> requestRedraw());
        doc.hoverProperty().addListener((o, a, b) -> {
            // Hovering an unconnected matrix cell or moving within one neuron changes nothing here.
            Mask m = mask();
            if (m == null || lastHighlight == null || !highlight(m).equals(lastHighlight)) requestRedraw();
        });
        setOnScroll(this::scrolled);
        setOnMousePressed(this::pressed);
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(this::released);
        setOnMouseMoved(e -> hoverAt(e.getX(), e.getY()));
        setOnMouseExited(e -> {
            if (gesture == Gesture.NONE && !doc.hover().equals(Hover.NONE)) doc.setHover(Hover.NONE);
        });
        setOnKeyPressed(this::keyPressed);
    }

    private static Label title() {
        Label l = new Label();
        l.setManaged(false);
        l.setStyle("-fx-font-weight: bold; -fx-text-fill: #374151;");
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

    private Mask mask() {
        NetworkDesign d = doc.design();
        return d == null ? null : d.mask(doc.pair());
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

    private void scrolled(ScrollEvent e) {
        if (layout == null || e.getDeltaY() == 0) return;
        double factor = Math.pow(1.2, e.getDeltaY() / 40);
        double z = Math.max(1, Math.min(40, zoom * factor));
        // Keep the point under the mouse in place.
        double ux = (e.getX() - panX) / zoom, uy = (e.getY() - HEADER - panY) / zoom;
        zoom = z;
        panX = e.getX() - ux * z;
        panY = e.getY() - HEADER - uy * z;
        layout = null;
        requestRedraw();
        e.consume();
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        if (layout == null || mask() == null) return;
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        dragged = false;
        if (e.getButton() == MouseButton.MIDDLE) {
            gesture = Gesture.PAN;
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) return;
        pressHit = layout.neuronAt(e.getX(), e.getY());
        gesture = pressHit != null ? Gesture.CONNECT : Gesture.SELECT;
        if (gesture == Gesture.SELECT && selectMode.get() == SelectMode.LASSO) {
            lasso = new Lasso();
            lasso.add(e.getX(), e.getY());
        }
    }

    private void dragged(MouseEvent e) {
        if (!dragged && Math.hypot(e.getX() - pressX, e.getY() - pressY) >= DRAG_THRESHOLD) dragged = true;
        switch (gesture) {
            case PAN -> {
                panX += e.getX() - lastX;
                panY += e.getY() - lastY;
                layout = null;
                requestRedraw();
            }
            case CONNECT -> {
                if (!dragged) break;
                double[] a = neuronCentre(pressHit.side(), pressHit.index());
                dragLine.setStartX(a[0]);
                dragLine.setStartY(a[1]);
                dragLine.setEndX(e.getX());
                dragLine.setEndY(e.getY());
                dragLine.setStroke(Color.web(e.isShiftDown() ? "#6b7280" : "#D9480F"));
                dragLine.setVisible(true);
                NeuronHit over = layout.neuronAt(e.getX(), e.getY());
                Hover h = over != null && over.side() != pressHit.side() ? Hover.neuron(over.side(), over.index()) : Hover.NONE;
                if (!h.equals(doc.hover())) doc.setHover(h);
            }
            case SELECT -> {
                if (!dragged) break;
                if (lasso != null) {
                    lasso.add(e.getX(), e.getY());
                    lassoShape.getPoints().setAll(lasso.points());
                    lassoShape.setVisible(true);
                } else {
                    band.setX(Math.min(pressX, e.getX()));
                    band.setY(Math.min(pressY, e.getY()));
                    band.setWidth(Math.abs(e.getX() - pressX));
                    band.setHeight(Math.abs(e.getY() - pressY));
                    band.setVisible(true);
                }
            }
            default -> { }
        }
        lastX = e.getX();
        lastY = e.getY();
    }

    private void released(MouseEvent e) {
        Gesture g = gesture;
        gesture = Gesture.NONE;
        dragLine.setVisible(false);
        band.setVisible(false);
        lassoShape.setVisible(false);
        if (layout == null || mask() == null) return;
        switch (g) {
            case CONNECT -> {
                if (dragged) connectTo(layout.neuronAt(e.getX(), e.getY()), e.isShiftDown());
                else clickNeuron(pressHit, e.isControlDown());
            }
            case SELECT -> {
                if (dragged) selectArea(e);
                else clickEmpty(e);
            }
            default -> { }
        }
        lasso = null;
        hoverAt(e.getX(), e.getY());
    }

    /** The neurons a drag starting or ending at {@code hit} stands for: the selection when it holds that neuron. */
    private BitSet endpoints(NeuronHit hit) {
        Selection s = doc.selection();
        BitSet sel = hit.side() == Side.SOURCE ? s.sources() : s.targets();
        if (sel.get(hit.index())) return sel;
        BitSet one = new BitSet();
        one.set(hit.index());
        return one;
    }

    private void connectTo(NeuronHit end, boolean disconnect) {
        if (end == null || end.side() == pressHit.side()) return;
        BitSet a = endpoints(pressHit), b = endpoints(end);
        BitSet sources = pressHit.side() == Side.SOURCE ? a : b;
        BitSet targets = pressHit.side() == Side.SOURCE ? b : a;
        MaskEdits.setAll(doc, sources, targets, !disconnect);
    }

    private void clickNeuron(NeuronHit hit, boolean add) {
        BitSet s = doc.selection().sources(), t = doc.selection().targets();
        BitSet side = hit.side() == Side.SOURCE ? s : t;
        if (add) {
            side.flip(hit.index());
        } else {
            s.clear();
            t.clear();
            side.set(hit.index());
        }
        doc.select(Selection.of(s, t));
    }

    private void clickEmpty(MouseEvent e) {
        Cell c = layout.connectionAt(mask(), e.getX(), e.getY(), CONNECTION_TOLERANCE);
        if (c != null) doc.select(Selection.ofConnection(c));
        else if (!e.isControlDown()) doc.select(Selection.NONE);
    }

    private void selectArea(MouseEvent e) {
        BitSet s, t;
        if (lasso != null) {
            s = lasso.neuronsIn(layout.source());
            t = lasso.neuronsIn(layout.target());
        } else {
            s = layout.source().neuronsIn(pressX, pressY, e.getX(), e.getY());
            t = layout.target().neuronsIn(pressX, pressY, e.getX(), e.getY());
        }
        Selection sel = Selection.of(s, t);
        doc.select(e.isControlDown() ? doc.selection().union(sel) : sel);
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
