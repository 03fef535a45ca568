package io.maskstudio.model.edit;

import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * A change of one pair's mask. Stored as the changed cells with their new values (a brush stroke: a few
 * cells) or as the whole mask before and after (a generator or an import that rewrites most of it),
 * whichever takes less memory. The description may contain {@code {cells}}, replaced by the number of
 * changed cells: {@code "Paint {cells}"} reads "Paint 12 cells".
 */
public final class MaskEdit implements Edit {
    private final int pair;
    private final int rows;
    private final int cols;
    private final String label;
    private final long changed;
    // Sparse form: ascending cell indices (out * cols + in) and each cell's value after the edit.
    private final long[] cells;
    private final BitSet afterValues;
    // Whole form.
    private final Mask before;
    private final Mask after;

    private MaskEdit(int pair, int rows, int cols, String label, long[] cells, BitSet afterValues, Mask before, Mask after) {
        this.pair = pair;
        this.rows = rows;
        this.cols = cols;
        this.label = Objects.requireNonNull(label, "label");
        this.cells = cells;
        this.afterValues = afterValues;
        this.before = before;
        this.after = after;
        this.changed = cells != null ? cells.length : before.symmetricDifference(after).nnz();
    }

    /** The edit that turns {@code before} into {@code after} (same shape) on pair {@code pair}; both are copied as needed. */
    public static MaskEdit between(int pair, Mask before, Mask after, String label) {
        if (!before.sameShape(after)) {
            throw new IllegalArgumentException("mask edit needs equal shapes, got [" + before.rows() + "," + before.cols()
                    + "] and [" + after.rows() + "," + after.cols() + "]");
        }
        Mask flips = before.symmetricDifference(after);
        long n = flips.nnz();
        if (!sparseIsSmaller(n, before.rows(), before.cols())) {
            return new MaskEdit(pair, before.rows(), before.cols(), label, null, null, before.copy(), after.copy());
        }
        long[] cells = new long[(int) n];
        BitSet values = new BitSet((int) n);
        int[] k = {0};
        long c = before.cols();
        flips.forEachSet((o, i) -> {
            if (after.get(o, i)) values.set(k[0]);
            cells[k[0]++] = o * c + i;
        });
        return new MaskEdit(pair, before.rows(), before.cols(), label, cells, values, null, null);
    }

    /** Replaces pair {@code pair}'s current mask with {@code replacement}: a generator result, an import. */
    public static MaskEdit replace(NetworkDesign design, int pair, Mask replacement, String label) {
        return between(pair, design.mask(pair), replacement, label);
    }

    /**
     * Sets cells {@code (outs[k], ins[k])} of {@code current} to {@code connected}, recording only those that
     * actually change (duplicates are fine): the cells under a brush, a rectangle, a drag between neurons.
     */
    public static MaskEdit setCells(int pair, Mask current, int[] outs, int[] ins, boolean connected, String label) {
        if (outs.length != ins.length) throw new IllegalArgumentException("got " + outs.length + " rows but " + ins.length + " columns");
        long[] cells = new long[outs.length];
        int n = 0;
        for (int k = 0; k < outs.length; k++) {
            if (current.get(outs[k], ins[k]) != connected) cells[n++] = (long) outs[k] * current.cols() + ins[k];
        }
        cells = Arrays.stream(cells, 0, n).sorted().distinct().toArray();
        BitSet values = new BitSet(cells.length);
        if (connected) values.set(0, cells.length);
        return new MaskEdit(pair, current.rows(), current.cols(), label, cells, values, null, null);
    }

    public int pair() {
        return pair;
    }

    /** Number of cells whose value differs between before and after. */
    public long changedCells() {
        return changed;
    }

    /** True when the edit keeps the whole mask before and after rather than a list of cells. */
    public boolean storesWholeMask() {
        return cells == null;
    }

    @Override
    public String description() {
        return label.replace("{cells}", changed + (changed == 1 ? " cell" : " cells"));
    }

    @Override
    public void apply(NetworkDesign design) {
        change(design, true);
    }

    @Override
    public void revert(NetworkDesign design) {
        change(design, false);
    }

    private void change(NetworkDesign design, boolean forward) {
        Mask live = design.mask(pair);
        if (live.rows() != rows || live.cols() != cols) {
            throw new IllegalStateException("mask edit for a [" + rows + "," + cols + "] mask applied to pair " + pair
                    + " of shape [" + live.rows() + "," + live.cols() + "]");
        }
        if (cells == null) {
            requireState(live.equals(forward ? before : after));
            design.setMask(pair, forward ? after : before);
            return;
        }
        // Check everything first so that a misplaced edit changes nothing.
        for (int k = 0; k < cells.length; k++) requireState(live.get(row(k), col(k)) != target(k, forward));
        for (int k = 0; k < cells.length; k++) live.set(row(k), col(k), target(k, forward));
        design.maskEdited(pair);
    }

    /** Applies this edit to a plain mask in the state before it (for merging and previews). */
    public void applyTo(Mask m) {
        changeMask(m, true);
    }

    /** Reverts this edit on a plain mask in the state after it. */
    public void revertOn(Mask m) {
        changeMask(m, false);
    }

    private void changeMask(Mask m, boolean forward) {
        if (m.rows() != rows || m.cols() != cols) throw new IllegalArgumentException("mask shape differs from the edit's");
        if (cells == null) {
            m.assign(forward ? after : before);
        } else {
            for (int k = 0; k < cells.length; k++) m.set(row(k), col(k), target(k, forward));
        }
    }

    /** Consecutive changes of the same pair fold into one edit that keeps this edit's label. */
    @Override
    public Edit mergedWith(Edit next) {
        if (!(next instanceof MaskEdit e) || e.pair != pair || e.rows != rows || e.cols != cols) return null;
        if (cells != null && e.cells != null) return mergeSparse(e);
        Mask start;
        Mask end;
        if (cells == null) {
            start = before;
            end = after.copy();
            e.applyTo(end);
        } else {
            start = e.before.copy();
            revertOn(start);
            end = e.after;
        }
        return between(pair, start, end, label);
    }

    private MaskEdit mergeSparse(MaskEdit e) {
        long[] out = new long[cells.length + e.cells.length];
        BitSet values = new BitSet();
        int a = 0;
        int b = 0;
        int n = 0;
        while (a < cells.length || b < e.cells.length) {
            long ca = a < cells.length ? cells[a] : Long.MAX_VALUE;
            long cb = b < e.cells.length ? e.cells[b] : Long.MAX_VALUE;
            if (ca < cb) {
                values.set(n, afterValues.get(a++));
                out[n++] = ca;
            } else if (cb < ca) {
                values.set(n, e.afterValues.get(b++));
                out[n++] = cb;
            } else {
                // Changed by both: the net change is from this edit's before to the next one's after.
                boolean start = !afterValues.get(a++);
                boolean end = e.afterValues.get(b++);
                if (start != end) {
                    values.set(n, end);
                    out[n++] = ca;
                }
            }
        }
        return new MaskEdit(pair, rows, cols, label, Arrays.copyOf(out, n), values, null, null);
    }

    private int row(int k) {
        return (int) (cells[k] / cols);
    }

    private int col(int k) {
        return (int) (cells[k] % cols);
    }

    private boolean target(int k, boolean forward) {
        return afterValues.get(k) == forward;
    }

    private void requireState(boolean ok) {
        if (!ok) throw new IllegalStateException("mask edit '" + description() + "' applied to pair " + pair + " in another state than it was made for");
    }

    /** A cell index costs 8 bytes; the whole form keeps two bit matrices. */
    private static boolean sparseIsSmaller(long changedCells, int rows, int cols) {
        long wholeBytes = 2L * rows * ((cols + 63) / 64) * 8;
        return changedCells * 8 < wholeBytes && changedCells < Integer.MAX_VALUE - 8;
    }
}
