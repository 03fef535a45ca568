package io.maskstudio.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** N:M and block structure as inspect reports it, on masks built cell by cell. */
class MaskStructureTest {

    /** The mask whose cell (o, i) is set where {@code cell[o].charAt(i) == '#'}. */
    private static Mask of(String... cells) {
        Mask m = new Mask(cells.length, cells[0].length());
        for (int o = 0; o < cells.length; o++) for (int i = 0; i < cells[o].length(); i++) m.set(o, i, cells[o].charAt(i) == '#');
        return m;
    }

    @Test
    void nOfMIsExactlyNInEveryGroup() {
        Mask twoOfFour = of("##..#.#.", ".##.##..", "#..#..##");
        assertTrue(MaskStructure.isNOfM(twoOfFour, 2, 4));
        assertEquals(List.of("2:4", "4:8"), MaskStructure.commonNOfM(twoOfFour), "2 of every 4 is also 4 of every 8");
        assertEquals(List.of("4:8"), MaskStructure.commonNOfM(of("####....", "#.#..##.")));
        Mask oneOfTwo = of("#..##.", ".#.#.#");
        assertEquals(List.of("1:2"), MaskStructure.commonNOfM(oneOfTwo), "1:2 and 3 of 6 but not 2:4 groups (cols 6: groups 4 + short 2)");
        Mask both = of("#.#.#.#.", ".#.#.#.#");
        assertEquals(List.of("1:2", "2:4", "4:8"), MaskStructure.commonNOfM(both));
        // One connection moved across a group boundary: same count per row, not 2:4 any more.
        assertFalse(MaskStructure.isNOfM(of("###.#...", ".##.##..", "#..#..##"), 2, 4));
        // A short last group of 2 inputs holds min(2, 2) = 2.
        assertTrue(MaskStructure.isNOfM(of("##..##", "#.#.##"), 2, 4));
        assertFalse(MaskStructure.isNOfM(of("##..#.", "#.#.##"), 2, 4));
        Random rnd = new Random(3);
        for (int t = 0; t < 40; t++) {
            int cols = 1 + rnd.nextInt(40);
            assertTrue(MaskStructure.isNOfM(MaskGenerators.nOfM(5, cols, 2, 4, t), 2, 4), "cols " + cols);
        }
    }

    @Test
    void blockSizeIsTheLargestUniformGrid() {
        Mask twoByFour = of("####....", "####....", "....####", "....####", "########", "########");
        assertEquals(Optional.of(new MaskStructure.BlockSize(2, 4)), MaskStructure.blockSize(twoByFour));
        // A cell flipped: no block larger than 1x1 is uniform.
        Mask broken = twoByFour.copy();
        broken.set(1, 0, false);
        assertEquals(Optional.empty(), MaskStructure.blockSize(broken));
        // Identical rows and single-column runs: 2x1 (rows pair up), and a 1x2 case.
        assertEquals(Optional.of(new MaskStructure.BlockSize(2, 1)), MaskStructure.blockSize(of("#.#", "#.#", ".#.", ".#.")));
        assertEquals(Optional.of(new MaskStructure.BlockSize(1, 2)), MaskStructure.blockSize(of("##..", "..##", "##..")));
        // Empty and full masks have no structure worth reporting.
        assertEquals(Optional.empty(), MaskStructure.blockSize(new Mask(8, 8)));
        assertEquals(Optional.empty(), MaskStructure.blockSize(Mask.full(8, 8)));
        // Generated 8x16 blocks on a 64x64 mask, at a density where larger blocks almost surely break, are found as such.
        Mask gen = MaskGenerators.blocks(64, 64, 8, 16, 0.5, 1);
        assertEquals(Optional.of(new MaskStructure.BlockSize(8, 16)), MaskStructure.blockSize(gen));
        // Edge blocks cut short still count as blocks: 10 columns in 4-wide blocks.
        assertEquals(Optional.of(new MaskStructure.BlockSize(1, 4)), MaskStructure.blockSize(of("........##", "####......", "....######")));
    }
}
