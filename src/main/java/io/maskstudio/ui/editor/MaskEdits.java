package io.maskstudio.ui.editor;

import io.maskstudio.model.Mask;
import io.maskstudio.model.edit.EditHistory;
import io.maskstudio.model.edit.MaskEdit;

import java.util.BitSet;

/** Turns gestures into undoable mask edits of the document's current pair. */
public final class MaskEdits {
    /** Above this many cells a change is built as a whole-mask edit instead of a cell list. */
    private static final long CELL_LIST_LIMIT = 1_000_000;

    private MaskEdits() {}

    /**
     * Connects (or disconnects) every source in {@code sources} with every target in {@code targets}
     * as one undo step. Returns the number of cells that changed; 0 adds no step.
     */
    public static long setAll(Document doc, BitSet sources, BitSet targets, boolean connected) {
        int pair = doc.pair();
        Mask mask = doc.design().mask(pair);
        long cells = (long) sources.cardinality() * targets.cardinality();
        if (cells == 0) return 0;
        String label = (connected ? "Connect" : "Disconnect") + " {cells}";
        MaskEdit edit;
        if (cells > CELL_LIST_LIMIT) {
            Mask after = mask.copy();
            for (int o = targets.nextSetBit(0); o >= 0; o = targets.nextSetBit(o + 1)) {
                for (int i = sources.nextSetBit(0); i >= 0; i = sources.nextSetBit(i + 1)) after.set(o, i, connected);
            }
            edit = MaskEdit.between(pair, mask, after, label);
        } else {
            int[] outs = new int[(int) cells];
            int[] ins = new int[(int) cells];
            int k = 0;
            for (int o = targets.nextSetBit(0); o >= 0; o = targets.nextSetBit(o + 1)) {
                for (int i = sources.nextSetBit(0); i >= 0; i = sources.nextSetBit(i + 1)) {
                    outs[k] = o;
                    ins[k++] = i;
                }
            }
            edit = MaskEdit.setCells(pair, mask, outs, ins, connected, label);
        }
        if (edit.changedCells() == 0) return 0;
        doc.history().perform(edit);
        return edit.changedCells();
    }

    /** Sets the rectangle of cells {@code [row0,row1) x [col0,col1)} (clipped) as one step. */
    public static long setRect(Document doc, int row0, int row1, int col0, int col1, boolean connected) {
        int pair = doc.pair();
        Mask mask = doc.design().mask(pair);
        Mask after = mask.copy();
        after.setRect(row0, row1, col0, col1, connected);
        return perform(doc.history(), MaskEdit.between(pair, mask, after, (connected ? "Fill" : "Clear") + " rectangle: {cells}"));
    }

    /** Connects the whole row unless it already is fully connected, in which case clears it. */
    public static long toggleRow(Document doc, int row) {
        int pair = doc.pair();
        Mask mask = doc.design().mask(pair);
        boolean full = mask.fanIn(row) == mask.cols();
        Mask after = mask.copy();
        after.setRow(row, !full);
        return perform(doc.history(), MaskEdit.between(pair, mask, after, (full ? "Clear" : "Fill") + " row " + row + ": {cells}"));
    }

    /** Connects the whole column unless it already is fully connected, in which case clears it. */
    public static long toggleColumn(Document doc, int col) {
        int pair = doc.pair();
        Mask mask = doc.design().mask(pair);
        boolean full = mask.fanOut(col) == mask.rows();
        Mask after = mask.copy();
        after.setColumn(col, !full);
        return perform(doc.history(), MaskEdit.between(pair, mask, after, (full ? "Clear" : "Fill") + " column " + col + ": {cells}"));
    }

    /**
     * One dab of a brush stroke: the cells in {@code outs/ins}, folded into the stroke's open undo step.
     * The caller ends the stroke with {@link EditHistory#endMerge()} on mouse release.
     */
    public static long brush(Document doc, int[] outs, int[] ins, boolean connected) {
        int pair = doc.pair();
        MaskEdit edit = MaskEdit.setCells(pair, doc.design().mask(pair), outs, ins, connected, (connected ? "Paint" : "Erase") + " {cells}");
        if (edit.changedCells() == 0) return 0;
        doc.history().performMerged(edit);
        return edit.changedCells();
    }

    private static long perform(EditHistory history, MaskEdit edit) {
        if (edit.changedCells() == 0) return 0;
        history.perform(edit);
        return edit.changedCells();
    }
}
