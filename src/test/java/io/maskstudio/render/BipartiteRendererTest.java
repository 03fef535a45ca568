package io.maskstudio.render;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BipartiteRendererTest {
    private static final LayerSpec V128 = LayerSpec.vector("a", 128, Activation.IDENTITY);
    private static final LayerSpec W128 = LayerSpec.vector("b", 128, Activation.RELU);

    @Test
    void drawsOneLinePerConnectionBelowTheThreshold() {
        Mask m = TestMasks.random(128, 128, 100, 1);
        BipartiteRenderer r = new BipartiteRenderer(BipartiteStyle.DEFAULT.withBundleThreshold(100));
        RenderStats s = r.render(new Raster(600, 400), BipartiteLayout.of(V128, W128, 600, 400), m);
        assertFalse(s.bundled());
        assertEquals(100, s.linesDrawn());
        assertEquals(100, s.connections());
    }

    @Test
    void switchesToBundlesAboveTheThresholdOnePerNonEmptyBinPair() {
        Mask m = TestMasks.random(128, 128, 2000, 2);
        BipartiteRenderer r = new BipartiteRenderer(BipartiteStyle.DEFAULT.withBundleThreshold(100).withMaxBins(64));
        RenderStats s = r.render(new Raster(600, 400), BipartiteLayout.of(V128, W128, 600, 400), m);
        assertTrue(s.bundled());
        // 128 neurons in 64 bins: neuron i is in bin i / 2 on both sides.
        Set<Long> pairs = new HashSet<>();
        for (int o = 0; o < 128; o++) for (int i = 0; i < 128; i++) if (m.get(o, i)) pairs.add((long) (o / 2) * 1000 + i / 2);
        assertEquals(pairs.size(), s.linesDrawn());
        assertTrue(s.linesDrawn() < 2000, "some bin pairs hold more than one connection");
    }

    @Test
    void imageLayersBinBySpatialTiles() {
        LayerSpec mnist = LayerSpec.grid("mnist", 28, 28, Activation.IDENTITY);
        LayerSpec hidden = LayerSpec.vector("hidden", 1000, Activation.RELU);
        int[] bins = Bundles.binsOf(mnist, 64);
        assertEquals(bins[0], bins[28 + 1], "neighbouring pixels share a tile");
        assertNotEquals(bins[0], bins[27], "opposite corners do not");
        assertEquals(63, max(bins));
        Mask m = TestMasks.random(1000, 784, 100_000, 3);
        RenderStats s = new BipartiteRenderer().render(new Raster(1600, 1000), BipartiteLayout.of(mnist, hidden, 1600, 1000), m);
        assertTrue(s.bundled(), "10^5 connections exceed the default threshold");
        int[] tb = Bundles.binsOf(hidden, 64);
        Set<Integer> pairs = new HashSet<>();
        for (int o = 0; o < 1000; o++) {
            final int t = tb[o];
            m.forEachInRow(o, i -> pairs.add(t * 64 + bins[i]));
        }
        assertEquals(pairs.size(), s.linesDrawn());
        assertTrue(s.linesDrawn() <= 64 * 64);
    }

    @Test
    void aSelectedTargetsFanInIsEmphasizedAndItsSourcesMarked() {
        Mask m = TestMasks.localReceptiveField8to6();
        BipartiteLayout l = BipartiteLayout.of(TestMasks.DIGITS, TestMasks.HIDDEN, 800, 500);
        BitSet targets = new BitSet();
        targets.set(7); // hidden (1,1) sees input rows 1..3, cols 1..3
        Raster raster = new Raster(800, 500);
        BipartiteStyle st = BipartiteStyle.DEFAULT;
        RenderStats s = new BipartiteRenderer().render(raster, l, m, Highlight.NONE.withSelection(new BitSet(), targets));
        assertEquals(9, s.emphasizedLines());
        for (int i = 0; i < 64; i++) {
            int r = i / 8, c = i % 8;
            boolean inField = r >= 1 && r <= 3 && c >= 1 && c <= 3;
            int px = leftOfCentre(raster, l.source(), i); // emphasized lines leave the centre to the right
            assertEquals(inField ? st.partner() : st.gridCell(), px, "input cell " + i);
        }
        assertEquals(st.selected(), rightOfCentre(raster, l.target(), 7));
        assertEquals(st.gridCell(), rightOfCentre(raster, l.target(), 8));
    }

    @Test
    void hoveringASourceMarksTheTargetsItFeeds() {
        Mask m = TestMasks.localReceptiveField8to6();
        BipartiteLayout l = BipartiteLayout.of(TestMasks.DIGITS, TestMasks.HIDDEN, 800, 500);
        Raster raster = new Raster(800, 500);
        RenderStats s = new BipartiteRenderer().render(raster, l, m, Highlight.NONE.withHover(new NeuronHit(Side.SOURCE, 0)));
        assertEquals(1, s.emphasizedLines(), "input (0,0) feeds only hidden (0,0)");
        assertEquals(BipartiteStyle.DEFAULT.hovered(), leftOfCentre(raster, l.source(), 0));
        assertEquals(BipartiteStyle.DEFAULT.partner(), rightOfCentre(raster, l.target(), 0));
    }

    @Test
    void linesAreDrawnBetweenTheLayers() {
        Mask m = new Mask(1, 1);
        m.set(0, 0, true);
        LayerSpec a = LayerSpec.vector("a", 1, Activation.IDENTITY), b = LayerSpec.vector("b", 1, Activation.RELU);
        BipartiteLayout l = BipartiteLayout.of(a, b, 200, 100);
        Raster raster = new Raster(200, 100);
        new BipartiteRenderer().render(raster, l, m);
        int y = (int) l.source().y(0);
        assertNotEquals(BipartiteStyle.DEFAULT.background(), raster.getPixel(100, y), "line through the middle");
        assertEquals(BipartiteStyle.DEFAULT.background(), raster.getPixel(100, y - 10));
        assertEquals(BipartiteStyle.DEFAULT.neuron(), raster.getPixel((int) l.source().x(0), y));
    }

    private static int leftOfCentre(Raster r, LayerLayout side, int i) {
        return r.getPixel((int) (side.x(i) - side.cellSize() / 4), (int) (side.y(i) - side.cellSize() / 4));
    }

    private static int rightOfCentre(Raster r, LayerLayout side, int i) {
        return r.getPixel((int) (side.x(i) + side.cellSize() / 4), (int) (side.y(i) - side.cellSize() / 4));
    }

    private static int max(int[] v) {
        int m = Integer.MIN_VALUE;
        for (int x : v) m = Math.max(m, x);
        return m;
    }
}
