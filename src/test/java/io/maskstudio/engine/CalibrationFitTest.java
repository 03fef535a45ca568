package io.maskstudio.engine;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The calibration's non-negative least-squares fit, on step times made from known coefficients. */
class CalibrationFitTest {
    private static final int[][] LAYERS = {{32, 32, 8}, {256, 256, 2}, {256, 256, 128}, {512, 512, 2}, {512, 512, 64}, {300, 784, 100}};

    @Test
    void exactTimesGiveTheirCoefficientsBack() {
        double[] truth = {180, 0.012, 1.5};
        double[][] f = fullDenseFeatures();
        double[] t = timesOf(f, truth);
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

    @Test
    void theMaskAndCacheTermsComeBackFromTimesThatHaveThem() {
        // dense: full and 30% masks; csr: activation matrices from 32 KiB (farness 0) to 2 MiB, and a batch-1 layer of
        // dense rows (dW as a whole-row axpy) so that the axpy and dot terms are told apart
        int[][] dense = {{32, 32, 1000, 8}, {256, 256, 1000, 2}, {256, 256, 300, 2}, {512, 512, 1000, 64}, {512, 512, 300, 64},
            {300, 784, 300, 100}, {1024, 1024, 1000, 1}};
        assertRecovered(KernelType.DENSE, dense, new double[]{180, 0.012, 1.5, 0.9, 40});
        int[][] csr = {{32, 32, 1000, 8}, {1024, 1024, 100, 2}, {1024, 1024, 500, 1}, {1024, 1024, 20, 128}, {256, 512, 1000, 64},
            {300, 784, 300, 100}, {1024, 1024, 50, 512}, {64, 64, 100, 32}};
        assertRecovered(KernelType.CSR, csr, new double[]{40, 0.03, 0.05, 4.0, 0.013});
    }

    /** Dense's features on {@link #LAYERS}, every mask full. */
    private static double[][] fullDenseFeatures() {
        double[][] f = new double[LAYERS.length][];
        for (int i = 0; i < LAYERS.length; i++) {
            f[i] = KernelCalibration.features(KernelType.DENSE, LAYERS[i][0], LAYERS[i][1], (long) LAYERS[i][0] * LAYERS[i][1], LAYERS[i][2]);
        }
        return f;
    }

    /** The exact step times the model gives: each layer's first {@code truth.length} features priced by {@code truth}. */
    private static double[] timesOf(double[][] f, double[] truth) {
        double[] t = new double[f.length];
        for (int i = 0; i < f.length; i++) for (int j = 0; j < truth.length; j++) t[i] += f[i][j] * truth[j];
        return t;
    }

    private static void assertRecovered(KernelType kernel, int[][] layers, double[] truth) {
        double[][] f = new double[layers.length][];
        for (int i = 0; i < layers.length; i++) {
            int[] l = layers[i];
            long nnz = Math.round(l[2] / 1000.0 * l[1]) * (long) l[0];
            f[i] = KernelCalibration.features(kernel, l[0], l[1], nnz, l[3]);
            assertEquals(truth.length, f[i].length, kernel + " has one coefficient per feature");
        }
        double[] c = KernelCalibrationRun.nonNegativeFit(f, timesOf(f, truth));
        for (int j = 0; j < truth.length; j++) assertEquals(truth[j], c[j], 1e-6 * truth[j], kernel + " coefficient " + j);
    }

    @Test
    void farnessIsTheLog2OfTheLargerActivationMatrixOver32KiB() {
        assertEquals(0, KernelCalibration.farness(8, 1024, 8), 1e-12);      // 4 B x 1024 x 8 = 32 KiB
        assertEquals(0, KernelCalibration.farness(10, 20, 1), 1e-12);       // smaller still: not below 0
        assertEquals(1, KernelCalibration.farness(1024, 8, 16), 1e-12);     // 64 KiB, the output side the larger
        assertEquals(7, KernelCalibration.farness(4096, 4096, 256), 1e-12); // 4 MiB
    }

    @Test
    void theNewTermsSurviveTheCacheAndAFileWithoutThemReadsAsZero() {
        KernelCalibration c = new KernelCalibration(100, 0.03, 0.5, 20, 0, 0.02, 5, 19, 0.08, 0, 1.2, false, 1.25, 30, 0.0125);
        KernelCalibration back = KernelCalibration.fromProperties(c.toProperties());
        assertEquals(1.25, back.denseMaskNs(), 1e-9);
        assertEquals(30, back.denseMaskUs(), 1e-9);
        assertEquals(0.0125, back.csrFarNs(), 1e-9);
        Properties old = c.toProperties();
        old.remove("dense.maskNs");
        old.remove("dense.maskUs");
        old.remove("csr.farNs");
        KernelCalibration fromOld = KernelCalibration.fromProperties(old);
        assertEquals(0, fromOld.denseMaskNs());
        assertEquals(0, fromOld.denseMaskUs());
        assertEquals(0, fromOld.csrFarNs());
        assertEquals(5, fromOld.csrWeightNs(), 1e-9);
    }

    @Test
    void aLayerTheFitMissesIsTimedAgainAndItsFasterTimeKept() {
        double[] truth = {50, 0.03, 1.0};
        double[][] f = fullDenseFeatures();
        double[] t = timesOf(f, truth);
        // the tiny 32x32 layer's first step ran 4x slow (another job); its second measurement is the true time
        int[] calls = new int[LAYERS.length];
        double[] c = KernelCalibrationRun.fitRechecking(f, i -> calls[i]++ == 0 && i == 0 ? 4 * t[0] : t[i]);
        assertEquals(2, calls[0], "the missed layer is measured twice");
        for (int i = 1; i < LAYERS.length; i++) assertEquals(1, calls[i], "a layer the fit meets is measured once: " + i);
        for (int j = 0; j < 3; j++) assertEquals(truth[j], c[j], 1e-6 * truth[j], "coefficient " + j);
        // without the recheck the outlier would have moved the fixed cost
        double[] t0 = t.clone();
        t0[0] *= 4;
        double[] once = KernelCalibrationRun.nonNegativeFit(f, t0);
        assertEquals(true, Math.abs(once[0] - truth[0]) > 0.2 * truth[0], "the outlier alone shifts the fit: " + once[0]);
    }
}
