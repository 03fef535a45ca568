package io.maskstudio.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticDatasetsTest {

    @Test
    void namesAreTheFivePlaygroundStyleSets() {
        assertEquals(List.of("circle", "xor", "gauss", "spiral", "moons"), SyntheticDatasets.names());
    }

    @ParameterizedTest
    @ValueSource(strings = {"circle", "xor", "gauss", "spiral", "moons"})
    void defaultShapeIsFourHundredBalancedRowsOfTwoFeatures(String name) throws DataException {
        Dataset d = SyntheticDatasets.generate(name, 7);
        assertEquals(SyntheticDatasets.DEFAULT_ROWS, d.rows());
        assertEquals(2, d.features());
        assertEquals(List.of("0", "1"), d.classNames());
        assertEquals(200, count(d, 1));
        for (float v : d.x()) assertTrue(Float.isFinite(v));
    }

    @ParameterizedTest
    @ValueSource(strings = {"circle", "xor", "gauss", "spiral", "moons"})
    void sameSeedSameRowsOtherSeedOtherRows(String name) throws DataException {
        Random seeds = new Random(99);
        for (int trial = 0; trial < 20; trial++) {
            long seed = seeds.nextLong();
            Dataset a = SyntheticDatasets.generate(name, seed);
            Dataset b = SyntheticDatasets.generate(name, seed);
            assertArrayEquals(a.x(), b.x());
            assertArrayEquals(a.y(), b.y());
            Dataset other = SyntheticDatasets.generate(name, seed + 1);
            assertFalse(Arrays.equals(a.x(), other.x()), name + " seeds " + seed + " and " + (seed + 1));
        }
    }

    @Test
    void rowsAreShuffledNotSortedByClass() throws DataException {
        int[] y = SyntheticDatasets.generate("moons", 3).y();
        int changes = 0;
        for (int r = 1; r < y.length; r++) if (y[r] != y[r - 1]) changes++;
        assertTrue(changes > 50, "labels change only " + changes + " times along the rows");
    }

    @Test
    void oddRowCountsGiveClassOneTheExtraRow() throws DataException {
        Dataset d = SyntheticDatasets.generate("spiral", 7, 0.2, 1);
        assertEquals(7, d.rows());
        assertEquals(4, count(d, 1));
    }

    @Test
    void withoutNoiseTheShapesAreExact() throws DataException {
        Dataset circle = SyntheticDatasets.generate("circle", 300, 0, 5);
        for (int r = 0; r < circle.rows(); r++) {
            double radius = Math.hypot(circle.x()[2 * r], circle.x()[2 * r + 1]);
            if (circle.y()[r] == 1) assertTrue(radius <= 2.5 + 1e-5, "inner radius " + radius);
            else assertTrue(radius >= 3.5 - 1e-5 && radius <= 5 + 1e-5, "ring radius " + radius);
        }
        Dataset xor = SyntheticDatasets.generate("xor", 300, 0, 5);
        for (int r = 0; r < xor.rows(); r++) {
            float px = xor.x()[2 * r], py = xor.x()[2 * r + 1];
            assertTrue(Math.abs(px) >= 0.3f - 1e-6 && Math.abs(py) >= 0.3f - 1e-6);
            assertEquals(px * py > 0 ? 1 : 0, xor.y()[r]);
        }
        Dataset moons = SyntheticDatasets.generate("moons", 300, 0, 5);
        for (int r = 0; r < moons.rows(); r++) {
            double px = moons.x()[2 * r], py = moons.x()[2 * r + 1];
            // outer moon on the unit circle around (0,0); inner one on the unit circle around (1,0.5)
            double radius = moons.y()[r] == 0 ? Math.hypot(px, py) : Math.hypot(px - 1, py - 0.5);
            assertEquals(1, radius, 1e-5);
        }
    }

    @Test
    void gaussBlobsSitOnTheirCentres() throws DataException {
        Dataset d = SyntheticDatasets.generate("gauss", 4000, 0.1, 11);
        double[] sum = new double[2];
        for (int r = 0; r < d.rows(); r++) sum[d.y()[r]] += d.x()[2 * r] + d.x()[2 * r + 1];
        assertEquals(-4, sum[0] / 2000, 0.15);
        assertEquals(4, sum[1] / 2000, 0.15);
    }

    @Test
    void badArgumentsAreRefused() {
        DataException e = assertThrows(DataException.class, () -> SyntheticDatasets.generate("rings", 1));
        assertEquals("unknown synthetic dataset 'rings': expected one of circle, xor, gauss, spiral, moons", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SyntheticDatasets.generate("xor", 1, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticDatasets.generate("xor", 10, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticDatasets.generate("xor", 10, Double.NaN, 1));
    }

    private static int count(Dataset d, int label) {
        int n = 0;
        for (int y : d.y()) if (y == label) n++;
        return n;
    }
}
