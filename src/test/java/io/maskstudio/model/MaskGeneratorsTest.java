package io.maskstudio.model;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskGeneratorsTest {

    @Test
    void fullAndEmpty() {
        Mask f = MaskGenerators.full(5, 70);
        assertEquals(350, f.nnz());
        assertEquals(1.0, f.density());
        Mask e = MaskGenerators.empty(5, 70);
        assertEquals(0, e.nnz());
        assertEquals(5, e.rows());
        assertEquals(70, e.cols());
    }

    @Test
    void randomDensityHitsTheTargetExactlyAndRespectsMinFanIn() {
        Random rnd = new Random(10);
        for (int trial = 0; trial < 60; trial++) {
            int rows = 1 + rnd.nextInt(80), cols = 1 + rnd.nextInt(150);
            double density = rnd.nextDouble();
            int minFanIn = rnd.nextInt(6);
            Mask m = MaskGenerators.randomDensity(rows, cols, density, rnd.nextLong(), minFanIn);
            long target = Math.round(density * rows * cols);
            int perRow = Math.min(minFanIn, cols);
            assertEquals(Math.max(target, (long) rows * perRow), m.nnz(), "rows=" + rows + " cols=" + cols + " d=" + density + " min=" + minFanIn);
            for (int o = 0; o < rows; o++) assertTrue(m.fanIn(o) >= perRow);
        }
    }

    @Test
    void randomDensityCapsMinFanInAtTheInputCount() {
        Mask m = MaskGenerators.randomDensity(4, 3, 0.0, 1, 10);
        assertEquals(12, m.nnz());
    }

    @Test
    void randomDensityIsDeterministicPerSeedAndSpreadsOut() {
        Mask a = MaskGenerators.randomDensity(50, 100, 0.1, 42, 1);
        assertEquals(a, MaskGenerators.randomDensity(50, 100, 0.1, 42, 1));
        assertNotEquals(a, MaskGenerators.randomDensity(50, 100, 0.1, 43, 1));
        // dense path (selection sampling) too
        Mask d = MaskGenerators.randomDensity(50, 100, 0.9, 7, 0);
        assertEquals(d, MaskGenerators.randomDensity(50, 100, 0.9, 7, 0));
        assertEquals(4500, d.nnz());
        // uniformity, roughly: every column gets a share near its expectation
        Mask big = MaskGenerators.randomDensity(2000, 20, 0.25, 3, 0);
        for (int f : big.fanOuts()) assertTrue(f > 400 && f < 600, "column fan-out " + f + " far from 500");
    }

    @Test
    void randomDensityRejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.randomDensity(3, 3, 1.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.randomDensity(3, 3, Double.NaN, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.randomDensity(3, 3, 0.5, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.randomDensity(0, 3, 0.5, 0, 0));
    }

    @Test
    void digitsEightByEightToSixBySixWithThreeByThreeKernel() {
        LayerSpec in = LayerSpec.grid("input", 8, 8, Activation.IDENTITY);
        LayerSpec hidden = LayerSpec.grid("hidden", 6, 6, Activation.RELU);
        Mask m = MaskGenerators.localReceptiveField(in, hidden, 3, 1, 0);
        assertEquals(36, m.rows());
        assertEquals(64, m.cols());
        for (int o = 0; o < 36; o++) assertEquals(9, m.fanIn(o));
        assertArrayEquals(new int[]{0, 1, 2, 8, 9, 10, 16, 17, 18}, m.rowIndices(0));
        // hidden (2,3) sees input rows 2..4, cols 3..5
        assertArrayEquals(new int[]{19, 20, 21, 27, 28, 29, 35, 36, 37}, m.rowIndices(2 * 6 + 3));
        // last hidden neuron sees the bottom-right corner
        assertArrayEquals(new int[]{45, 46, 47, 53, 54, 55, 61, 62, 63}, m.rowIndices(35));
        // corner inputs feed one hidden neuron, the centre ones nine
        assertEquals(1, m.fanOut(0));
        assertEquals(9, m.fanOut(3 * 8 + 3));
    }

    @Test
    void mnistTwentyEightToFourteenWithKernelFiveStrideTwoPaddingTwo() {
        LayerSpec in = LayerSpec.grid("pixels", 28, 28, Activation.IDENTITY);
        LayerSpec out = LayerSpec.grid("hidden", 14, 14, Activation.RELU);
        Mask m = MaskGenerators.localReceptiveField(in, out, 5, 2, 2);
        assertEquals(196, m.rows());
        assertEquals(784, m.cols());
        // (0,0): rows/cols -2..2 clipped to 0..2
        assertArrayEquals(patch(28, 0, 3, 0, 3), m.rowIndices(0));
        // (0,13): cols 24..28 clipped to 24..27
        assertArrayEquals(patch(28, 0, 3, 24, 28), m.rowIndices(13));
        // (13,13): rows and cols 24..27
        assertArrayEquals(patch(28, 24, 28, 24, 28), m.rowIndices(195));
        // interior (5,7): rows 8..12, cols 12..16
        assertArrayEquals(patch(28, 8, 13, 12, 17), m.rowIndices(5 * 14 + 7));
        assertEquals(25, m.fanIn(5 * 14 + 7));
        for (int o = 0; o < 196; o++) assertTrue(m.fanIn(o) >= 9 && m.fanIn(o) <= 25);
    }

    @Test
    void everyOutputChannelSeesThePatchInEveryInputChannel() {
        LayerSpec in = LayerSpec.grid("rgb", 3, 4, 4, Activation.IDENTITY);
        LayerSpec out = LayerSpec.grid("features", 2, 2, 2, Activation.RELU);
        Mask m = MaskGenerators.localReceptiveField(in, out, 3, 2, 1);
        // output channel 1, position (1,0): window rows 1..3, cols -1..1 -> cols 0..1
        int o = 1 * 4 + 1 * 2 + 0;
        int[] expected = new int[18];
        int k = 0;
        for (int ch = 0; ch < 3; ch++) for (int r = 1; r <= 3; r++) for (int c = 0; c <= 1; c++) expected[k++] = ch * 16 + r * 4 + c;
        assertArrayEquals(expected, m.rowIndices(o));
        for (int pos = 0; pos < 4; pos++) assertArrayEquals(m.rowIndices(pos), m.rowIndices(4 + pos), "channels share the patch");
    }

    @Test
    void unshapedOutputIsAcceptedAsWholeGrids() {
        LayerSpec in = LayerSpec.grid("input", 8, 8, Activation.IDENTITY);
        Mask m = MaskGenerators.localReceptiveField(in, LayerSpec.vector("h", 72, Activation.RELU), 3, 1, 0);
        assertArrayEquals(m.rowIndices(0), m.rowIndices(36));
    }

    @Test
    void wrongOutputGridIsRejectedWithTheExpectedShape() {
        LayerSpec in = LayerSpec.grid("input", 8, 8, Activation.IDENTITY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskGenerators.localReceptiveField(in, LayerSpec.grid("h", 5, 5, Activation.RELU), 3, 1, 0));
        assertTrue(e.getMessage().contains("6x6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MaskGenerators.localReceptiveField(in, LayerSpec.vector("h", 32, Activation.RELU), 3, 1, 0));
        assertTrue(e.getMessage().contains("6x6"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MaskGenerators.localReceptiveField(LayerSpec.vector("v", 64, Activation.IDENTITY), LayerSpec.grid("h", 6, 6, Activation.RELU), 3, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.localReceptiveField(in, in, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.localReceptiveField(in, in, 3, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.localReceptiveField(in, in, 3, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.localReceptiveField(in, in, 3, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.localReceptiveField(in, in, 11, 1, 1));
    }

    @Test
    void oneDimensionalReceptiveField() {
        Mask m = MaskGenerators.localReceptiveField1d(10, 5, 3, 2, 1);
        assertArrayEquals(new int[]{0, 1}, m.rowIndices(0));
        assertArrayEquals(new int[]{1, 2, 3}, m.rowIndices(1));
        assertArrayEquals(new int[]{7, 8, 9}, m.rowIndices(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskGenerators.localReceptiveField1d(10, 6, 3, 2, 1));
        assertTrue(e.getMessage().contains("must be 5"), e.getMessage());
    }

    @Test
    void bandFollowsTheScaledDiagonal() {
        Mask sq = MaskGenerators.band(5, 5, 1);
        assertArrayEquals(new int[]{0, 1}, sq.rowIndices(0));
        assertArrayEquals(new int[]{1, 2, 3}, sq.rowIndices(2));
        assertArrayEquals(new int[]{3, 4}, sq.rowIndices(4));
        Mask wide = MaskGenerators.band(3, 9, 0);
        assertArrayEquals(new int[]{0}, wide.rowIndices(0));
        assertArrayEquals(new int[]{4}, wide.rowIndices(1));
        assertArrayEquals(new int[]{8}, wide.rowIndices(2));
        Mask tall = MaskGenerators.band(5, 3, 0); // centres round(o*2/4) = 0, 1 (0.5 rounds up), 1, 2 (1.5), 2
        assertArrayEquals(new int[]{0, 1, 1, 2, 2}, IntStream.range(0, 5).map(o -> tall.rowIndices(o)[0]).toArray());
        assertArrayEquals(new int[]{1, 2, 3}, MaskGenerators.band(1, 5, 1).rowIndices(0));
        assertEquals(MaskGenerators.full(4, 4), MaskGenerators.band(4, 4, 10));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.band(3, 3, -1));
    }

    @Test
    void blockDiagonalSplitsIntoNearEqualContiguousBlocks() {
        Mask m = MaskGenerators.blockDiagonal(6, 9, 3);
        for (int o = 0; o < 6; o++) {
            int g = o / 2;
            assertArrayEquals(new int[]{3 * g, 3 * g + 1, 3 * g + 2}, m.rowIndices(o));
        }
        Mask uneven = MaskGenerators.blockDiagonal(7, 10, 3); // rows 0-1|2-3|4-6, cols 0-2|3-5|6-9
        assertArrayEquals(new int[]{0, 1, 2}, uneven.rowIndices(1));
        assertArrayEquals(new int[]{3, 4, 5}, uneven.rowIndices(2));
        assertArrayEquals(new int[]{6, 7, 8, 9}, uneven.rowIndices(6));
        assertEquals(7 * 10, MaskGenerators.blockDiagonal(7, 10, 1).nnz());
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.blockDiagonal(3, 9, 4));
        assertThrows(IllegalArgumentException.class, () -> MaskGenerators.blockDiagonal(3, 9, 0));
    }

    @Test
    void generatorResultsComposeWithSetOperations() {
        Mask lrf = MaskGenerators.localReceptiveField1d(8, 6, 3, 1, 0);
        Mask extra = MaskGenerators.band(6, 8, 0);
        Mask both = lrf.union(extra);
        assertTrue(both.nnz() >= lrf.nnz());
        assertEquals(lrf, both.difference(extra.difference(lrf)));
    }

    private static int[] patch(int width, int r0, int r1, int c0, int c1) {
        int[] idx = new int[(r1 - r0) * (c1 - c0)];
        int k = 0;
        for (int r = r0; r < r1; r++) for (int c = c0; c < c1; c++) idx[k++] = r * width + c;
        return idx;
    }
}
