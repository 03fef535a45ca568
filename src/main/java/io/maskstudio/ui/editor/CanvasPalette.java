package io.maskstudio.ui.editor;

/**
 * Colours the editor views paint into their rasters (ARGB). CSS cannot reach raster pixels, so these are the
 * one place for them; everything drawn as a node (marks, bands, labels) is styled in maskstudio.css. The
 * values match the stylesheet's chrome (#f7f8fa panels, #d5d9df borders, the #d9480f accent).
 */
final class CanvasPalette {
    private CanvasPalette() {
    }

    /** Selected rows and columns of the matrix: a light wash of the accent. */
    static final int SELECTION_TINT = 0x38F4A261;
    /** The outline of the selected connection. */
    static final int SELECTED_CONNECTION = 0xFFD9480F;
    /** The matrix's ruler and caption bands. */
    static final int BAND = 0xFFF7F8FA;
    /** The line between the bands and the cells. */
    static final int BAND_EDGE = 0xFFD5D9DF;
    /** Ruler tick marks. */
    static final int TICK = 0xFF6B7280;
}
