package io.maskstudio.model.edit;

import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;

import java.util.ArrayList;
import java.util.List;

/**
 * Changes, inserts or removes a layer. The design rebuilds the adjacent masks on such changes
 * (cut, zero-extended or made full), so the edit keeps the masks it destroys and undo restores them exactly.
 */
public final class LayerEdit implements Edit {

    private enum Kind { SET, INSERT, REMOVE }

    private final Kind kind;
    private final int index;
    private final LayerSpec before; // SET, REMOVE
    private final LayerSpec after;  // SET, INSERT
    private final Mask savedIn;     // mask index-1 as it was, when the edit rebuilds it
    private final Mask savedOut;    // mask index as it was, when the edit rebuilds it
    private final String description;

    private LayerEdit(Kind kind, int index, LayerSpec before, LayerSpec after, Mask savedIn, Mask savedOut, String description) {
        this.kind = kind;
        this.index = index;
        this.before = before;
        this.after = after;
        this.savedIn = savedIn;
        this.savedOut = savedOut;
        this.description = description;
    }

    /** Replaces layer {@code k} (name, size, shape, activation) as {@link NetworkDesign#setLayer} does. */
    public static LayerEdit set(NetworkDesign design, int k, LayerSpec spec) {
        LayerSpec old = design.layer(k);
        boolean resized = old.size() != spec.size();
        Mask in = resized && k > 0 ? design.mask(k - 1).copy() : null;
        Mask out = resized && k < design.pairCount() ? design.mask(k).copy() : null;
        return new LayerEdit(Kind.SET, k, old, spec, in, out, describeChange(old, spec));
    }

    /** Inserts {@code spec} at position {@code k}, as {@link NetworkDesign#insertLayer} does. */
    public static LayerEdit insert(NetworkDesign design, int k, LayerSpec spec) {
        if (k <= 0 || k >= design.layerCount()) {
            throw new IllegalArgumentException("a new layer goes between input and output, position 1.." + (design.layerCount() - 1));
        }
        return new LayerEdit(Kind.INSERT, k, null, spec, design.mask(k - 1).copy(), null, "Insert layer '" + spec.name() + "'");
    }

    /** Removes hidden layer {@code k}, as {@link NetworkDesign#removeLayer} does. */
    public static LayerEdit remove(NetworkDesign design, int k) {
        if (k <= 0 || k >= design.layerCount() - 1) {
            throw new IllegalArgumentException("only hidden layers can be removed (1.." + (design.layerCount() - 2) + ")");
        }
        LayerSpec old = design.layer(k);
        return new LayerEdit(Kind.REMOVE, k, old, null, design.mask(k - 1).copy(), design.mask(k).copy(),
                "Remove layer '" + old.name() + "'");
    }

    @Override
    public void apply(NetworkDesign design) {
        switch (kind) {
            case SET -> {
                requireLayer(design, index, before);
                design.setLayer(index, after);
            }
            case INSERT -> design.insertLayer(index, after);
            case REMOVE -> {
                requireLayer(design, index, before);
                design.removeLayer(index);
            }
        }
    }

    @Override
    public void revert(NetworkDesign design) {
        switch (kind) {
            case SET -> {
                requireLayer(design, index, after);
                design.setLayer(index, before);
                if (savedIn != null) design.setMask(index - 1, savedIn);
                if (savedOut != null) design.setMask(index, savedOut);
            }
            case INSERT -> {
                requireLayer(design, index, after);
                design.removeLayer(index);
                design.setMask(index - 1, savedIn);
            }
            case REMOVE -> {
                design.insertLayer(index, before);
                design.setMask(index - 1, savedIn);
                design.setMask(index, savedOut);
            }
        }
    }

    @Override
    public String description() {
        return description;
    }

    private static void requireLayer(NetworkDesign design, int k, LayerSpec expected) {
        if (k >= design.layerCount() || !design.layer(k).equals(expected)) {
            throw new IllegalStateException("layer edit expected layer " + k + " to be " + expected
                    + (k < design.layerCount() ? ", found " + design.layer(k) : ", but the design has " + design.layerCount() + " layers"));
        }
    }

    private static String describeChange(LayerSpec a, LayerSpec b) {
        List<String> parts = new ArrayList<>();
        if (!a.name().equals(b.name())) parts.add("name → '" + b.name() + "'");
        if (a.size() != b.size() || a.height() != b.height() || a.width() != b.width()) parts.add("size " + shape(a) + " → " + shape(b));
        if (a.activation() != b.activation()) parts.add("activation " + a.activation().id() + " → " + b.activation().id());
        return "Change layer '" + a.name() + "'" + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    private static String shape(LayerSpec s) {
        if (!s.hasShape()) return Integer.toString(s.size());
        return (s.channels() > 1 ? s.channels() + "x" : "") + s.height() + "x" + s.width();
    }
}
