package io.maskstudio.io;

import io.maskstudio.model.Mask;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Random;

/** The fixtures under src/test/resources/masks, written by make_mask_fixtures.py with NumPy, SciPy and Pillow. */
final class MaskFixtures {
    private MaskFixtures() {}

    static Path file(String name) {
        URL url = MaskFixtures.class.getResource("/masks/" + name);
        if (url == null) throw new IllegalArgumentException("missing fixture " + name + " (run src/test/resources/masks/make_mask_fixtures.py)");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** make_mask_fixtures.py's P, shape (5, 7). */
    static Mask p() {
        Mask m = new Mask(5, 7);
        for (int i = 0; i < 5; i++) for (int j = 0; j < 7; j++) m.set(i, j, (3 * i + j) % 4 == 0 || i == 4 && j == 6);
        return m;
    }

    /** make_mask_fixtures.py's symmetric S, shape (4, 4). */
    static Mask s() {
        Mask p = p();
        Mask m = new Mask(4, 4);
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) m.set(i, j, p.get(i, j) || p.get(j, i));
        m.set(0, 2, true);
        m.set(2, 0, true);
        return m;
    }

    /** A seeded random mask; density varies from empty to full across calls. */
    static Mask random(Random rnd, int maxRows, int maxCols) {
        Mask m = new Mask(1 + rnd.nextInt(maxRows), 1 + rnd.nextInt(maxCols));
        int mode = rnd.nextInt(6);
        double density = mode == 0 ? 0 : mode == 1 ? 1 : rnd.nextDouble();
        for (int o = 0; o < m.rows(); o++) for (int i = 0; i < m.cols(); i++) m.set(o, i, rnd.nextDouble() < density);
        return m;
    }
}
