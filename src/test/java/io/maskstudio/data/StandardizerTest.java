package io.maskstudio.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardizerTest {

    /** Two features: the first 0,2,4,...; the second constant 7. */
    private static Dataset ramp(String name, int rows, float offset) {
        float[] x = new float[rows * 2];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            x[2 * r] = offset + 2 * r;
            x[2 * r + 1] = 7;
            y[r] = r % 2;
        }
        return new Dataset(name, rows, 2, x, y, List.of("a", "b"), 0, 0);
    }

    @Test
    void fitsPopulationMeanAndStdAndKeepsConstantFeaturesFinite() {
        Standardizer s = Standardizer.fit(ramp("train", 4, 0)); // 0,2,4,6: mean 3, population std sqrt(5)
        assertArrayEquals(new float[] {3, 7}, s.mean());
        assertArrayEquals(new float[] {(float) Math.sqrt(5), 1}, s.std(), 1e-6f);
        assertEquals(2, s.features());
    }

    @Test
    void trainingDataEndsUpCentredAndScaled() throws DataException {
        Dataset wine = BuiltinDatasets.load("wine");
        Dataset z = Standardizer.fit(wine).apply(wine);
        for (int c = 0; c < z.features(); c++) {
            double sum = 0, squares = 0;
            for (int r = 0; r < z.rows(); r++) {
                double v = z.x()[r * z.features() + c];
                sum += v;
                squares += v * v;
            }
            assertEquals(0, sum / z.rows(), 1e-4, "feature " + c + " mean");
            assertEquals(1, squares / z.rows(), 1e-3, "feature " + c + " variance");
        }
    }

    @Test
    void validationIsTransformedWithTrainingStatisticsOnly() {
        Dataset train = ramp("train", 10, 0);      // first feature 0..18, mean 9
        Dataset validation = ramp("val", 10, 100); // first feature 100..118
        Standardizer s = Standardizer.fit(train);
        Split z = s.apply(new Split(train, validation));
        assertEquals(9f, s.mean()[0]);
        double valMean = 0;
        for (int r = 0; r < 10; r++) valMean += z.validation().x()[2 * r];
        valMean /= 10;
        // had validation leaked into the fit, it would be centred near 0
        assertEquals(100 / Math.sqrt(33), valMean, 1e-4);
        assertEquals(0f, z.validation().x()[1], "a constant feature is only centred");
        assertArrayEquals(validation.y(), z.validation().y());
    }

    @Test
    void aRealSplitLeavesValidationOffCentre() throws DataException {
        Split split = Split.of(BuiltinDatasets.load("iris"), 0.2, 42);
        Split z = Standardizer.fit(split.train()).apply(split);
        double largestMean = 0;
        for (int c = 0; c < 4; c++) {
            double sum = 0;
            for (int r = 0; r < z.validation().rows(); r++) sum += z.validation().x()[r * 4 + c];
            largestMean = Math.max(largestMean, Math.abs(sum / z.validation().rows()));
        }
        assertTrue(largestMean > 0.01, "validation means are all ~0: " + largestMean);
    }

    @Test
    void applyLeavesItsInputAloneAndAccessorsAreCopies() {
        Dataset d = ramp("d", 3, 0);
        float[] before = d.x().clone();
        Standardizer s = Standardizer.fit(d);
        Dataset z = s.apply(d);
        assertArrayEquals(before, d.x());
        assertNotSame(d.x(), z.x());
        s.mean()[0] = 1000;
        assertEquals(2f, s.mean()[0]);
    }

    @Test
    void rebuiltFromSavedStatisticsItDoesTheSame() {
        Dataset d = ramp("d", 5, 1);
        Standardizer fitted = Standardizer.fit(d);
        Standardizer rebuilt = Standardizer.of(fitted.mean(), fitted.std());
        assertArrayEquals(fitted.apply(d).x(), rebuilt.apply(d).x());
        assertThrows(IllegalArgumentException.class, () -> Standardizer.of(new float[] {0}, new float[] {0}));
        assertThrows(IllegalArgumentException.class, () -> Standardizer.of(new float[] {0, 1}, new float[] {1}));
    }

    @Test
    void refusesMismatchedOrEmptyData() {
        Standardizer s = Standardizer.fit(ramp("d", 3, 0));
        Dataset three = new Dataset("three", 1, 3, new float[3], new int[1], List.of("a"), 0, 0);
        assertThrows(IllegalArgumentException.class, () -> s.apply(three));
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(ramp("empty", 0, 0)));
    }
}
