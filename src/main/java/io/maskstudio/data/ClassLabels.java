package io.maskstudio.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the label cells of a CSV column into class indices. Classes are numbered in the sorted order of the
 * distinct labels, not in order of first appearance, so shuffling the file's rows never renumbers them:
 * numeric order when every label is an integer ("2" before "10"; "1.0" counts as 1), otherwise String order.
 */
final class ClassLabels {

    record Encoded(int[] y, List<String> classNames) {}

    private ClassLabels() {}

    /** Whether the cell is an integer label ("3", "-1", "3.0"); null when it is not a number at all. */
    static Long integerValue(String cell) {
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return null;
        }
        return Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e15 ? (long) v : null;
    }

    /** Encodes all labels; {@code allIntegers} tells the caller already checked every cell with {@link #integerValue}. */
    static Encoded encode(List<String> cells, boolean allIntegers) {
        int[] y = new int[cells.size()];
        List<String> names = new ArrayList<>();
        if (allIntegers) {
            Map<Long, Integer> index = new TreeMap<>();
            for (String cell : cells) index.put(integerValue(cell), 0);
            for (Map.Entry<Long, Integer> e : index.entrySet()) {
                e.setValue(names.size());
                names.add(Long.toString(e.getKey()));
            }
            for (int r = 0; r < y.length; r++) y[r] = index.get(integerValue(cells.get(r)));
        } else {
            Map<String, Integer> index = new TreeMap<>();
            for (String name : new TreeSet<>(cells)) {
                index.put(name, names.size());
                names.add(name);
            }
            for (int r = 0; r < y.length; r++) y[r] = index.get(cells.get(r));
        }
        return new Encoded(y, names);
    }
}
