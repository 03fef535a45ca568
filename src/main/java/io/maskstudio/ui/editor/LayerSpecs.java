package io.maskstudio.ui.editor;

import io.maskstudio.model.LayerSpec;

/** Small helpers for changing layer specs from the UI. */
public final class LayerSpecs {
    private LayerSpecs() {}

    /** {@code s} with {@code size} neurons: keeps the 2-D grid (as more or fewer channels) when the size allows. */
    public static LayerSpec resized(LayerSpec s, int size) {
        if (s.size() == size) return s;
        int hw = s.height() * s.width();
        if (s.hasShape() && size % hw == 0) return s.withShape(size / hw, s.height(), s.width());
        return s.withSize(size);
    }

    /** {@code 784 (28×28)}, {@code 2×14×14}, or just the size. */
    public static String shapeText(LayerSpec s) {
        if (!s.hasShape()) return Integer.toString(s.size());
        return (s.channels() > 1 ? s.channels() + "×" : "") + s.height() + "×" + s.width();
    }
}
