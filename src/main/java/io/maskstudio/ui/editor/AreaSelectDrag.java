package io.maskstudio.ui.editor;

import io.maskstudio.render.BipartiteLayout;
import io.maskstudio.render.Cell;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;

import java.util.BitSet;

/**
 * A press on empty space in the bipartite view: a drag selects the neurons in a rectangle or lasso (Ctrl adds
 * to the selection); a click selects the connection under the mouse or clears the selection.
 */
final class AreaSelectDrag implements DragGesture {
    private final Document doc;
    private final BipartiteView view;
    private final Rectangle band;
    private final Polygon lassoShape;
    private final Lasso lasso;
    private final double pressX, pressY;
    private boolean moved;

    AreaSelectDrag(Document doc, BipartiteView view, Rectangle band, Polygon lassoShape, boolean freeHand, MouseEvent press) {
        this.doc = doc;
        this.view = view;
        this.band = band;
        this.lassoShape = lassoShape;
        pressX = press.getX();
        pressY = press.getY();
        lasso = freeHand ? new Lasso() : null;
        if (lasso != null) lasso.add(pressX, pressY);
    }

    @Override
    public void dragged(MouseEvent e) {
        if (!moved && Math.hypot(e.getX() - pressX, e.getY() - pressY) >= CLICK_TOLERANCE) moved = true;
        if (!moved) return;
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

    @Override
    public void released(MouseEvent e) {
        band.setVisible(false);
        lassoShape.setVisible(false);
        BipartiteLayout layout = view.pairLayout();
        if (layout == null || doc.design() == null) return;
        if (moved) select(layout, e);
        else click(layout, e);
    }

    private void click(BipartiteLayout layout, MouseEvent e) {
        Cell c = layout.connectionAt(doc.design().mask(doc.pair()), e.getX(), e.getY(), BipartiteView.CONNECTION_TOLERANCE);
        if (c != null) doc.select(Selection.ofConnection(c));
        else if (!e.isControlDown()) doc.select(Selection.NONE);
    }

    private void select(BipartiteLayout layout, MouseEvent e) {
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
}
