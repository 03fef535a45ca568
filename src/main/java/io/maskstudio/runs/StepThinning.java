package io.maskstudio.runs;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every {@code stride}-th batch row, doubling the stride (and dropping every other kept row) whenever more
 * than {@code maxRows} would be kept: the rows stay evenly spread over the whole run, however long it gets.
 */
final class StepThinning<T> {
    private final int maxRows;
    private final List<T> rows = new ArrayList<>();
    private long stride = 1;
    private boolean thinned;

    StepThinning(int maxRows) {
        if (maxRows < 2) throw new IllegalArgumentException("maxRows must be at least 2, got " + maxRows);
        this.maxRows = maxRows;
    }

    /** Offers the row of global step {@code step} (1-based); returns whether it was kept. */
    boolean offer(long step, T row) {
        if ((step - 1) % stride != 0) return false;
        rows.add(row);
        if (rows.size() > maxRows) {
            List<T> half = new ArrayList<>(rows.size() / 2 + 1);
            for (int k = 0; k < rows.size(); k += 2) half.add(rows.get(k));
            rows.clear();
            rows.addAll(half);
            stride *= 2;
            thinned = true;
        }
        return true;
    }

    /** True once since the last call if rows already written were dropped: the file must be rewritten, not appended. */
    boolean takeThinned() {
        boolean t = thinned;
        thinned = false;
        return t;
    }

    List<T> rows() {
        return rows;
    }

    long stride() {
        return stride;
    }
}
