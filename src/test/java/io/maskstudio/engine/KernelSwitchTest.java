package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An AUTO layer whose mask edit makes another kernel much faster moves to it, and trains on exactly as a layer
 * that stayed on the dense kernel does (weights, biases, Adam's state), absent weights +0.0 throughout.
 */
class KernelSwitchTest {
    /** Dense is 10x cheaper per multiply-add than CSR but pays for every weight; small is out of the race. */
    private static final KernelCalibration DENSE_UNTIL_SPARSE = new KernelCalibration(0, 1e4, 0, 0, 2e4, 2e4, 0, 1e9, 1, 1, 1);
    private KernelCalibration before;

    @BeforeEach
    void install() {
        before = KernelCalibration.install(DENSE_UNTIL_SPARSE);
    }

    @AfterEach
    void restore() {
        KernelCalibration.install(before);
    }

    @Test
    void pruningToFivePercentMovesTheLayerToCsrAndTrainingContinuesUnchanged() {
        int out = 40;
        int in = 30;
        Mask full = Mask.full(out, in);
        MaskedLinear auto = layer(full, KernelType.AUTO);
        MaskedLinear dense = layer(full, KernelType.DENSE);
        assertEquals(KernelType.DENSE, auto.kernelType());
        INDArray x = EngineFixtures.randomInput(16, in, DataType.FLOAT, 3);
        INDArray g = EngineFixtures.randomInput(16, out, DataType.FLOAT, 4);
        int it = 0;
        for (; it < 5; it++) train(x, g, it, auto, dense);
        Mask ninety = Mask.full(out, in);
        for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) if ((o + i) % 10 == 0) ninety.set(o, i, false);
        auto.setMask(ninety, AddedConnectionInit.RANDOM, new SplittableRandom(8));
        dense.setMask(ninety, AddedConnectionInit.RANDOM, new SplittableRandom(8));
        assertEquals(KernelType.DENSE, auto.kernelType(), "90%: dense stays");
        for (; it < 8; it++) train(x, g, it, auto, dense);
        MaskedLinear.LayerState saved = auto.saveState();

        Mask sparse = sparseWithNewConnections(out, in);
        auto.setMask(sparse, AddedConnectionInit.RANDOM, new SplittableRandom(9));
        dense.setMask(sparse, AddedConnectionInit.RANDOM, new SplittableRandom(9));
        assertEquals(KernelType.CSR, auto.kernelType(), "5% of the connections: CSR is predicted 2x faster");
        assertSame(dense, auto, "right after the switch");
        for (; it < 15; it++) train(x, g, it, auto, dense);
        assertSame(dense, auto, "after 7 Adam steps on the new kernel");

        auto.restoreState(saved);
        assertEquals(KernelType.DENSE, auto.kernelType(), "a state saved before the switch restores on the kernel that saved it");
        MaskedLinear reference = layer(full, KernelType.DENSE);
        for (int s = 0; s < 5; s++) train(x, g, s, reference);
        reference.setMask(ninety, AddedConnectionInit.RANDOM, new SplittableRandom(8));
        for (int s = 5; s < 8; s++) train(x, g, s, reference);
        assertSame(reference, auto, "restored");
    }

    @Test
    void aSmallEditKeepsTheKernel() {
        MaskedLinear auto = layer(Mask.full(40, 30), KernelType.AUTO);
        Mask m = Mask.full(40, 30);
        for (int o = 0; o < 40; o++) m.set(o, o % 30, false);
        auto.setMask(m, AddedConnectionInit.ZERO, new SplittableRandom(1));
        assertEquals(KernelType.DENSE, auto.kernelType());
    }

    /** About 8% of the connections, some of which the 90% mask had removed (they come back with fresh state). */
    private static Mask sparseWithNewConnections(int out, int in) {
        Mask m = EngineFixtures.randomMask(out, in, 0.05, new Random(5));
        for (int o = 0; o < 10; o++) m.set(o, 10 - o, true);
        return m;
    }

    private static MaskedLinear layer(Mask m, KernelType k) {
        return new MaskedLinear(m, Activation.RELU, DataType.FLOAT, Optimizers.create("adam", 0.01), new SplittableRandom(2), k, 16);
    }

    private static void train(INDArray x, INDArray g, int iteration, MaskedLinear... layers) {
        for (MaskedLinear l : layers) {
            l.forward(x);
            l.backward(g, true);
            l.step(0.01, WeightDecay.NONE, iteration, 0);
        }
    }

    private static void assertSame(MaskedLinear expected, MaskedLinear actual, String when) {
        KernelEquivalenceTest.assertClose(KernelEquivalenceTest.toDoubles(expected.weights()), KernelEquivalenceTest.toDoubles(actual.weights()),
                "weights " + when);
        KernelEquivalenceTest.assertClose(KernelEquivalenceTest.toDoubles(expected.biases()), KernelEquivalenceTest.toDoubles(actual.biases()),
                "biases " + when);
        float[] w = actual.weights();
        Mask m = actual.mask();
        for (int o = 0; o < m.rows(); o++) {
            for (int i = 0; i < m.cols(); i++) {
                if (!m.get(o, i)) assertEquals(0, Float.floatToRawIntBits(w[o * m.cols() + i]), "absent weight is +0.0 " + when);
            }
        }
    }
}
