package io.maskstudio.ui.editor;

import io.maskstudio.model.Mask;
import io.maskstudio.render.Cell;
import javafx.scene.input.MouseEvent;

import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * A brush drag in the matrix: paints (or, with Shift or the right button, erases) the brush's square along
 * the mouse path as one undo step; leaving the matrix lifts the brush until it comes back.
 */
final class BrushStroke implements DragGesture {
    private final Document doc;
    private final MatrixView view;
    private final IntSupplier size;
    private final boolean erase;
    private Cell last;

    BrushStroke(Document doc, MatrixView view, IntSupplier size, boolean erase, MouseEvent press) {
        this.doc = doc;
        this.view = view;
        this.size = size;
        this.erase = erase;
        doc.history().endMerge();
        last = view.cellAt(press.getX(), press.getY());
        if (last != null) dab(last, last);
    }

    @Override
    public void dragged(MouseEvent e) {
        Cell c = view.cellAt(e.getX(), e.getY());
        if (c == null) {
            last = null;
        } else {
            dab(last == null ? c : last, c);
            last = c;
        }
    }

    @Override
    public void released(MouseEvent e) {
        doc.history().endMerge();
    }

    /** Stamps the brush along the cells from {@code a} to {@code b}, so fast drags leave no gaps. */
    private void dab(Cell a, Cell b) {
        Mask m = doc.design().mask(doc.pair());
        int steps = Math.max(Math.abs(b.row() - a.row()), Math.abs(b.col() - a.col()));
        CellList cells = new CellList();
        for (int t = 0; t <= steps; t++) {
            int r = a.row() + (int) Math.round(t * (b.row() - a.row()) / (double) Math.max(1, steps));
            int c = a.col() + (int) Math.round(t * (b.col() - a.col()) / (double) Math.max(1, steps));
            BrushFootprint f = BrushFootprint.at(new Cell(r, c), size.getAsInt(), m.rows(), m.cols());
            for (int rr = f.r0(); rr < f.r1(); rr++) {
                for (int cc = f.c0(); cc < f.c1(); cc++) cells.add(rr, cc);
            }
        }
        MaskEdits.brush(doc, cells.outs(), cells.ins(), !erase);
    }

    /** A growable list of (row, column) pairs. */
    private static final class CellList {
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
