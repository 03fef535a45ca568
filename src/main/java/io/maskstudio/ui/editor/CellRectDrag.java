package io.maskstudio.ui.editor;

import io.maskstudio.render.Cell;
import javafx.scene.input.MouseEvent;

import java.util.BitSet;

/**
 * A rectangle drag in the matrix, from the pressed cell to the released one (clamped to the matrix): the
 * Rectangle tool fills it (Shift or right button: clears it), the Select tool selects its rows x columns
 * (Ctrl adds to the selection).
 */
final class CellRectDrag implements DragGesture {
    private final Document doc;
    private final MatrixView view;
    private final boolean fill, erase;
    private final Cell start;

    CellRectDrag(Document doc, MatrixView view, boolean fill, boolean erase, MouseEvent press) {
        this.doc = doc;
        this.view = view;
        this.fill = fill;
        this.erase = erase;
        start = view.clampedCell(press.getX(), press.getY());
        view.showBand(start, start);
    }

    @Override
    public void dragged(MouseEvent e) {
        view.showBand(start, view.clampedCell(e.getX(), e.getY()));
    }

    @Override
    public void released(MouseEvent e) {
        view.hideBand();
        Cell end = view.clampedCell(e.getX(), e.getY());
        int r0 = Math.min(start.row(), end.row()), r1 = Math.max(start.row(), end.row()) + 1;
        int c0 = Math.min(start.col(), end.col()), c1 = Math.max(start.col(), end.col()) + 1;
        if (fill) {
            MaskEdits.setRect(doc, r0, r1, c0, c1, !erase);
            return;
        }
        BitSet rows = new BitSet();
        rows.set(r0, r1);
        BitSet cols = new BitSet();
        cols.set(c0, c1);
        Selection s = Selection.of(cols, rows);
        doc.select(e.isControlDown() ? doc.selection().union(s) : s);
    }
}
