package io.maskstudio.render;

import io.maskstudio.model.Mask;

/**
 * Draws a mask as a matrix (rows = output neurons, columns = input neurons) through a {@link MatrixViewport}.
 * Cells of a pixel or more are drawn as rectangles; when cells are smaller than a pixel, each pixel is
 * coloured by the fraction of the cells it covers that are connected (or by their mean value).
 * Work is proportional to the visible pixels plus the visible connections.
 */
public final class MatrixRenderer {
    private final MatrixStyle style;

    public MatrixRenderer() {
        this(MatrixStyle.DEFAULT);
    }

    public MatrixRenderer(MatrixStyle style) {
        this.style = style;
    }

    public MatrixStyle style() { return style; }

    public void render(Raster target, Mask mask, MatrixViewport vp) {
        render(target, mask, null, null, null, vp);
    }

    /**
     * @param values optional row-major {@code [rows*cols]} weights or gradients; when given, connected cells
     *               are coloured by {@code map} over {@code range} instead of the connected colour
     */
    public void render(Raster target, Mask mask, float[] values, ColorMap map, ValueRange range, MatrixViewport vp) {
        if (vp.rows() != mask.rows() || vp.cols() != mask.cols()) {
            throw new IllegalArgumentException("viewport is for [" + vp.rows() + "," + vp.cols() + "], mask is [" + mask.rows() + "," + mask.cols() + "]");
        }
        if (vp.width() != target.width() || vp.height() != target.height()) {
            throw new IllegalArgumentException("viewport is " + vp.width() + "x" + vp.height() + ", raster " + target.width() + "x" + target.height());
        }
        if (values != null) {
            if (values.length != (long) mask.rows() * mask.cols()) throw new IllegalArgumentException("values must be [rows*cols]");
            if (map == null) map = ColorMap.BLUE_WHITE_RED;
            if (range == null) range = ValueRange.auto(values);
        }
        target.fill(style.background());
        int r0 = Math.max(0, vp.firstVisibleRow()), r1 = Math.min(mask.rows() - 1, vp.lastVisibleRow());
        int c0 = Math.max(0, vp.firstVisibleCol()), c1 = Math.min(mask.cols() - 1, vp.lastVisibleCol());
        if (r0 > r1 || c0 > c1) return;
        if (vp.cellSize() >= 1) {
            drawCells(target, mask, values, map, range, vp, r0, r1, c0, c1);
        } else {
            drawAggregated(target, mask, values, map, range, vp, r0, r1, c0, c1);
        }
    }

    private void drawCells(Raster t, Mask mask, float[] values, ColorMap map, ValueRange range,
                           MatrixViewport vp, int r0, int r1, int c0, int c1) {
        int xa = vp.pixelX(c0), xb = vp.pixelX(c1 + 1), ya = vp.pixelY(r0), yb = vp.pixelY(r1 + 1);
        t.fillRect(xa, ya, xb - xa, yb - ya, style.absent());
        int cols = mask.cols();
        for (int r = r0; r <= r1; r++) {
            int y = vp.pixelY(r), h = vp.pixelY(r + 1) - y;
            long[] words = mask.rowWords(r);
            int c = nextSetBit(words, c0, c1);
            while (c >= 0) {
                if (values == null) {
                    // Merge a run of connected cells into one rectangle.
                    int end = c;
                    while (end < c1 && bit(words, end + 1)) end++;
                    int x = vp.pixelX(c);
                    t.fillRect(x, y, vp.pixelX(end + 1) - x, h, style.connected());
                    c = nextSetBit(words, end + 1, c1);
                } else {
                    int x = vp.pixelX(c);
                    t.fillRect(x, y, vp.pixelX(c + 1) - x, h, map.map(values[r * cols + c], range));
                    c = nextSetBit(words, c + 1, c1);
                }
            }
        }
        if (vp.cellSize() >= style.gridMinCellSize()) {
            for (int c = c0; c <= c1 + 1; c++) t.fillRect(vp.pixelX(c), ya, 1, yb - ya, style.gridLine());
            for (int r = r0; r <= r1 + 1; r++) t.fillRect(xa, vp.pixelY(r), xb - xa, 1, style.gridLine());
        }
    }

    private void drawAggregated(Raster t, Mask mask, float[] values, ColorMap map, ValueRange range,
                                MatrixViewport vp, int r0, int r1, int c0, int c1) {
        int width = t.width();
        int[] colPx = new int[c1 - c0 + 1];
        int[] cellsInPx = new int[width];
        for (int c = c0; c <= c1; c++) {
            int x = clamp(vp.pixelX(c), width);
            colPx[c - c0] = x;
            cellsInPx[x]++;
        }
        int[] connected = new int[width];
        double[] sums = values == null ? null : new double[width];
        int[] px = t.pixels();
        int cols = mask.cols();
        int r = r0;
        while (r <= r1) {
            int y = vp.pixelY(r);
            int rowsInPx = 0;
            // All matrix rows whose centre falls into pixel row y.
            for (; r <= r1 && vp.pixelY(r) == y; r++, rowsInPx++) {
                long[] words = mask.rowWords(r);
                for (int c = nextSetBit(words, c0, c1); c >= 0; c = nextSetBit(words, c + 1, c1)) {
                    int x = colPx[c - c0];
                    connected[x]++;
                    if (sums != null) sums[x] += values[r * cols + c];
                }
            }
            if (y < 0 || y >= t.height()) continue;
            int base = y * width;
            for (int x = colPx[0]; x <= colPx[colPx.length - 1]; x++) {
                int total = rowsInPx * cellsInPx[x];
                if (total == 0) continue;
                if (sums == null) {
                    px[base + x] = Argb.lerp(style.absent(), style.connected(), connected[x] / (double) total);
                } else {
                    px[base + x] = connected[x] == 0 ? style.absent() : map.map(sums[x] / connected[x], range);
                    sums[x] = 0;
                }
                connected[x] = 0;
            }
        }
    }

    private static int clamp(int x, int n) {
        return x < 0 ? 0 : Math.min(n - 1, x);
    }

    private static boolean bit(long[] words, int i) {
        return (words[i >>> 6] & (1L << i)) != 0;
    }

    /** First set bit in {@code [from, to]} (inclusive), or -1. */
    static int nextSetBit(long[] words, int from, int to) {
        if (from > to) return -1;
        int w = from >>> 6;
        long word = words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                int i = (w << 6) + Long.numberOfTrailingZeros(word);
                return i <= to ? i : -1;
            }
            if (++w >= words.length || (w << 6) > to) return -1;
            word = words[w];
        }
    }
}
