package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

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
        // dense is predicted faster alone, but not with its cost to the network: there csr trained LeNet 1.4-1.7x faster
        assertTrue(QUIET_VM.predictUs(KernelType.DENSE, 300, 784, 235_200, 100) < QUIET_VM.predictUs(KernelType.CSR, 300, 784, 235_200, 100));
        assertEquals(KernelType.CSR, KernelSelector.choose(300, 784, 235_200, 100, DataType.FLOAT, QUIET_VM));
    }

    @Test
    void theSameLayerChangesKernelWithTheBatchAndTheDensity() {
        // one sample: dense's fixed cost per step (~20 native calls) dominates, the plain-Java loops win
        assertEquals(KernelType.SMALL, KernelSelector.choose(100, 300, 30_000, 1, DataType.FLOAT, ISSUE));
        assertEquals(KernelType.CSR, KernelSelector.choose(100, 300, 30_000, 512, DataType.FLOAT, ISSUE));
        // at 1% the connections are few: CSR, whatever the batch; full and large: the GEMMs
        assertEquals(KernelType.CSR, KernelSelector.choose(4096, 4096, 4096L * 41, 256, DataType.FLOAT, QUIET_VM));
        assertEquals(KernelType.DENSE, KernelSelector.choose(4096, 4096, 4096L * 4096, 256, DataType.FLOAT, QUIET_VM));
        assertEquals(KernelType.DENSE, KernelSelector.choose(4096, 4096, 4096L * 4096, 8, DataType.FLOAT, QUIET_VM),
                "large enough that the network's cost is small");
        assertEquals(KernelType.CSR, KernelSelector.choose(256, 256, 256L * 256, 512, DataType.FLOAT, QUIET_VM), "not so the 256x256 layer");
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
        assertEquals(KernelType.CSR, KernelSelector.rechoose(KernelType.SMALL, 100, 300, 30_000, 512, DataType.FLOAT, c), "small at 2.2x");
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
