package io.maskstudio.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ViewportHeatmapTest {
    private static final int BG = 0xFF123456;
    private static final ColorMap MAP = ColorMap.GRAYS.withNanColor(0xFFFF00FF);
    private static final ValueRange RANGE = new ValueRange(0, 15);

    /** 4x4 values 0..15, row-major. */
    private static float[] values() {
        float[] v = new float[16];
        for (int k = 0; k < 16; k++) v[k] = k;
        return v;
    }

    @Test
    void zoomedInEveryPixelShowsTheCellThatHitTestingFindsUnderIt() {
        float[] v = values();
        v[5] = Float.NaN;
        // 7 px cells, panned so the matrix starts at a fractional offset and runs past the right edge.
        MatrixViewport vp = new MatrixViewport(4, 4, 23, 31, -0.6, 1.3, 7);
        Raster r = new Raster(23, 31);
        ViewportHeatmap.render(r, v, vp, MAP, RANGE, Pooling.MEAN, BG);
        for (int y = 0; y < 31; y++) {
            for (int x = 0; x < 23; x++) {
                Cell c = vp.cellAt(x, y);
                int expected = c == null ? BG : MAP.map(v[c.row() * 4 + c.col()], RANGE);
                assertEquals(expected, r.getPixel(x, y), "pixel " + x + "," + y);
            }
        }
        assertEquals(BG, r.getPixel(0, 0), "above the matrix (it starts 0.6 cells = 4.2 px down)");
        assertEquals(MAP.map(1, RANGE), r.getPixel(0, 10), "column 1 at the left edge");
    }

    @Test
    void zoomedOutEachPixelPoolsTheBlockOfCellsItOwns() {
        // Half a pixel per cell: pixel (x, y) owns rows 2y, 2y+1 and columns 2x, 2x+1.
        MatrixViewport vp = new MatrixViewport(4, 4, 3, 2, 0, 0, 0.5);
        Raster r = new Raster(3, 2);
        float[] v = values();
        v[0] = Float.NaN; // skipped when pooling
        ViewportHeatmap.render(r, v, vp, MAP, RANGE, Pooling.MAX, BG);
        assertEquals(MAP.map(5, RANGE), r.getPixel(0, 0), "max of {NaN, 1, 4, 5}");
        assertEquals(MAP.map(7, RANGE), r.getPixel(1, 0), "max of {2, 3, 6, 7}");
        assertEquals(MAP.map(13, RANGE), r.getPixel(0, 1), "max of {8, 9, 12, 13}");
        assertEquals(BG, r.getPixel(2, 0), "right of the matrix");

        ViewportHeatmap.render(r, v, vp, MAP, RANGE, Pooling.MEAN, BG);
        assertEquals(MAP.map((1 + 4 + 5) / 3.0, RANGE), r.getPixel(0, 0), "mean of the three numbers");
    }
}
