package io.maskstudio.ui.training;

import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.render.ColorMap;
import io.maskstudio.render.Raster;
import io.maskstudio.render.ValueRange;

/**
 * The four small heatmaps of one layer pair, drawn from its {@link LayerMaps} (kept, so the large viewer draws
 * the same values with the same ranges). Cells that do not apply show in {@link #NOT_APPLICABLE} grey; a raster
 * is null when its map is. Plain Java: built on a worker thread.
 */
record LayerImages(Raster weights, ValueRange weightRange, Raster gradient, ValueRange gradientRange,
                   Raster mask, Raster growth, ValueRange growthRange, LayerMaps maps) {

    static final int NOT_APPLICABLE = 0xFFD0D0D0;
    static final ColorMap DIVERGING = ColorMap.BLUE_WHITE_RED.withNanColor(NOT_APPLICABLE);
    static final ColorMap MAGNITUDE = ColorMap.VIRIDIS.withNanColor(NOT_APPLICABLE);
    /** White = absent, dark = present; shrunk pixels show the local density. */
    static final ColorMap CONNECTED = ColorMap.fromStops(0xFFFFFF, 0x1B2A49);

    static LayerImages render(LayerSnapshot l, int boxWidth, int boxHeight) {
        LayerMaps maps = LayerMaps.of(l);
        int[] size = rasterSize(l.outFeatures(), l.inFeatures(), boxWidth, boxHeight);
        return new LayerImages(draw(maps.weights(), size), range(maps.weights()), draw(maps.gradient(), size), range(maps.gradient()),
                draw(maps.mask(), size), draw(maps.growth(), size), range(maps.growth()), maps);
    }

    /**
     * Pixel size for a {@code rows x cols} matrix in a {@code boxWidth x boxHeight} box: square cells of a
     * whole number of pixels when everything fits (crisp cells), else each axis shrunk to the box (pooled).
     */
    static int[] rasterSize(int rows, int cols, int boxWidth, int boxHeight) {
        int cell = (int) Math.max(1, Math.floor(Math.min((double) boxWidth / cols, (double) boxHeight / rows)));
        return new int[] {Math.min(cols * cell, boxWidth), Math.min(rows * cell, boxHeight)};
    }

    private static Raster draw(LayerMap map, int[] size) {
        return map == null ? null : map.render(size[0], size[1]);
    }

    private static ValueRange range(LayerMap map) {
        return map == null ? null : map.range();
    }
}
