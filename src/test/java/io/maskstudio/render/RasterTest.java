package io.maskstudio.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RasterTest {
    private static final int WHITE = 0xFFFFFFFF, BLACK = 0xFF000000;

    @Test
    void drawingOutsideIsClippedSilently() {
        Raster r = new Raster(4, 3);
        r.fill(WHITE);
        r.setPixel(-1, 0, BLACK);
        r.setPixel(4, 0, BLACK);
        r.fillRect(-5, -5, 6, 6, BLACK);
        assertEquals(BLACK, r.getPixel(0, 0));
        assertEquals(WHITE, r.getPixel(1, 0));
        assertEquals(WHITE, r.getPixel(0, 1));
        r.drawLine(-10, 2, 100, 2, BLACK);
        for (int x = 0; x < 4; x++) assertEquals(BLACK, r.getPixel(x, 2));
    }

    @Test
    void translucentPixelsAreBlendedSourceOver() {
        Raster r = new Raster(1, 1);
        r.fill(WHITE);
        r.blendPixel(0, 0, 0x80000000);
        int c = r.getPixel(0, 0);
        assertEquals(255, Argb.alpha(c));
        assertEquals(127, Argb.red(c), 1);
        assertEquals(Argb.over(0x00000000, 0x80FF0000), 0x80FF0000, "over a transparent pixel keeps the source");
    }

    @Test
    void lineLightsEachPixelOnceIncludingBothEnds() {
        Raster r = new Raster(20, 10);
        r.fill(WHITE);
        r.drawLine(2, 3, 17, 8, 0x80000000);
        int lit = 0, expected = r.getPixel(2, 3);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                int c = r.getPixel(x, y);
                if (c != WHITE) {
                    lit++;
                    assertEquals(expected, c, "no pixel is blended twice");
                }
            }
        }
        assertEquals(16, lit, "an x-major line lights one pixel per column");
        assertNotEquals(WHITE, r.getPixel(17, 8));
    }

    @Test
    void steepLinesAreContinuous() {
        Raster r = new Raster(10, 30);
        r.fill(WHITE);
        r.drawLine(1, 1, 4, 28, BLACK);
        for (int y = 1; y <= 28; y++) {
            int count = 0;
            for (int x = 0; x < 10; x++) if (r.getPixel(x, y) == BLACK) count++;
            assertEquals(1, count, "row " + y);
        }
    }

    @Test
    void accumulatedLinesMatchOneByOneBlending() {
        Raster direct = new Raster(30, 20), accumulated = new Raster(30, 20);
        direct.fill(WHITE);
        accumulated.fill(WHITE);
        double opacity = 0.3;
        EdgeAccumulator acc = new EdgeAccumulator();
        acc.reset(30, 20);
        int[][] lines = {{0, 0, 29, 19}, {0, 19, 29, 0}, {5, 10, 25, 10}};
        for (int[] l : lines) {
            direct.drawLine(l[0], l[1], l[2], l[3], Argb.withOpacity(BLACK, opacity));
            acc.addLine(l[0], l[1], l[2], l[3], EdgeAccumulator.weightOf(opacity));
        }
        acc.compositeOnto(accumulated, 0x000000);
        for (int k = 0; k < direct.pixels().length; k++) {
            assertEquals(Argb.red(direct.pixels()[k]), Argb.red(accumulated.pixels()[k]), 2, "pixel " + k);
        }
    }

    @Test
    void circleCoversPixelsWithinTheRadius() {
        Raster r = new Raster(11, 11);
        r.fill(WHITE);
        r.fillCircle(5.5, 5.5, 3, BLACK);
        assertEquals(BLACK, r.getPixel(5, 5));
        assertEquals(BLACK, r.getPixel(3, 5));
        assertEquals(WHITE, r.getPixel(1, 5));
        assertEquals(WHITE, r.getPixel(2, 2));
    }

    @Test
    void farOffLinesAreClippedNotWalked() {
        Raster r = new Raster(10, 10);
        r.fill(WHITE);
        r.drawLineAntialiased(-1e9, 5, 1e9, 5, BLACK);
        r.drawLine(-1e9, 4, 1e9, 4, BLACK);
        assertNotEquals(WHITE, r.getPixel(3, 5));
        assertEquals(BLACK, r.getPixel(3, 4));
    }

    @Test
    void antialiasedLineSpreadsCoverage() {
        Raster r = new Raster(10, 10);
        r.fill(WHITE);
        r.drawLineAntialiased(0, 2.5, 9, 2.5, BLACK);
        // Half-way between rows 2 and 3: both get about half the ink.
        assertEquals(128, Argb.red(r.getPixel(4, 2)), 2);
        assertEquals(128, Argb.red(r.getPixel(4, 3)), 2);
    }
}
