package io.maskstudio.ui.editor;

import io.maskstudio.render.Cell;

import java.util.BitSet;

/**
 * What the user has selected in the current layer pair: source neurons (mask columns), target neurons
 * (mask rows) and optionally one connection. Immutable: the sets are copied in and out.
 */
public record Selection(BitSet sources, BitSet targets, Cell connection) {
    public static final Selection NONE = new Selection(new BitSet(), new BitSet(), null);

    public Selection {
        sources = (BitSet) sources.clone();
        targets = (BitSet) targets.clone();
    }

    public static Selection of(BitSet sources, BitSet targets) {
        return new Selection(sources, targets, null);
    }

    public static Selection ofConnection(Cell c) {
        return new Selection(new BitSet(), new BitSet(), c);
    }

    @Override public BitSet sources() { return (BitSet) sources.clone(); }
    @Override public BitSet targets() { return (BitSet) targets.clone(); }

    public boolean isEmpty() {
        return sources.isEmpty() && targets.isEmpty() && connection == null;
    }

    public boolean hasSource(int i) { return sources.get(i); }
    public boolean hasTarget(int o) { return targets.get(o); }
    public int sourceCount() { return sources.cardinality(); }
    public int targetCount() { return targets.cardinality(); }

    /** This selection plus {@code other}'s neurons (Ctrl-drag adds to the selection). */
    public Selection union(Selection other) {
        BitSet s = sources();
        s.or(other.sources);
        BitSet t = targets();
        t.or(other.targets);
        return of(s, t);
    }
}
