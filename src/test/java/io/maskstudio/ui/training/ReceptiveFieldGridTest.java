package io.maskstudio.ui.training;

import io.maskstudio.render.Raster;
import io.maskstudio.render.ValueRange;
import org.junit.jupiter.api.Test;

import static io.maskstudio.ui.training.ReceptiveFieldGrid.COLORS;
import static io.maskstudio.ui.training.ReceptiveFieldGrid.GAP_COLOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-built weights whose pixel positions are worked out by hand below: 3 neurons over a 2x3 input image, tiles
 * of 2 px per cell, 2 columns, a 2 px gap. Tile k's top-left corner: k=0 at (2,2), k=1 at (10,2), k=2 at (2,8).
 */
class ReceptiveFieldGridTest {
    private static final float NAN = Float.NaN;
    /** Row o = neuron o's inputs 0..5; input i sits at image row i / 3, column i % 3. */
    private static final float[] W = {
            1, 0, -1, 0, 0, 0,
            0, 0, 0, 0, NAN, 4,
            0, 0, 0, 0, 0, -0.5f,
    };
    private static final ReceptiveFieldGrid.Layout LAYOUT = new ReceptiveFieldGrid.Layout(0, 3, 2, 3, 2, 2);
    private static final int RED = COLORS.at(1), BLUE = COLORS.at(0), WHITE = COLORS.at(0.5);

    private static void assertBlock(Raster r, int x, int y, int expected, String what) {
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                assertEquals(Integer.toHexString(expected), Integer.toHexString(r.getPixel(x + dx, y + dy)),
                        what + " at (" + (x + dx) + "," + (y + dy) + ")");
            }
        }
    }

    @Test
    void eachWeightLandsAtItsPixelOfItsNeuronsTileOnThatTilesOwnRange() {
        Raster r = ReceptiveFieldGrid.render(W, 3, 2, 3, 1, LAYOUT, false, null);
        assertEquals(18, r.width());
        assertEquals(14, r.height());
        assertBlock(r, 2, 2, RED, "neuron 0, input 0 (row 0, col 0) = +1 = its max");
        assertBlock(r, 4, 2, WHITE, "neuron 0, input 1 (row 0, col 1) = 0");
        assertBlock(r, 6, 2, BLUE, "neuron 0, input 2 (row 0, col 2) = -1");
        assertBlock(r, 14, 4, RED, "neuron 1, input 5 (row 1, col 2) = 4 = its max");
        assertBlock(r, 12, 4, LayerImages.NOT_APPLICABLE, "neuron 1, input 4 (row 1, col 1) is absent");
        assertBlock(r, 6, 10, BLUE, "neuron 2, input 5 (row 1, col 2) = -0.5 = its own largest |w|");
        assertBlock(r, 2, 8, WHITE, "neuron 2, input 0");
        assertEquals(GAP_COLOR, r.getPixel(0, 0), "border");
        assertEquals(GAP_COLOR, r.getPixel(8, 3), "between tiles 0 and 1");
        assertEquals(GAP_COLOR, r.getPixel(3, 6), "between rows of tiles");
        assertBlock(r, 10, 8, GAP_COLOR, "the fourth slot has no neuron");
    }

    @Test
    void aSharedRangePutsEveryTileOnTheSameScale() {
        Raster r = ReceptiveFieldGrid.render(W, 3, 2, 3, 1, LAYOUT, true, new ValueRange(-4, 4));
        assertBlock(r, 14, 4, RED, "neuron 1's 4 is the shared max");
        int weak = r.getPixel(6, 10);
        assertEquals(COLORS.map(-0.5, -4, 4), weak, "neuron 2's -0.5 on the shared ±4");
        assertNotEquals(BLUE, weak);
    }

    @Test
    void channelsAreStackedTopToBottom() {
        // One neuron over 2 channels of a 1x2 image: inputs 0,1 are channel 0's row, 2,3 channel 1's.
        float[] w = {1, -1, 0, 1};
        ReceptiveFieldGrid.Layout l = new ReceptiveFieldGrid.Layout(0, 1, 1, 2, 2, 1);
        Raster r = ReceptiveFieldGrid.render(w, 1, 1, 2, 2, l, false, null);
        assertEquals(RED, r.getPixel(2, 2));
        assertEquals(BLUE, r.getPixel(3, 2));
        assertEquals(WHITE, r.getPixel(2, 3));
        assertEquals(RED, r.getPixel(3, 3));
    }

    @Test
    void hitTestingFindsTheNeuronOfATileAndNoneInAGap() {
        assertEquals(0, LAYOUT.neuronAt(3, 3));
        assertEquals(1, LAYOUT.neuronAt(15.5, 5.5));
        assertEquals(2, LAYOUT.neuronAt(7, 11));
        assertEquals(-1, LAYOUT.neuronAt(8.5, 3), "gap between tiles");
        assertEquals(-1, LAYOUT.neuronAt(12, 10), "empty fourth slot");
        assertEquals(-1, LAYOUT.neuronAt(1, 1), "border");
    }

    @Test
    void fitPicksTheColumnCountWithTheLargestCells() {
        // 36 tiles of 8x8 in 600x400, 2 px gaps: 8 columns x 5 rows give min((600-18)/64, (400-12)/40) = 9 px cells;
        // 9x4 and 7x6 give 8, 6x6 gives min(97, 8) = 8, 12x3 gives 5.
        ReceptiveFieldGrid.Layout l = ReceptiveFieldGrid.fit(0, 36, 8, 8, 600, 400);
        assertEquals(8, l.columns());
        assertEquals(9, l.scale());
        assertTrue(l.width() <= 600 && l.height() <= 400, l.width() + "x" + l.height());
    }

    @Test
    void weightsOfTheWrongShapeAreRefusedWithTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReceptiveFieldGrid.render(new float[5], 3, 2, 3, 1, LAYOUT, false, null));
        assertTrue(e.getMessage().contains("expected 18 weights"), e.getMessage());
    }
}
