package io.maskstudio.model;

import java.util.BitSet;

/** How a generated pattern meets the current mask: the set operations of the design. */
public enum Combine {
    REPLACE("Replace"),
    UNION("Add (union)"),
    INTERSECT("Keep only (intersection)"),
    SUBTRACT("Remove (difference)");

    private final String label;

    Combine(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }

    public Mask apply(Mask current, Mask pattern) {
        return switch (this) {
            case REPLACE -> pattern.copy();
            case UNION -> current.union(pattern);
            case INTERSECT -> current.intersection(pattern);
            case SUBTRACT -> current.difference(pattern);
        };
    }

    /**
     * {@code combined} inside the selected rows x columns, {@code current} outside. An empty side of the
     * selection means all of that side (selecting only targets scopes whole rows).
     */
    public static Mask withinSelection(Mask current, Mask combined, BitSet sources, BitSet targets) {
        Mask out = current.copy();
        for (int o = 0; o < current.rows(); o++) {
            if (!targets.isEmpty() && !targets.get(o)) continue;
            for (int i = 0; i < current.cols(); i++) {
                if (!sources.isEmpty() && !sources.get(i)) continue;
                out.set(o, i, combined.get(o, i));
            }
        }
        return out;
    }
}
