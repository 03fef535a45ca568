package io.maskstudio.ui.training;

import io.maskstudio.render.ColorMap;
import io.maskstudio.render.Raster;
import io.maskstudio.render.ValueRange;

/**
 * Each output neuron's incoming weights reshaped to its image-shaped input layer, as a grid of small tiles (the
 * classic picture of what first-layer neurons of an MNIST net look for). Input {@code i} of channel
 * {@code ch = i / (h*w)} lands at tile row {@code ch*h + (i % (h*w)) / w}, column {@code i % w}: channels are
 * stacked top to bottom. Absent connections (NaN weights) are grey. Plain Java: built on a worker thread.
 */
final class ReceptiveFieldGrid {
    /** Pixels between tiles, in a dark colour that no weight maps to, so tile edges are never mistaken for zeros. */
    static final int GAP = 2;
    static final int GAP_COLOR = 0xFF3A3F47;
    static final int MAX_SCALE = 24;
    static final ColorMap COLORS = LayerImages.DIVERGING;

    private ReceptiveFieldGrid() {}

    /** Where neurons {@code first .. first+count-1} sit: tiles of {@code tileWidth x tileHeight} cells, {@code scale} px each. */
    record Layout(int first, int count, int columns, int tileWidth, int tileHeight, int scale) {
        int rows() { return (count + columns - 1) / columns; }
        int width() { return GAP + columns * (tileWidth * scale + GAP); }
        int height() { return GAP + rows() * (tileHeight * scale + GAP); }
        int tileX(int k) { return GAP + (k % columns) * (tileWidth * scale + GAP); }
        int tileY(int k) { return GAP + (k / columns) * (tileHeight * scale + GAP); }

        /** The neuron whose tile holds pixel {@code (x, y)}, or -1 in a gap or outside. */
        int neuronAt(double x, double y) {
            int stepX = tileWidth * scale + GAP, stepY = tileHeight * scale + GAP;
            double gx = x - GAP, gy = y - GAP;
            if (gx < 0 || gy < 0) return -1;
            int col = (int) (gx / stepX), row = (int) (gy / stepY);
            if (col >= columns || gx - col * stepX >= tileWidth * scale || gy - row * stepY >= tileHeight * scale) return -1;
            int k = row * columns + col;
            return k < count ? first + k : -1;
        }
    }

    /** The column count giving the largest whole-pixel cells inside {@code areaWidth x areaHeight} (at least 1 px). */
    static Layout fit(int first, int count, int tileWidth, int tileHeight, int areaWidth, int areaHeight) {
        if (count <= 0 || tileWidth <= 0 || tileHeight <= 0) throw new IllegalArgumentException("nothing to lay out");
        int bestColumns = 1, bestScale = 0;
        for (int columns = 1; columns <= count; columns++) {
            int rows = (count + columns - 1) / columns;
            int sx = (areaWidth - GAP * (columns + 1)) / (columns * tileWidth);
            int sy = (areaHeight - GAP * (rows + 1)) / (rows * tileHeight);
            int s = Math.min(MAX_SCALE, Math.min(sx, sy));
            if (s > bestScale) {
                bestScale = s;
                bestColumns = columns;
            }
        }
        if (bestScale < 1) bestColumns = (int) Math.ceil(Math.sqrt(count));
        return new Layout(first, count, bestColumns, tileWidth, tileHeight, Math.max(1, bestScale));
    }

    /**
     * Draws the tiles of {@code layout}. {@code weights} is row-major {@code [outs, channels*height*width]} with NaN
     * where a connection is absent. {@code shared}: every tile on {@code sharedRange}; otherwise each tile on its own
     * symmetric range, so a neuron with small weights still shows its pattern.
     */
    static Raster render(float[] weights, int outs, int height, int width, int channels, Layout layout,
                         boolean shared, ValueRange sharedRange) {
        int ins = channels * height * width;
        if (weights.length != (long) outs * ins) {
            throw new IllegalArgumentException("expected " + (long) outs * ins + " weights for " + outs + " neurons of "
                    + channels + "x" + height + "x" + width + " inputs, got " + weights.length);
        }
        if (layout.tileWidth() != width || layout.tileHeight() != channels * height) {
            throw new IllegalArgumentException("layout tiles are " + layout.tileWidth() + "x" + layout.tileHeight()
                    + ", inputs " + width + "x" + channels * height);
        }
        if (layout.first() < 0 || layout.first() + layout.count() > outs) throw new IllegalArgumentException("neurons out of range");
        Raster r = new Raster(layout.width(), layout.height());
        r.fill(GAP_COLOR);
        int s = layout.scale();
        for (int k = 0; k < layout.count(); k++) {
            int o = layout.first() + k;
            ValueRange range = shared ? sharedRange : rowRange(weights, o * ins, ins);
            int x0 = layout.tileX(k), y0 = layout.tileY(k);
            for (int i = 0; i < ins; i++) {
                int ch = i / (height * width), p = i % (height * width);
                int ty = ch * height + p / width, tx = p % width;
                r.fillRect(x0 + tx * s, y0 + ty * s, s, s, COLORS.map(weights[o * ins + i], range));
            }
        }
        return r;
    }

    private static ValueRange rowRange(float[] w, int from, int n) {
        double m = 0;
        for (int k = from; k < from + n; k++) if (Float.isFinite(w[k])) m = Math.max(m, Math.abs(w[k]));
        return ValueRange.symmetric(m);
    }
}
