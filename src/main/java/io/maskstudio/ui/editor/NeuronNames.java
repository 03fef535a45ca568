package io.maskstudio.ui.editor;

import io.maskstudio.model.LayerSpec;

/** Human-readable neuron names: {@code pixels #28 (row 3, col 4)}. */
public final class NeuronNames {
    private NeuronNames() {}

    public static String of(LayerSpec layer, int i) {
        return layer.name() + " #" + i + position(layer, i);
    }

    /** {@code " (row 3, col 4)"} for grid layers (with the channel when there are several), else empty. */
    public static String position(LayerSpec layer, int i) {
        if (!layer.hasShape()) return "";
        int hw = layer.height() * layer.width();
        int ch = i / hw, r = (i % hw) / layer.width(), c = i % layer.width();
        return " (" + (layer.channels() > 1 ? "ch " + ch + ", " : "") + "row " + r + ", col " + c + ")";
    }
}
