package io.maskstudio.render;

/**
 * Row-major {@code [rows, cols]} floats drawn through a {@link MatrixViewport}: the part of a large heatmap a
 * zoomed and panned canvas shows. Zoomed in, each pixel shows the cell under its centre (what
 * {@link MatrixViewport#cellAt} hits); zoomed out below a pixel per cell, each pixel pools the cells it owns,
 * so every visible cell counts in exactly one pixel. Work is the visible pixels plus the visible cells.
 */
public final class ViewportHeatmap {
    private ViewportHeatmap() {}

    /**
     * Fills {@code target} (the viewport's size); pixels outside the matrix get {@code background}, NaN cells the
     * map's NaN colour.
     */
    public static void render(Raster target, float[] values, MatrixViewport vp, ColorMap map, ValueRange range,
                              Pooling pooling, int background) {
        if (vp.width() != target.width() || vp.height() != target.height()) {
            throw new IllegalArgumentException("viewport is " + vp.width() + "x" + vp.height() + ", raster " + target.width() + "x" + target.height());
        }
        if (values.length != (long) vp.rows() * vp.cols()) {
            throw new IllegalArgumentException("expected " + (long) vp.rows() * vp.cols() + " values, got " + values.length);
        }
        int[][] cs = spans(vp.width(), vp.cols(), true, vp);
        int[][] rs = spans(vp.height(), vp.rows(), false, vp);
        int[] px = target.pixels();
        int w = target.width();
        for (int y = 0; y < target.height(); y++) {
            int base = y * w;
            for (int x = 0; x < w; x++) {
                boolean inside = rs[0][y] < rs[1][y] && cs[0][x] < cs[1][x];
                px[base + x] = !inside ? background
                        : map.map(Heatmap.pool(values, vp.cols(), rs[0][y], rs[1][y], cs[0][x], cs[1][x], pooling), range);
            }
        }
    }

    /**
     * {@code {start[], end[]}} of the cells each pixel shows, clamped to the matrix (empty outside it). Pixel p owns
     * the cells in {@code (at(p-1), at(p)]}; when cells are larger than a pixel that span is empty and p shows the
     * one cell under its centre.
     */
    private static int[][] spans(int pixels, int n, boolean columns, MatrixViewport vp) {
        int[] start = new int[pixels], end = new int[pixels];
        for (int p = 0; p < pixels; p++) {
            int hi = columns ? vp.colAt(p) : vp.rowAt(p);
            int before = columns ? vp.colAt(p - 1) : vp.rowAt(p - 1);
            int lo = Math.min(hi, before + 1);
            start[p] = Math.max(0, lo);
            end[p] = Math.min(n, hi + 1);
        }
        return new int[][] {start, end};
    }
}
