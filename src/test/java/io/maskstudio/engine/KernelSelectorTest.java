package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The automatic kernel choice from a given calibration: no timing here, only the decisions. */
class KernelSelectorTest {
    /**
     * Fitted to the issue's measurements (784->300 dense at batch 100: dense 3.3 ms, csr 3.9 ms, small 9.1 ms per
     * step) and to the tiny-layer speed: the plain-Java kernels cost per multiply-add, dense per weight and step.
     */
    static final KernelCalibration ISSUE = new KernelCalibration(
            250, 0.12, 2.0,
            10, 0.055, 0.4, 2.0,
            4, 0.125, 0.4, 1.0);

    /** Fitted on the build VM, quiet, 2 Dec 2026 (`bench calibrate`, 2 ND4J threads, Vector API loops). */
    static final KernelCalibration QUIET_VM = new KernelCalibration(
            408, 0.0452, 2.58,
            35, 0.035, 0.066, 4.98,
            13, 0.084, 0.066, 1.09);

    /**
     * Fitted on the build VM, quiet, 3 Dec 2026 (`bench calibrate`, 2 ND4J threads, Vector API loops, OpenBLAS
     * SkylakeX kernels, the dense kernel's element-wise work in Java).
     */
    static final KernelCalibration QUIET_VM_SKYLAKEX = new KernelCalibration(
            168, 0.0318, 0.36,
            45, 0.027, 0.017, 4.75,
            13, 0.071, 0.005, 1.06, false);

    @Test
    void lenetPairsGoWhereTheWorkIsCheapest() {
        // the issue's case: at batch 100 the dense GEMMs are ~3x faster than small's loops on 784x300 and 300x100
        for (double density : new double[]{1.0, 0.3}) {
            for (int[] pair : new int[][]{{300, 784}, {100, 300}}) {
                long nnz = Math.round(density * pair[0] * pair[1]);
                KernelType k = KernelSelector.choose(pair[0], pair[1], nnz, 100, DataType.FLOAT, ISSUE);
                assertTrue(k != KernelType.SMALL, pair[0] + "x" + pair[1] + " at " + density + " went to small");
                double chosen = KernelSelector.weighedUs(ISSUE, k, pair[0], pair[1], nnz, 100);
                for (KernelType other : new KernelType[]{KernelType.SMALL, KernelType.CSR, KernelType.DENSE}) {
                    assertTrue(chosen <= KernelSelector.weighedUs(ISSUE, other, pair[0], pair[1], nnz, 100) * KernelSelector.TIE,
                            k + " chosen but " + other + " is predicted faster at " + density);
                }
            }
        }
        // with the GEMMs twice as fast and dense's element-wise work in Java, 784x300 full goes dense, and so does the
        // network: LeNet at 100% trained at 633 steps/s all dense, 311 all csr (docs/performance.md)
        assertEquals(KernelType.DENSE, KernelSelector.choose(300, 784, 235_200, 100, DataType.FLOAT, QUIET_VM_SKYLAKEX));
        assertEquals(KernelType.CSR, KernelSelector.choose(300, 784, 4_704, 100, DataType.FLOAT, QUIET_VM_SKYLAKEX), "at 2%");
    }

    @Test
    void theSameLayerChangesKernelWithTheBatchAndTheDensity() {
        // one sample: dense's fixed cost per step (~20 native calls) dominates, the plain-Java loops win
        assertEquals(KernelType.SMALL, KernelSelector.choose(100, 300, 30_000, 1, DataType.FLOAT, ISSUE));
        assertEquals(KernelType.DENSE, KernelSelector.choose(100, 300, 30_000, 512, DataType.FLOAT, ISSUE), "a large batch: the GEMMs");
        // at 1% the connections are few: CSR, whatever the batch; full and large: the GEMMs
        assertEquals(KernelType.CSR, KernelSelector.choose(4096, 4096, 4096L * 41, 256, DataType.FLOAT, QUIET_VM));
        assertEquals(KernelType.DENSE, KernelSelector.choose(4096, 4096, 4096L * 4096, 256, DataType.FLOAT, QUIET_VM));
        assertEquals(KernelType.DENSE, KernelSelector.choose(4096, 4096, 4096L * 4096, 8, DataType.FLOAT, QUIET_VM));
        // 256x256 full at batch 512 with the SkylakeX GEMMs: dense 3.1 ms, csr 7.2 ms per step (`bench layer`)
        assertEquals(KernelType.DENSE, KernelSelector.choose(256, 256, 256L * 256, 512, DataType.FLOAT, QUIET_VM_SKYLAKEX));
        assertEquals(KernelType.CSR, KernelSelector.choose(256, 256, 256L * 256 / 20, 512, DataType.FLOAT, QUIET_VM_SKYLAKEX), "at 5%");
    }

    @Test
    void fixedRulesComeBeforeTheCalibration() {
        assertEquals(KernelType.CSR, KernelSelector.choose(100_000, 100_000, 1_000_000, 64, DataType.FLOAT, ISSUE), "too large for a dense matrix");
        assertEquals(KernelType.DENSE, KernelSelector.choose(32, 64, 2048, 32, DataType.DOUBLE, ISSUE), "plain-Java kernels are float32");
        assertEquals(KernelType.CSR, KernelSelector.choose(100_000, 100_000, 1_000_000, 64, DataType.DOUBLE, ISSUE), "no dense option at that size");
        KernelCalibration smallIsFree = new KernelCalibration(1000, 1, 1, 1000, 1, 1, 1, 0, 0, 0, 0);
        assertEquals(KernelType.SMALL, KernelSelector.choose(256, 256, 256L * 256, 32, DataType.FLOAT, smallIsFree));
        assertEquals(KernelType.DENSE, KernelSelector.choose(512, 256, 512L * 256, 32, DataType.FLOAT, smallIsFree),
                "above SMALL_MAX_WEIGHTS small's dense storage is not offered");
    }

    @Test
    void whereCsrBeatSmallOnItsOwnLayersSmallIsNotOffered() {
        KernelCalibration smallIsFree = new KernelCalibration(1000, 1, 1, 1000, 1, 1, 1, 0, 0, 0, 0, false);
        assertTrue(KernelSelector.choose(256, 256, 256L * 256, 32, DataType.FLOAT, smallIsFree) != KernelType.SMALL);
        KernelCalibration back = KernelCalibration.fromProperties(smallIsFree.toProperties());
        assertEquals(false, back.smallOffered(), "kept in the cache");
        Properties old = smallIsFree.toProperties();
        old.remove("small.offered");
        assertEquals(true, KernelCalibration.fromProperties(old).smallOffered(), "a cache from before offers small");
    }

    @Test
    void theMaskingPassesCountAgainstDenseOnlyWhereTheMaskIsPartial() {
        KernelCalibration cheapMask = new KernelCalibration(0, 0.01, 1, 0, 0, 0.1, 5, 0, 0, 0, 0, false, 0, 0, 0);
        KernelCalibration dearMask = new KernelCalibration(0, 0.01, 1, 0, 0, 0.1, 5, 0, 0, 0, 0, false, 5, 0, 0);
        long nnz30 = 1024L * Math.round(0.3 * 1024);
        // batch 1: dense ~1.06 ms, csr 5 ns x 315k = 1.57 ms; five more ns per masked weight: dense ~6.3 ms
        assertEquals(KernelType.DENSE, KernelSelector.choose(1024, 1024, nnz30, 1, DataType.FLOAT, cheapMask));
        assertEquals(KernelType.CSR, KernelSelector.choose(1024, 1024, nnz30, 1, DataType.FLOAT, dearMask));
        assertEquals(KernelType.DENSE, KernelSelector.choose(1024, 1024, 1024L * 1024, 1, DataType.FLOAT, dearMask), "a full mask masks nothing");
    }

    @Test
    void rowsFromFarCachesCountAgainstCsrAtLargeBatches() {
        KernelCalibration near = new KernelCalibration(0, 0.03, 0, 0, 0, 0.05, 0, 0, 0, 0, 0, false, 0, 0, 0);
        KernelCalibration far = new KernelCalibration(0, 0.03, 0, 0, 0, 0.05, 0, 0, 0, 0, 0, false, 0, 0, 0.05);
        long nnz30 = 1024L * Math.round(0.3 * 1024);
        // batch 512: dense 0.03 ns x 537M = 16 ms, csr 0.05 ns x 161M = 8 ms, plus 0.05 ns x 161M x 6 doublings = 56 ms
        assertEquals(KernelType.CSR, KernelSelector.choose(1024, 1024, nnz30, 512, DataType.FLOAT, near));
        assertEquals(KernelType.DENSE, KernelSelector.choose(1024, 1024, nnz30, 512, DataType.FLOAT, far));
        // batch 8 on 256 inputs: an 8 KiB matrix, within L1, pays nothing for it
        assertEquals(KernelSelector.choose(256, 256, 256L * 77, 8, DataType.FLOAT, near),
                KernelSelector.choose(256, 256, 256L * 77, 8, DataType.FLOAT, far));
    }

    @Test
    void nearATieThePlainJavaKernelsWin() {
        KernelCalibration equal = new KernelCalibration(0, 1, 0, 0, 1.0 / 3, 1, 0, 0, 1.0 / 3, 1, 0);
        assertEquals(KernelType.SMALL, KernelSelector.choose(64, 64, 4096, 8, DataType.FLOAT, equal));
    }

    @Test
    void aMaskEditSwitchesKernelOnlyForAClearGain() {
        int out = 4096;
        int in = 4096;
        long full = (long) out * in;
        KernelCalibration c = QUIET_VM;
        assertEquals(KernelType.CSR, KernelSelector.rechoose(KernelType.DENSE, out, in, full / 10, 256, DataType.FLOAT, c), "pruned to 10%");
        assertEquals(KernelType.DENSE, KernelSelector.rechoose(KernelType.DENSE, out, in, full * 9 / 10, 256, DataType.FLOAT, c), "pruned to 90%");
        assertEquals(KernelType.DENSE, KernelSelector.rechoose(KernelType.CSR, out, in, full, 256, DataType.FLOAT, c),
                "grown back to 100%: dense is predicted 2.2x faster");
        assertEquals(KernelType.DENSE, KernelSelector.rechoose(KernelType.SMALL, 100, 300, 30_000, 512, DataType.FLOAT, c), "small is predicted 2x slower");
        // just past the crossover the predicted gain is below SWITCH_GAIN: stay
        long crossover = 0;
        for (long n = full; n > 0; n -= full / 1000) {
            if (KernelSelector.choose(out, in, n, 256, DataType.FLOAT, c) == KernelType.CSR) {
                crossover = n;
                break;
            }
        }
        assertTrue(crossover > 0 && crossover < full);
        assertEquals(KernelType.DENSE, KernelSelector.rechoose(KernelType.DENSE, out, in, crossover, 256, DataType.FLOAT, c));
        assertEquals(KernelType.DENSE, KernelSelector.rechoose(KernelType.DENSE, out, in, full / 10, 256, DataType.DOUBLE, c), "DOUBLE stays dense");
    }

    @Test
    void aChainOfLayersIsChosenTogetherWithItsLayoutChanges() {
        int[][] shapes = {{300, 784}, {100, 300}, {10, 100}};
        long[] nnz = {70_560, 9_000, 300};
        List<KernelType> auto = Collections.nCopies(3, KernelType.AUTO);
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            double[] c = new double[11];
            for (int i = 0; i < c.length; i++) c[i] = rng.nextDouble() * (i % 4 == 0 ? 300 : 0.1);
            KernelCalibration cal = new KernelCalibration(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10]);
            int batch = 1 + rng.nextInt(256);
            List<KernelType> chosen = KernelSelector.chooseChain(shapes, nnz, auto, batch, DataType.FLOAT, cal);
            assertEquals(bruteForceChainUs(shapes, nnz, batch, cal), chainUs(chosen, shapes, nnz, batch, cal), 1e-6, "trial " + trial);
        }
        // a forced kernel is kept, and its neighbours weigh the layout change next to it
        // full rows: csr pays 3 axpy multiply-adds per weight and sample (forward, dx, dW), dense one, 2% dearer
        KernelCalibration tie = new KernelCalibration(0, 0.0104, 0, 0, 0.0034, 0, 0, 0, 1, 1, 1, false);
        List<KernelType> forced = List.of(KernelType.DENSE, KernelType.AUTO, KernelType.AUTO);
        assertEquals(KernelType.CSR, KernelSelector.choose(100, 300, 30_000, 100, DataType.FLOAT, tie), "alone: a tie goes to csr");
        assertEquals(List.of(KernelType.DENSE, KernelType.DENSE, KernelType.DENSE),
                KernelSelector.chooseChain(shapes, new long[]{235_200, 30_000, 1000}, forced, 100, DataType.FLOAT, tie));
    }

    /** Every combination of kernels (small only where it may run), the least predicted step with its layout changes. */
    private static double bruteForceChainUs(int[][] shapes, long[] nnz, int batch, KernelCalibration cal) {
        KernelType[] all = {KernelType.SMALL, KernelType.CSR, KernelType.DENSE};
        double best = Double.POSITIVE_INFINITY;
        for (int code = 0; code < 27; code++) {
            List<KernelType> ks = List.of(all[code % 3], all[code / 3 % 3], all[code / 9]);
            boolean ok = true;
            for (int l = 0; l < 3; l++) ok &= ks.get(l) != KernelType.SMALL || (long) shapes[l][0] * shapes[l][1] <= KernelSelector.SMALL_MAX_WEIGHTS;
            if (ok) best = Math.min(best, chainUs(ks, shapes, nnz, batch, cal));
        }
        return best;
    }

    /** Predicted steps plus 14 ns per value wherever ND4J arrays meet Java vectors, the loss reading Java vectors. */
    private static double chainUs(List<KernelType> ks, int[][] shapes, long[] nnz, int batch, KernelCalibration cal) {
        double us = 0;
        for (int l = 0; l < ks.size(); l++) {
            us += cal.predictUs(ks.get(l), shapes[l][0], shapes[l][1], nnz[l], batch);
            boolean dense = ks.get(l) == KernelType.DENSE;
            if (l > 0 && dense != (ks.get(l - 1) == KernelType.DENSE)) us += 14.0 * batch * shapes[l][1] / 1000;
            if (l == ks.size() - 1 && dense) us += 14.0 * batch * shapes[l][0] / 1000;
        }
        return us;
    }

    @Test
    void explicitJavaKernelsRefuseDoublePrecision() {
        Mask m = Mask.full(3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new MaskedLinear(m, Activation.RELU, DataType.DOUBLE, Optimizers.create("sgd", 0.1), new SplittableRandom(1), KernelType.CSR));
        assertEquals("the csr kernel computes in float32; use the dense kernel for DOUBLE", e.getMessage());
    }

    @Test
    void kernelNamesParse() {
        for (KernelType k : KernelType.values()) assertEquals(k, KernelType.parse(k.id()));
        assertThrows(IllegalArgumentException.class, () -> KernelType.parse("gpu"));
    }

    @Test
    void nativeThreadsLeaveTheLoadedCoresAlone() {
        assertEquals(2, NativeThreads.choose(2, 0.3, null, null), "idle 2-core machine: both");
        assertEquals(1, NativeThreads.choose(2, 1.2, null, null), "one core busy elsewhere");
        assertEquals(1, NativeThreads.choose(2, 7.8, null, null), "loaded: one, never zero");
        assertEquals(12, NativeThreads.choose(16, 4.5, null, null));
        assertEquals(16, NativeThreads.choose(16, Double.NaN, null, null), "no load average: all cores");
        assertEquals(2, NativeThreads.choose(16, 4.5, "2", null), "the setting wins");
        assertEquals(3, NativeThreads.choose(16, 4.5, null, "3"), "so does OMP_NUM_THREADS");
        assertEquals(12, NativeThreads.choose(16, 4.5, "zero", null), "an unreadable setting is ignored");
    }
}
