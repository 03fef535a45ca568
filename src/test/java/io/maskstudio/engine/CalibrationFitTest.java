package io.maskstudio.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The calibration's non-negative least-squares fit, on step times made from known coefficients. */
class CalibrationFitTest {
    private static final int[][] LAYERS = {{32, 32, 8}, {256, 256, 2}, {256, 256, 128}, {512, 512, 2}, {512, 512, 64}, {300, 784, 100}};

    @Test
    void exactTimesGiveTheirCoefficientsBack() {
        double[] truth = {180, 0.012, 1.5};
        double[][] f = new double[LAYERS.length][];
        double[] t = new double[LAYERS.length];
        for (int i = 0; i < LAYERS.length; i++) {
            f[i] = KernelCalibration.features(KernelType.DENSE, LAYERS[i][0], LAYERS[i][1], (long) LAYERS[i][0] * LAYERS[i][1], LAYERS[i][2]);
            for (int j = 0; j < 3; j++) t[i] += f[i][j] * truth[j];
        }
        double[] c = KernelCalibrationRun.nonNegativeFit(f, t);
        for (int j = 0; j < 3; j++) assertEquals(truth[j], c[j], 1e-6 * truth[j], "coefficient " + j);
    }

    @Test
    void aCoefficientTheDataWouldMakeNegativeIsZeroAndTheRestStillFit() {
        // times that fall with the per-weight term: unconstrained least squares would price weights below zero
        double[][] f = {{1, 1, 10}, {1, 2, 20}, {1, 4, 5}, {1, 8, 1}};
        double[] t = {10, 12, 16, 24};
        double[] c = KernelCalibrationRun.nonNegativeFit(f, t);
        for (double v : c) assertEquals(true, v >= 0, "non-negative: " + v);
        assertEquals(0, c[2], 1e-12, "the weight term is dropped");
        assertEquals(8, c[0], 1e-9); // t = 8 + 2 x exactly, without the third column
        assertEquals(2, c[1], 1e-9);
    }
}
