package io.maskstudio.render;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BipartiteLayoutTest {

    @Test
    void gridNeuronsSitInGridOrder() {
        BipartiteLayout l = BipartiteLayout.of(TestMasks.DIGITS, TestMasks.HIDDEN, 800, 500);
        for (LayerLayout side : new LayerLayout[] {l.source(), l.target()}) {
            int w = side.spec().width(), h = side.spec().height();
            double cell = side.cellSize();
            assertTrue(side.isGrid());
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int i = r * w + c;
                    assertEquals(side.x(c) , side.x(i), 1e-9, "same column, same x");
                    assertEquals(side.y(r * w), side.y(i), 1e-9, "same row, same y");
                    assertEquals(side.x(0) + c * cell, side.x(i), 1e-9);
                    assertEquals(side.y(0) + r * cell, side.y(i), 1e-9);
                }
            }
        }
        assertTrue(l.source().x(63) < l.target().x(0), "source grid left of the target grid");
        assertTrue(l.source().bounds()[0] >= 0 && l.target().bounds()[0] + l.target().bounds()[2] <= 800, "nothing clipped");
    }

    @Test
    void channelsStackAsSeparateBlocks() {
        LayerSpec conv = LayerSpec.grid("conv", 2, 3, 3, Activation.RELU);
        LayerLayout side = BipartiteLayout.of(conv, TestMasks.HIDDEN, 800, 600).source();
        assertEquals(1, side.blocksPerRow(), "tall canvas: channels stacked vertically");
        assertEquals(side.x(0), side.x(9), 1e-9, "channel 1 starts in the same column");
        assertTrue(side.y(9) > side.y(8) + side.cellSize(), "channel 1 below channel 0, with a gap");
        LayerLayout wide = BipartiteLayout.of(LayerSpec.grid("many", 16, 4, 4, Activation.RELU), TestMasks.HIDDEN, 1600, 300).source();
        assertTrue(wide.blocksPerRow() > 1, "many channels on a short canvas wrap into block columns");
    }

    @Test
    void everyNeuronHitTestsBackToItself() {
        LayerSpec[][] pairs = {
                {TestMasks.DIGITS, TestMasks.HIDDEN},
                {LayerSpec.grid("conv", 3, 5, 4, Activation.RELU), LayerSpec.vector("out", 10, Activation.SOFTMAX)},
                {LayerSpec.grid("mnist", 28, 28, Activation.IDENTITY), LayerSpec.vector("hidden", 1000, Activation.RELU)},
                {LayerSpec.vector("in", 3, Activation.IDENTITY), LayerSpec.vector("out", 2, Activation.SOFTMAX)}};
        for (LayerSpec[] p : pairs) {
            BipartiteLayout l = BipartiteLayout.of(p[0], p[1], 1600, 1000);
            for (Side side : Side.values()) {
                LayerLayout s = l.side(side);
                for (int i = 0; i < s.size(); i++) {
                    assertEquals(new NeuronHit(side, i), l.neuronAt(s.x(i), s.y(i)), p[0].name() + "->" + p[1].name() + " " + side + " " + i);
                }
            }
        }
    }

    @Test
    void emptySpaceHitsNothing() {
        BipartiteLayout l = BipartiteLayout.of(TestMasks.DIGITS, LayerSpec.vector("out", 10, Activation.SOFTMAX), 800, 500);
        assertNull(l.neuronAt(400, 250), "middle of the canvas");
        assertNull(l.neuronAt(1, 1), "corner");
        double gapX = l.source().x(0) + l.source().cellSize() * 8.5; // right of the grid
        assertNull(l.neuronAt(gapX, l.source().y(0)));
    }

    @Test
    void nearestConnectionIsFoundAlongItsLine() {
        Mask m = TestMasks.localReceptiveField8to6();
        BipartiteLayout l = BipartiteLayout.of(TestMasks.DIGITS, TestMasks.HIDDEN, 800, 500);
        int out = 14, in = (2 + 1) * 8 + (2 + 2); // hidden (2,2) sees input (3,4)
        double x = 0.3 * l.source().x(in) + 0.7 * l.target().x(out), y = 0.3 * l.source().y(in) + 0.7 * l.target().y(out);
        assertEquals(new Cell(out, in), l.connectionAt(m, x, y, 3));
        m.set(out, in, false);
        Cell other = l.connectionAt(m, x, y, 3);
        assertNotEquals(new Cell(out, in), other, "an absent connection is never hit");
        assertNull(l.connectionAt(new Mask(36, 64), x, y, 3));
    }

    @Test
    void rubberBandSelectsNeuronsByCentre() {
        BipartiteLayout l = BipartiteLayout.of(TestMasks.DIGITS, TestMasks.HIDDEN, 800, 500);
        LayerLayout s = l.source();
        BitSet sel = s.neuronsIn(s.x(9) - 1, s.y(9) - 1, s.x(18) + 1, s.y(18) + 1);
        BitSet expected = new BitSet();
        expected.set(9); expected.set(10); expected.set(17); expected.set(18);
        assertEquals(expected, sel);
    }

    @Test
    void rejectsAMaskOfTheWrongShape() {
        BipartiteLayout l = BipartiteLayout.of(TestMasks.DIGITS, TestMasks.HIDDEN, 800, 500);
        assertThrows(IllegalArgumentException.class, () -> l.connectionAt(new Mask(64, 36), 1, 1, 3));
    }
}
