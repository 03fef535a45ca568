package io.maskstudio.render;

/**
 * Row-major {@code [rows, cols]} floats as a coloured raster of any size: nearest neighbour along an
 * axis that is enlarged, pooling along an axis that shrinks (each source cell counted in exactly one pixel).
 */
public final class Heatmap {
    private Heatmap() {}

    /** Renders with an automatic range (symmetric when any value is negative) and mean pooling. */
    public static Raster render(float[] values, int rows, int cols, int width, int height, ColorMap map) {
        return render(values, rows, cols, width, height, map, ValueRange.auto(values), Pooling.MEAN);
    }

    public static Raster render(float[] values, int rows, int cols, int width, int height,
                                ColorMap map, ValueRange range, Pooling pooling) {
        Raster r = new Raster(width, height);
        renderInto(r, values, rows, cols, map, range, pooling);
        return r;
    }

    /** Fills the whole of an existing raster (no allocation of pixels: for redraws every epoch). */
    public static void renderInto(Raster target, float[] values, int rows, int cols, ColorMap map, ValueRange range, Pooling pooling) {
        float[] px = resample(values, rows, cols, target.height(), target.width(), pooling);
        int[] out = target.pixels();
        for (int k = 0; k < px.length; k++) out[k] = map.map(px[k], range);
    }

    /**
     * Resamples to {@code [outRows, outCols]}. NaNs are skipped while pooling; a pixel with only NaNs is NaN.
     */
    public static float[] resample(float[] values, int rows, int cols, int outRows, int outCols, Pooling pooling) {
        if (rows <= 0 || cols <= 0 || outRows <= 0 || outCols <= 0) throw new IllegalArgumentException("sizes must be positive");
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException("expected " + (long) rows * cols + " values for [" + rows + "," + cols + "], got " + values.length);
        }
        int[][] rs = spans(rows, outRows), cs = spans(cols, outCols);
        float[] out = new float[outRows * outCols];
        for (int y = 0; y < outRows; y++) {
            for (int x = 0; x < outCols; x++) {
                out[y * outCols + x] = pool(values, cols, rs[0][y], rs[1][y], cs[0][x], cs[1][x], pooling);
            }
        }
        return out;
    }

    /**
     * {@code {start[], end[]}}: the source span of each output index. Enlarging: the one source index
     * under the output's centre (nearest neighbour). Shrinking: disjoint spans covering the source exactly.
     */
    static int[][] spans(int n, int outN) {
        int[] start = new int[outN], end = new int[outN];
        for (int k = 0; k < outN; k++) {
            if (outN >= n) {
                start[k] = (int) ((k + 0.5) * n / outN);
                end[k] = start[k] + 1;
            } else {
                start[k] = (int) ((long) k * n / outN);
                end[k] = (int) ((long) (k + 1) * n / outN);
            }
        }
        return new int[][] {start, end};
    }

    /** Combines the non-NaN values of rows {@code [ra, rb)} x columns {@code [ca, cb)}; NaN when there is none. */
    static float pool(float[] v, int cols, int ra, int rb, int ca, int cb, Pooling pooling) {
        double sum = 0;
        int count = 0;
        float best = Float.NaN;
        for (int r = ra; r < rb; r++) {
            int base = r * cols;
            for (int c = ca; c < cb; c++) {
                float x = v[base + c];
                if (Float.isNaN(x)) continue;
                count++;
                sum += x;
                if (count == 1
                        || (pooling == Pooling.MAX && x > best)
                        || (pooling == Pooling.MAX_ABS && Math.abs(x) > Math.abs(best))) {
                    best = x;
                }
            }
        }
        if (count == 0) return Float.NaN;
        return pooling == Pooling.MEAN ? (float) (sum / count) : best;
    }
}
