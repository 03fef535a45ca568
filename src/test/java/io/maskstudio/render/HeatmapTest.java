package io.maskstudio.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HeatmapTest {
    private static final float[] RAMP_4X4 = {
            0, 1, 2, 3,
            4, 5, 6, 7,
            8, 9, 10, 11,
            12, 13, 14, 15};

    @Test
    void meanPoolingAveragesEachBlock() {
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, Heatmap.resample(RAMP_4X4, 4, 4, 2, 2, Pooling.MEAN));
    }

    @Test
    void maxPoolingTakesEachBlocksLargest() {
        assertArrayEquals(new float[] {5, 7, 13, 15}, Heatmap.resample(RAMP_4X4, 4, 4, 2, 2, Pooling.MAX));
    }

    @Test
    void maxAbsPoolingKeepsTheSignOfTheStrongestValue() {
        float[] v = {1, -3, 2, 0.5f};
        assertArrayEquals(new float[] {-3}, Heatmap.resample(v, 2, 2, 1, 1, Pooling.MAX_ABS));
        assertArrayEquals(new float[] {2}, Heatmap.resample(v, 2, 2, 1, 1, Pooling.MAX));
    }

    @Test
    void unevenShrinkCoversEverySourceCellOnce() {
        float[] v = {1, 2, 3, 4, 5};
        // 5 -> 2: spans [0,2) and [2,5)
        assertArrayEquals(new float[] {1.5f, 4f}, Heatmap.resample(v, 1, 5, 1, 2, Pooling.MEAN));
    }

    @Test
    void enlargingIsNearestNeighbour() {
        float[] v = {1, 2, 3, 4};
        assertArrayEquals(new float[] {
                1, 1, 1, 2, 2, 2,
                1, 1, 1, 2, 2, 2,
                3, 3, 3, 4, 4, 4,
                3, 3, 3, 4, 4, 4}, Heatmap.resample(v, 2, 2, 4, 6, Pooling.MEAN));
    }

    @Test
    void enlargingOneAxisWhileShrinkingTheOther() {
        // 2 rows -> 4 (nearest), 4 cols -> 2 (max)
        float[] v = {1, 9, 2, 3, 4, 5, 8, 6};
        assertArrayEquals(new float[] {9, 3, 9, 3, 5, 8, 5, 8}, Heatmap.resample(v, 2, 4, 4, 2, Pooling.MAX));
    }

    @Test
    void nanIsSkippedWhilePoolingAndKeptWhenAlone() {
        float[] v = {Float.NaN, 2, Float.NaN, Float.NaN};
        assertArrayEquals(new float[] {2, Float.NaN}, Heatmap.resample(v, 2, 2, 2, 1, Pooling.MEAN));
    }

    @Test
    void renderUsesASymmetricRangeForSignedValues() {
        float[] v = {-2, 1};
        Raster r = Heatmap.render(v, 1, 2, 4, 2, ColorMap.BLUE_WHITE_RED);
        assertEquals(4, r.width());
        assertEquals(2, r.height());
        assertEquals(0xFF053061, r.getPixel(0, 0));
        assertEquals(0xFF053061, r.getPixel(1, 1));
        assertEquals(ColorMap.BLUE_WHITE_RED.map(1, -2, 2), r.getPixel(3, 0));
    }

    @Test
    void rejectsAWrongNumberOfValues() {
        assertThrows(IllegalArgumentException.class, () -> Heatmap.resample(new float[5], 2, 2, 1, 1, Pooling.MEAN));
    }
}
