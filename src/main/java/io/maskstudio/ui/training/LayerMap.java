package io.maskstudio.ui.training;

import io.maskstudio.render.ColorMap;
import io.maskstudio.render.Heatmap;
import io.maskstudio.render.Pooling;
import io.maskstudio.render.Raster;
import io.maskstudio.render.ValueRange;

/**
 * One map of a layer pair at full resolution: row-major {@code [rows = out, cols = in]} values (NaN where the map
 * does not apply), with the colour map, range and pooling that the small tile and the large viewer both draw it with.
 */
record LayerMap(HeatmapKind kind, float[] values, int rows, int cols, ColorMap colors, ValueRange range, Pooling pooling) {

    float value(int out, int in) {
        return values[out * cols + in];
    }

    /** The whole map shrunk or enlarged to {@code width x height} pixels. */
    Raster render(int width, int height) {
        return Heatmap.render(values, rows, cols, width, height, colors, range, pooling);
    }
}
