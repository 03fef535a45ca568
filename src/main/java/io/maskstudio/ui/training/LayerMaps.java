package io.maskstudio.ui.training;

import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.model.Mask;
import io.maskstudio.render.Pooling;
import io.maskstudio.render.ValueRange;

/**
 * The four maps of one layer pair ({@code [out, in]}: rows are output neurons). Cells that do not apply (absent
 * connections in the weight and gradient maps, present ones in the growth map) are NaN. A map is null when the
 * snapshot lacks its data: no gradient before the first batch, no weights for layers too large to copy, no growth
 * map when every connection exists. Plain Java: built on a worker thread.
 */
record LayerMaps(LayerMap weights, LayerMap gradient, LayerMap mask, LayerMap growth) {

    static LayerMaps of(LayerSnapshot l) {
        int rows = l.outFeatures(), cols = l.inFeatures();
        Mask m = l.mask();
        LayerMap mask = new LayerMap(HeatmapKind.MASK, m.toFloats(), rows, cols, LayerImages.CONNECTED, new ValueRange(0, 1), Pooling.MEAN);
        LayerMap weights = null, gradient = null, growth = null;
        boolean[] present = m.toBooleans();
        if (l.weights() != null) {
            float[] w = onlyWhere(l.weights(), present, true, false);
            weights = new LayerMap(HeatmapKind.WEIGHTS, w, rows, cols, LayerImages.DIVERGING, ValueRange.symmetric(w), Pooling.MAX_ABS);
        }
        if (l.gradient() != null) {
            float[] g = onlyWhere(l.gradient(), present, true, false);
            gradient = new LayerMap(HeatmapKind.GRADIENT, g, rows, cols, LayerImages.DIVERGING, ValueRange.symmetric(g), Pooling.MAX_ABS);
            if (m.nnz() < (long) rows * cols) {
                float[] a = onlyWhere(l.gradient(), present, false, true);
                ValueRange grow = new ValueRange(0, Math.max(ValueRange.of(a).max(), Float.MIN_NORMAL));
                growth = new LayerMap(HeatmapKind.GROWTH, a, rows, cols, LayerImages.MAGNITUDE, grow, Pooling.MAX);
            }
        }
        return new LayerMaps(weights, gradient, mask, growth);
    }

    LayerMap get(HeatmapKind kind) {
        return switch (kind) {
            case WEIGHTS -> weights;
            case GRADIENT -> gradient;
            case MASK -> mask;
            case GROWTH -> growth;
        };
    }

    /** A copy keeping the values where the mask is {@code present}, NaN elsewhere ({@code abs}: magnitudes). */
    private static float[] onlyWhere(float[] values, boolean[] mask, boolean present, boolean abs) {
        float[] out = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = mask[k] == present ? (abs ? Math.abs(values[k]) : values[k]) : Float.NaN;
        }
        return out;
    }
}
