package io.maskstudio.render;

import java.util.BitSet;

/**
 * What the bipartite view emphasizes: selected and hovered neurons on each side, and a hovered
 * connection ({@code row} = target, {@code col} = source). The fan-in of emphasized targets and the
 * fan-out of emphasized sources are drawn on top in the emphasis colour. Immutable (sets are copied).
 */
public record Highlight(BitSet selectedSources, BitSet selectedTargets, int hoveredSource, int hoveredTarget, Cell hoveredConnection) {
    public static final Highlight NONE = new Highlight(new BitSet(), new BitSet(), -1, -1, null);

    public Highlight {
        selectedSources = (BitSet) selectedSources.clone();
        selectedTargets = (BitSet) selectedTargets.clone();
    }

    @Override public BitSet selectedSources() { return (BitSet) selectedSources.clone(); }
    @Override public BitSet selectedTargets() { return (BitSet) selectedTargets.clone(); }

    public Highlight withSelection(BitSet sources, BitSet targets) {
        return new Highlight(sources, targets, hoveredSource, hoveredTarget, hoveredConnection);
    }

    /** Hover over one neuron (or null for none); clears the hovered connection. */
    public Highlight withHover(NeuronHit hit) {
        int s = hit != null && hit.side() == Side.SOURCE ? hit.index() : -1;
        int t = hit != null && hit.side() == Side.TARGET ? hit.index() : -1;
        return new Highlight(selectedSources, selectedTargets, s, t, null);
    }

    public Highlight withHoveredConnection(Cell connection) {
        return new Highlight(selectedSources, selectedTargets, -1, -1, connection);
    }

    /** Sources whose fan-out is emphasized: the selection plus the hovered one. */
    public BitSet emphasizedSources() {
        BitSet s = selectedSources();
        if (hoveredSource >= 0) s.set(hoveredSource);
        return s;
    }

    public BitSet emphasizedTargets() {
        BitSet t = selectedTargets();
        if (hoveredTarget >= 0) t.set(hoveredTarget);
        return t;
    }

    public boolean isEmpty() {
        return selectedSources.isEmpty() && selectedTargets.isEmpty() && hoveredSource < 0 && hoveredTarget < 0 && hoveredConnection == null;
    }
}
