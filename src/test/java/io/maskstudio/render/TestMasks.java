package io.maskstudio.render;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;

import java.util.Random;

/** Masks and layers shared by the render tests. */
final class TestMasks {
    private TestMasks() {}

    static final LayerSpec DIGITS = LayerSpec.grid("input", 8, 8, Activation.IDENTITY);
    static final LayerSpec HIDDEN = LayerSpec.grid("hidden", 6, 6, Activation.RELU);

    /** Hidden (r, c) of a 6x6 grid sees input rows r..r+2, cols c..c+2 of an 8x8 grid. */
    static Mask localReceptiveField8to6() {
        Mask m = new Mask(36, 64);
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 6; c++) {
                for (int dr = 0; dr < 3; dr++) {
                    for (int dc = 0; dc < 3; dc++) m.set(r * 6 + c, (r + dr) * 8 + (c + dc), true);
                }
            }
        }
        return m;
    }

    /** Exactly {@code n} distinct random connections. */
    static Mask random(int rows, int cols, int n, long seed) {
        Mask m = new Mask(rows, cols);
        Random rnd = new Random(seed);
        int placed = 0;
        while (placed < n) {
            int o = rnd.nextInt(rows), i = rnd.nextInt(cols);
            if (!m.get(o, i)) {
                m.set(o, i, true);
                placed++;
            }
        }
        return m;
    }
}
