package io.maskstudio.ui.editor;

import io.maskstudio.render.Cell;

/**
 * The square of cells a brush of {@code size} cells covers when centred on a cell, clipped to the matrix:
 * rows {@code [r0, r1)}, columns {@code [c0, c1)}. Painting and the hover preview both use it, so the outline
 * shows exactly what a click would change.
 */
record BrushFootprint(int r0, int r1, int c0, int c1) {
    static BrushFootprint at(Cell centre, int size, int rows, int cols) {
        int s = Math.max(1, size);
        int r0 = centre.row() - (s - 1) / 2, c0 = centre.col() - (s - 1) / 2;
        return new BrushFootprint(Math.max(0, r0), Math.min(rows, r0 + s), Math.max(0, c0), Math.min(cols, c0 + s));
    }
}
