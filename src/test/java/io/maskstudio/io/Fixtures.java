package io.maskstudio.io;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of the NumPy-written fixtures under src/test/resources/npy (made by make_fixtures.py). */
final class Fixtures {
    private Fixtures() {}

    static Path npy(String name) {
        URL url = Fixtures.class.getResource("/npy/" + name);
        if (url == null) throw new IllegalArgumentException("missing fixture " + name + " (run src/test/resources/npy/make_fixtures.py)");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** make_fixtures.py's mask pattern, shape (3, 4). */
    static boolean mask(int i, int j) {
        return (i + 2 * j) % 3 == 0;
    }

    /** make_fixtures.py's value pattern, shape (3, 4). */
    static int value(int i, int j) {
        return 10 * i + j - 5;
    }
}
