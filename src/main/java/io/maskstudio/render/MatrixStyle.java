package io.maskstudio.render;

/**
 * Colours of the matrix view. {@code gridLine} (usually translucent) is drawn between cells once
 * they are at least {@code gridMinCellSize} pixels wide.
 */
public record MatrixStyle(int background, int absent, int connected, int gridLine, double gridMinCellSize) {
    public static final MatrixStyle DEFAULT = new MatrixStyle(0xFFE4E4E4, 0xFFFFFFFF, 0xFF1F4E79, 0x22000000, 6);

    public MatrixStyle withoutGrid() {
        return new MatrixStyle(background, absent, connected, gridLine, Double.POSITIVE_INFINITY);
    }
}
