package io.maskstudio.ui.editor;

import io.maskstudio.render.BipartiteLayout;
import io.maskstudio.render.NeuronHit;
import io.maskstudio.render.Side;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Line;

import java.util.BitSet;

/**
 * A press on a neuron in the bipartite view: dragging to a neuron on the other side connects them (Shift:
 * disconnects), the selection when the neuron belongs to it; a click selects the neuron (Ctrl toggles it).
 */
final class ConnectDrag implements DragGesture {
    private final Document doc;
    private final BipartiteView view;
    private final Line line;
    private final NeuronHit from;
    private final double pressX, pressY;
    private boolean moved;

    ConnectDrag(Document doc, BipartiteView view, Line line, NeuronHit from, MouseEvent press) {
        this.doc = doc;
        this.view = view;
        this.line = line;
        this.from = from;
        pressX = press.getX();
        pressY = press.getY();
    }

    @Override
    public void dragged(MouseEvent e) {
        if (!moved && Math.hypot(e.getX() - pressX, e.getY() - pressY) >= CLICK_TOLERANCE) moved = true;
        if (!moved) return;
        double[] a = view.neuronCentre(from.side(), from.index());
        line.setStartX(a[0]);
        line.setStartY(a[1]);
        line.setEndX(e.getX());
        line.setEndY(e.getY());
        line.pseudoClassStateChanged(BipartiteView.DISCONNECT, e.isShiftDown());
        line.setVisible(true);
        NeuronHit over = view.pairLayout().neuronAt(e.getX(), e.getY());
        Hover h = over != null && over.side() != from.side() ? Hover.neuron(over.side(), over.index()) : Hover.NONE;
        if (!h.equals(doc.hover())) doc.setHover(h);
    }

    @Override
    public void released(MouseEvent e) {
        line.setVisible(false);
        BipartiteLayout layout = view.pairLayout();
        if (layout == null || doc.design() == null) return;
        if (moved) connectTo(layout.neuronAt(e.getX(), e.getY()), e.isShiftDown());
        else click(e.isControlDown());
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
        if (end == null || end.side() == from.side()) return;
        BitSet a = endpoints(from), b = endpoints(end);
        BitSet sources = from.side() == Side.SOURCE ? a : b;
        BitSet targets = from.side() == Side.SOURCE ? b : a;
        MaskEdits.setAll(doc, sources, targets, !disconnect);
    }

    private void click(boolean add) {
        BitSet s = doc.selection().sources(), t = doc.selection().targets();
        BitSet side = from.side() == Side.SOURCE ? s : t;
        if (add) {
            side.flip(from.index());
        } else {
            s.clear();
            t.clear();
            side.set(from.index());
        }
        doc.select(Selection.of(s, t));
    }
}
