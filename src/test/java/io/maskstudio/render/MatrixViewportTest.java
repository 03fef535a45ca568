package io.maskstudio.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatrixViewportTest {
    private static final double[] ORIGINS = {0, 0.25, 3.5, -2.75, 17.9};

    @Test
    void cellToPixelToCellRoundTripsAtEveryZoomOfAPixelOrMore() {
        for (double s : new double[] {1, 1.5, 2, 3.7, 7.25, 20, 33.3}) {
            for (double f : ORIGINS) {
                MatrixViewport vp = new MatrixViewport(50, 70, 800, 600, f, -f / 2, s);
                for (int r = 0; r < 50; r++) {
                    for (int c = 0; c < 70; c++) {
                        int x = vp.pixelX(c), y = vp.pixelY(r);
                        assertEquals(c, vp.colAt(x), "col " + c + " at zoom " + s + " origin " + f);
                        assertEquals(r, vp.rowAt(y), "row " + r + " at zoom " + s + " origin " + f);
                        // Every pixel of the cell's rectangle hits the cell too.
                        PixelRect b = vp.cellBounds(r, c);
                        assertEquals(c, vp.colAt(b.x() + b.width() - 1));
                        assertEquals(r, vp.rowAt(b.y() + b.height() - 1));
                    }
                }
            }
        }
    }

    @Test
    void pixelToCellToPixelRoundTripsWhenCellsAreSmallerThanAPixel() {
        for (double s : new double[] {0.1, 0.3, 0.5, 0.77, 0.999}) {
            for (double f : ORIGINS) {
                MatrixViewport vp = new MatrixViewport(5000, 4000, 300, 200, f, f, s);
                for (int px = 0; px < 300; px++) assertEquals(px, vp.pixelX(vp.colAt(px)), "zoom " + s);
                for (int py = 0; py < 200; py++) assertEquals(py, vp.pixelY(vp.rowAt(py)), "zoom " + s);
            }
        }
    }

    @Test
    void cellAtIsNullOutsideTheMatrix() {
        MatrixViewport vp = new MatrixViewport(10, 10, 100, 100, -1, -1, 5);
        assertNull(vp.cellAt(2, 2));
        assertEquals(new Cell(0, 0), vp.cellAt(5, 5));
        assertEquals(new Cell(9, 9), vp.cellAt(54, 54));
        assertNull(vp.cellAt(55, 20));
    }

    @Test
    void zoomKeepsTheCellUnderTheCursor() {
        MatrixViewport vp = new MatrixViewport(1000, 784, 1600, 1000, 0, 0, 1.0);
        for (double factor : new double[] {2, 8, 0.5, 1.3}) {
            MatrixViewport z = vp.zoomedAt(400, 300, factor);
            assertEquals(vp.colAt(400), z.colAt(400), "factor " + factor);
            assertEquals(vp.rowAt(300), z.rowAt(300), "factor " + factor);
            assertEquals(factor, z.cellSize() / vp.cellSize(), 1e-12);
        }
    }

    @Test
    void panMovesTheContentWithTheDrag() {
        MatrixViewport vp = new MatrixViewport(100, 100, 200, 200, 10, 10, 4);
        MatrixViewport p = vp.pannedBy(40, -20);
        assertEquals(vp.colAt(60), p.colAt(100));
        assertEquals(vp.rowAt(60), p.rowAt(40));
    }

    @Test
    void fitShowsTheWholeMatrixCentred() {
        MatrixViewport vp = MatrixViewport.fit(1000, 784, 1600, 1000);
        assertEquals(1.0, vp.cellSize(), 1e-12);
        assertEquals(new Cell(0, 0), vp.cellAt(vp.pixelX(0), 0));
        assertEquals(new Cell(999, 783), vp.cellAt(vp.pixelX(783), 999));
        int left = vp.pixelX(0), right = 1600 - vp.pixelX(784);
        assertTrue(Math.abs(left - right) <= 1, "centred: " + left + " vs " + right);
    }
}
