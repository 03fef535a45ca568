package io.maskstudio.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What people type into the generators dialog, and the defaults it offers for a pair. */
class GeneratorParamsTest {
    @Test
    void densityReadsFractionsAndPercentagesAndRefusesTheRest() {
        Generator.Param d = Generator.Param.DENSITY;
        assertEquals(0.2, d.parse("20%"), 1e-15);
        assertEquals(0.2, d.parse(" 0.2 "), 1e-15);
        assertEquals(0.125, d.parse("12.5 %"), 1e-15);
        assertEquals(1.0, d.parse("100%"), 0);
        for (String bad : new String[] {"150%", "2", "abc", "", "1e-1", "NaN", "0.2d", "-5%", "20%%"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("Density: expected a fraction 0..1 or a percentage 0%..100%, was '"), e.getMessage());
        }
    }

    @Test
    void countsAreWholeNumbersInRange() {
        assertEquals(5, Generator.Param.KERNEL.parse("5"), 0);
        for (String bad : new String[] {"2.5", "0", "5%", "x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Generator.Param.KERNEL.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("Kernel: expected a whole number 1..4096"), e.getMessage());
        }
    }

    /** PyTorch's Conv2d output size: floor((n + 2p - k) / s) + 1. */
    private static int convOut(int n, int k, int s, int p) {
        return Math.floorDiv(n + 2 * p - k, s) + 1;
    }

    @Test
    void receptiveFieldDefaultsFitTheSamplePairs() {
        int[][] grids = {{28, 14}, {8, 6}, {28, 28}, {32, 16}, {28, 7}, {9, 3}};
        for (int[] g : grids) {
            LayerSpec in = LayerSpec.grid("in", 1, g[0], g[0], Activation.IDENTITY);
            LayerSpec out = LayerSpec.grid("out", 1, g[1], g[1], Activation.RELU);
            Generator.Values v = Generator.LOCAL_2D.defaultsFor(in, out);
            int k = v.integer(Generator.Param.KERNEL), s = v.integer(Generator.Param.STRIDE), p = v.integer(Generator.Param.PADDING);
            assertEquals(g[1], convOut(g[0], k, s, p), g[0] + "->" + g[1] + ": k" + k + " s" + s + " p" + p);
            assertTrue(Generator.LOCAL_2D.fits(in, out, v));
            assertDoesNotThrow(() -> Generator.LOCAL_2D.generate(in, out, new Mask(out.size(), in.size()), v));
        }
        Generator.Values mnist = Generator.LOCAL_2D.defaultsFor(LayerSpec.grid("p", 1, 28, 28, Activation.IDENTITY),
                LayerSpec.grid("h", 1, 14, 14, Activation.RELU));
        assertEquals(3, mnist.integer(Generator.Param.KERNEL), "the catalogue's kernel is kept where a stride and padding make it fit");
    }

    @Test
    void oneDimensionalDefaultsAndGroupsFitTheirPair() {
        for (int[] n : new int[][] {{64, 36}, {784, 196}, {10, 10}, {100, 50}}) {
            LayerSpec in = LayerSpec.vector("in", n[0], Activation.IDENTITY), out = LayerSpec.vector("out", n[1], Activation.RELU);
            Generator.Values v = Generator.LOCAL_1D.defaultsFor(in, out);
            assertEquals(n[1], convOut(n[0], v.integer(Generator.Param.KERNEL), v.integer(Generator.Param.STRIDE), v.integer(Generator.Param.PADDING)));
            assertDoesNotThrow(() -> Generator.LOCAL_1D.generate(in, out, new Mask(n[1], n[0]), v));
        }
        LayerSpec two = LayerSpec.vector("in", 2, Activation.IDENTITY), four = LayerSpec.vector("h", 4, Activation.TANH);
        Generator.Values xor = Generator.BLOCK_DIAGONAL.defaultsFor(two, four);
        assertDoesNotThrow(() -> Generator.BLOCK_DIAGONAL.generate(two, four, new Mask(4, 2), xor));
    }
}
