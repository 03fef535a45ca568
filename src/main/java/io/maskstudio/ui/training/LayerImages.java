package io.maskstudio.ui.training;

import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.model.Mask;
import io.maskstudio.render.ColorMap;
import io.maskstudio.render.Heatmap;
import io.maskstudio.render.Pooling;
import io.maskstudio.render.Raster;
import io.maskstudio.render.ValueRange;

/**
 * The four heatmaps of one layer pair ({@code [out, in]}: rows are output neurons). Cells that do not apply
 * (absent connections in the weight and gradient maps, present ones in the growth map) are NaN and show in
 * {@link #NOT_APPLICABLE} grey. A raster is null when the snapshot lacks the data (no gradient before the
 * first batch, no weights for layers too large to copy; no growth map when every connection exists). Plain Java: built on a worker thread.
 */
record LayerImages(Raster weights, ValueRange weightRange, Raster gradient, ValueRange gradientRange,
                   Raster mask, Raster growth, ValueRange growthRange) {

    static final int NOT_APPLICABLE = 0xFFD0D0D0;
    static final ColorMap DIVERGING = ColorMap.BLUE_WHITE_RED.withNanColor(NOT_APPLICABLE);
    static final ColorMap MAGNITUDE = ColorMap.VIRIDIS.withNanColor(NOT_APPLICABLE);
    /** White = absent, dark = present; shrunk pixels show the local density. */
    static final ColorMap CONNECTED = ColorMap.fromStops(0xFFFFFF, 0x1B2A49);

    static LayerImages render(LayerSnapshot l, int boxWidth, int boxHeight) {
        int rows = l.outFeatures(), cols = l.inFeatures();
        int[] size = rasterSize(rows, cols, boxWidth, boxHeight);
        Mask mask = l.mask();
        Raster maskRaster = draw(mask.toFloats(), rows, cols, size, CONNECTED, new ValueRange(0, 1), Pooling.MEAN);

        Raster weights = null, gradient = null, growth = null;
        ValueRange wr = null, gr = null, grow = null;
        if (l.weights() != null) {
            float[] w = onlyWhere(l.weights(), mask, true, false);
            wr = ValueRange.symmetric(w);
            weights = draw(w, rows, cols, size, DIVERGING, wr, Pooling.MAX_ABS);
        }
        if (l.gradient() != null) {
            float[] g = onlyWhere(l.gradient(), mask, true, false);
            gr = ValueRange.symmetric(g);
            gradient = draw(g, rows, cols, size, DIVERGING, gr, Pooling.MAX_ABS);
            if (mask.nnz() < (long) rows * cols) {
                float[] a = onlyWhere(l.gradient(), mask, false, true);
                grow = new ValueRange(0, Math.max(ValueRange.of(a).max(), Float.MIN_NORMAL));
                growth = draw(a, rows, cols, size, MAGNITUDE, grow, Pooling.MAX);
            }
        }
        return new LayerImages(weights, wr, gradient, gr, maskRaster, growth, grow);
    }

    /**
     * Pixel size for a {@code rows x cols} matrix in a {@code boxWidth x boxHeight} box: square cells of a
     * whole number of pixels when everything fits (crisp cells), else each axis shrunk to the box (pooled).
     */
    static int[] rasterSize(int rows, int cols, int boxWidth, int boxHeight) {
        int cell = (int) Math.max(1, Math.floor(Math.min((double) boxWidth / cols, (double) boxHeight / rows)));
        return new int[] {Math.min(cols * cell, boxWidth), Math.min(rows * cell, boxHeight)};
    }

    /** A copy keeping the values where the mask is {@code present}, NaN elsewhere ({@code abs}: magnitudes). */
    private static float[] onlyWhere(float[] values, Mask mask, boolean present, boolean abs) {
        float[] out = new float[values.length];
        boolean[] m = mask.toBooleans();
        for (int k = 0; k < values.length; k++) {
            out[k] = m[k] == present ? (abs ? Math.abs(values[k]) : values[k]) : Float.NaN;
        }
        return out;
    }

    private static Raster draw(float[] values, int rows, int cols, int[] size, ColorMap map, ValueRange range, Pooling pooling) {
        return Heatmap.render(values, rows, cols, size[0], size[1], map, range, pooling);
    }
}
