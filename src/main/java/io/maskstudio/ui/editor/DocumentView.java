package io.maskstudio.ui.editor;

import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.ui.fx.RasterView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * What the bipartite and matrix views share: they show the current pair's mask of a {@link Document},
 * redraw when it, the pair or the selection changes, zoom with the wheel at the mouse ({@link WheelZoom}) and
 * pan with a middle drag ({@link PanDrag}). Everything a primary or secondary drag does is a {@link DragGesture}
 * the subclass starts; hover and keyboard handling stay with the subclass.
 */
abstract class DocumentView extends RasterView {
    protected final Document doc;
    private DragGesture drag;

    protected DocumentView(Document doc) {
        this.doc = doc;
        doc.addListener(p -> {
            if (p == Document.REPLACED || p == NetworkDesign.STRUCTURE) shapeChanged(p == Document.REPLACED);
            if (p < 0 || p == doc.pair()) requestRedraw();
        });
        doc.pairProperty().addListener((o, a, b) -> {
            shapeChanged(true);
            requestRedraw();
        });
        doc.selectionProperty().addListener((o, a, b) -> requestRedraw());
        doc.hoverProperty().addListener((o, a, b) -> hoverChanged());
        setOnScroll(e -> {
            if (e.getDeltaY() == 0 || !ready()) return;
            zoomAt(e.getX(), e.getY(), WheelZoom.factor(e.getDeltaY()));
            requestRedraw();
            e.consume();
        });
        setOnMousePressed(this::pressed);
        setOnMouseDragged(e -> {
            if (!(drag instanceof PanDrag)) draggedOver(e);
            if (drag != null) drag.dragged(e);
        });
        setOnMouseReleased(e -> {
            DragGesture g = drag;
            drag = null;
            if (g != null) g.released(e);
            afterRelease(e);
        });
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        if (!ready()) return;
        drag = e.getButton() == MouseButton.MIDDLE ? new PanDrag(this::panBy, e) : startDrag(e);
    }

    /** The current pair's mask, or null before a design is open. */
    protected final Mask mask() {
        NetworkDesign d = doc.design();
        return d == null ? null : d.mask(doc.pair());
    }

    /** True while a mouse gesture (including a pan) is under way. */
    protected final boolean dragging() {
        return drag != null;
    }

    /** Whether the view has drawn the current mask once, so that positions can be mapped to it. */
    protected abstract boolean ready();

    /** The mask's shape or the whole design changed ({@code reset}: a new document or another pair, so back to fit). */
    protected abstract void shapeChanged(boolean reset);

    protected abstract void hoverChanged();

    /** Scales the view by {@code factor} keeping the point under {@code (x, y)} in place. */
    protected abstract void zoomAt(double x, double y, double factor);

    /** Moves the content by {@code (dx, dy)} pixels. */
    protected abstract void panBy(double dx, double dy);

    /** The gesture a non-middle press starts, or null when a press is all it takes (a click tool). */
    protected abstract DragGesture startDrag(MouseEvent press);

    /** Called on every drag that is not a pan, before the gesture sees it. */
    protected void draggedOver(MouseEvent e) {
    }

    /** Called after every release, once the gesture (if any) has finished. */
    protected void afterRelease(MouseEvent e) {
    }
}
