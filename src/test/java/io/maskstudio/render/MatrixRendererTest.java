package io.maskstudio.render;

import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MatrixRendererTest {
    private final MatrixStyle style = MatrixStyle.DEFAULT.withoutGrid();
    private final MatrixRenderer renderer = new MatrixRenderer(style);

    @Test
    void oneCellMaskLightsExactlyThatCellsPixels() {
        Mask m = new Mask(10, 12);
        m.set(3, 7, true);
        MatrixViewport vp = new MatrixViewport(10, 12, 60, 50, 0, 0, 5);
        Raster r = new Raster(60, 50);
        renderer.render(r, m, vp);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 60; x++) {
                boolean inCell = x >= 35 && x < 40 && y >= 15 && y < 20;
                assertEquals(inCell ? style.connected() : style.absent(), r.getPixel(x, y), "(" + x + "," + y + ")");
            }
        }
    }

    @Test
    void paintedPixelsAgreeWithHitTestingAtFractionalZoomsAndOffsets() {
        Mask m = new Mask(9, 11);
        m.set(4, 6, true);
        m.set(0, 0, true);
        m.set(8, 10, true);
        for (double s : new double[] {1, 1.4, 2.5, 6.3}) {
            MatrixViewport vp = new MatrixViewport(9, 11, 90, 70, -0.6, 0.3, s);
            Raster r = new Raster(90, 70);
            renderer.render(r, m, vp);
            for (int y = 0; y < 70; y++) {
                for (int x = 0; x < 90; x++) {
                    Cell c = vp.cellAt(x, y);
                    int expected = c == null ? style.background() : m.get(c.row(), c.col()) ? style.connected() : style.absent();
                    assertEquals(expected, r.getPixel(x, y), "zoom " + s + " pixel (" + x + "," + y + ")");
                }
            }
        }
    }

    @Test
    void smallCellsAreColouredByTheConnectedFractionTheyCover() {
        // 4x4 mask at half a pixel per cell: each pixel covers a 2x2 block with 1, 2, 3 and 4 connections.
        Mask m = new Mask(4, 4);
        m.set(0, 0, true);
        m.set(0, 2, true); m.set(1, 3, true);
        m.set(2, 0, true); m.set(2, 1, true); m.set(3, 0, true);
        m.setRect(2, 4, 2, 4, true);
        Raster r = new Raster(2, 2);
        renderer.render(r, m, new MatrixViewport(4, 4, 2, 2, 0, 0, 0.5));
        assertEquals(Argb.lerp(style.absent(), style.connected(), 0.25), r.getPixel(0, 0));
        assertEquals(Argb.lerp(style.absent(), style.connected(), 0.5), r.getPixel(1, 0));
        assertEquals(Argb.lerp(style.absent(), style.connected(), 0.75), r.getPixel(0, 1));
        assertEquals(style.connected(), r.getPixel(1, 1));
    }

    @Test
    void valuesColourConnectedCellsOnly() {
        Mask m = new Mask(2, 2);
        m.set(0, 1, true);
        m.set(1, 0, true);
        float[] w = {5, -1, 0.5f, 9};
        Raster r = new Raster(2, 2);
        ValueRange range = ValueRange.symmetric(1);
        renderer.render(r, m, w, ColorMap.BLUE_WHITE_RED, range, new MatrixViewport(2, 2, 2, 2, 0, 0, 1));
        assertEquals(style.absent(), r.getPixel(0, 0));
        assertEquals(ColorMap.BLUE_WHITE_RED.map(-1, range), r.getPixel(1, 0));
        assertEquals(ColorMap.BLUE_WHITE_RED.map(0.5, range), r.getPixel(0, 1));
        assertEquals(style.absent(), r.getPixel(1, 1));
    }

    @Test
    void aggregatedValuesAreTheMeanOverConnectedCells() {
        Mask m = new Mask(2, 2);
        m.set(0, 0, true);
        m.set(1, 1, true);
        float[] w = {0.2f, 100, 100, 0.6f};
        Raster r = new Raster(1, 1);
        ValueRange range = new ValueRange(0, 1);
        renderer.render(r, m, w, ColorMap.VIRIDIS, range, new MatrixViewport(2, 2, 1, 1, 0, 0, 0.5));
        assertEquals(ColorMap.VIRIDIS.map(0.4, range), r.getPixel(0, 0));
    }

    @Test
    void gridLinesAppearOnlyOnLargeCells() {
        Mask m = new Mask(4, 4);
        Raster r = new Raster(40, 40);
        new MatrixRenderer().render(r, m, new MatrixViewport(4, 4, 40, 40, 0, 0, 10));
        assertNotEquals(MatrixStyle.DEFAULT.absent(), r.getPixel(10, 5), "grid line between columns");
        assertEquals(MatrixStyle.DEFAULT.absent(), r.getPixel(15, 5));
        Raster small = new Raster(8, 8);
        new MatrixRenderer().render(small, m, new MatrixViewport(4, 4, 8, 8, 0, 0, 2));
        assertEquals(MatrixStyle.DEFAULT.absent(), small.getPixel(2, 1));
    }

    @Test
    void rejectsAViewportOfAnotherShape() {
        assertThrows(IllegalArgumentException.class,
                () -> renderer.render(new Raster(5, 5), new Mask(3, 3), new MatrixViewport(4, 3, 5, 5, 0, 0, 1)));
    }
}
