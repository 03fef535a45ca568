package io.maskstudio.render;

/**
 * Which part of a {@code rows x cols} matrix a {@code width x height} canvas shows: the (fractional)
 * row and column at the canvas's top-left corner and the cell size in pixels (below 1 when zoomed out).
 *
 * <p>A pixel belongs to the cell under its centre, and a cell is drawn on the pixels whose centres it
 * contains; hit-testing and rendering both use this rule, so what is painted is what is hit.
 */
public record MatrixViewport(int rows, int cols, int width, int height, double firstRow, double firstCol, double cellSize) {

    public MatrixViewport {
        if (rows <= 0 || cols <= 0 || width <= 0 || height <= 0) throw new IllegalArgumentException("sizes must be positive");
        if (!(cellSize > 0) || !Double.isFinite(cellSize)) throw new IllegalArgumentException("cell size must be positive, was " + cellSize);
        if (!Double.isFinite(firstRow) || !Double.isFinite(firstCol)) throw new IllegalArgumentException("viewport origin must be finite");
    }

    /** The whole matrix, as large as fits, centred. */
    public static MatrixViewport fit(int rows, int cols, int width, int height) {
        double s = Math.min(width / (double) cols, height / (double) rows);
        return new MatrixViewport(rows, cols, width, height,
                -(height / s - rows) / 2, -(width / s - cols) / 2, s);
    }

    /** Column under pixel column {@code px}; may lie outside {@code [0, cols)}. */
    public int colAt(int px) {
        return (int) Math.floor(firstCol + (px + 0.5) / cellSize);
    }

    /** Row under pixel row {@code py}; may lie outside {@code [0, rows)}. */
    public int rowAt(int py) {
        return (int) Math.floor(firstRow + (py + 0.5) / cellSize);
    }

    /** The cell under the pixel, or null when the pixel is outside the matrix. */
    public Cell cellAt(int px, int py) {
        int r = rowAt(py), c = colAt(px);
        return r >= 0 && r < rows && c >= 0 && c < cols ? new Cell(r, c) : null;
    }

    /**
     * First pixel column whose centre lies in column {@code col} or beyond: the cell's first pixel when
     * cells are a pixel or more, the pixel that owns the cell when they are smaller.
     */
    public int pixelX(int col) {
        int p = (int) Math.ceil((col - firstCol) * cellSize - 0.5);
        // Nudge so that rounding can never make painting and hit-testing disagree on a boundary.
        while (colAt(p - 1) >= col) p--;
        while (colAt(p) < col) p++;
        return p;
    }

    public int pixelY(int row) {
        int p = (int) Math.ceil((row - firstRow) * cellSize - 0.5);
        while (rowAt(p - 1) >= row) p--;
        while (rowAt(p) < row) p++;
        return p;
    }

    /**
     * First row drawn on the canvas, unclamped. Pixel p owns the rows in {@code (rowAt(p-1), rowAt(p)]}:
     * one or more when cells are smaller than a pixel, so pixel 0 may own rows before {@code rowAt(0)}.
     */
    public int firstVisibleRow() {
        return Math.min(rowAt(0), rowAt(-1) + 1);
    }

    /** Last row drawn on the canvas, unclamped. */
    public int lastVisibleRow() {
        return rowAt(height - 1);
    }

    public int firstVisibleCol() {
        return Math.min(colAt(0), colAt(-1) + 1);
    }

    public int lastVisibleCol() {
        return colAt(width - 1);
    }

    /** The pixels drawn for the cell, at least 1x1 so a hover mark is always visible. */
    public PixelRect cellBounds(int row, int col) {
        int x = pixelX(col), y = pixelY(row);
        return new PixelRect(x, y, Math.max(1, pixelX(col + 1) - x), Math.max(1, pixelY(row + 1) - y));
    }

    /** Zooms by {@code factor} keeping the matrix point under pixel {@code (px, py)} in place. */
    public MatrixViewport zoomedAt(double px, double py, double factor) {
        double s = cellSize * factor;
        double col = firstCol + (px + 0.5) / cellSize, row = firstRow + (py + 0.5) / cellSize;
        return new MatrixViewport(rows, cols, width, height, row - (py + 0.5) / s, col - (px + 0.5) / s, s);
    }

    /** Moves the content by {@code (dx, dy)} pixels (drag to the right shows columns further left). */
    public MatrixViewport pannedBy(double dx, double dy) {
        return new MatrixViewport(rows, cols, width, height, firstRow - dy / cellSize, firstCol - dx / cellSize, cellSize);
    }

    public MatrixViewport resized(int newWidth, int newHeight) {
        return new MatrixViewport(rows, cols, newWidth, newHeight, firstRow, firstCol, cellSize);
    }
}
