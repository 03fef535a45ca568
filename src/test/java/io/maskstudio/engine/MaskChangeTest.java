package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Removing a connection clears its optimizer state; re-adding it starts fresh (docs/architecture.md). */
class MaskChangeTest {

    @Test
    void removedThenReAddedConnectionHasFreshAdamState() {
        MaskedNetwork net = new MaskedNetwork(EngineFixtures.design(6, 5, 3, Activation.TANH, 1.0, 4, "adam", 0), DataType.DOUBLE);
        INDArray x = EngineFixtures.randomInput(8, 6, DataType.DOUBLE, 1);
        int[] y = EngineFixtures.randomLabels(8, 3, 2);
        for (int s = 0; s < 10; s++) net.trainBatch(x, y, 0);
        MaskedLinear l = net.layer(0);
        long n = (long) l.outFeatures() * l.inFeatures();
        int flat = 2 * l.inFeatures() + 3; // connection [2,3]
        assertNotEquals(0.0, l.weightState().getDouble(0, flat), "Adam m has history");
        assertNotEquals(0.0, l.weightState().getDouble(0, n + flat), "Adam v has history");

        Mask m = Mask.full(5, 6); // the test's own copy of the mask it set (density 1.0)
        m.set(2, 3, false);
        net.setMask(0, m);
        assertEquals(m, l.mask());
        assertEquals(0.0, l.weightArray().getDouble(2, 3));
        assertEquals(0.0, l.weightState().getDouble(0, flat), "m cleared on removal");
        assertEquals(0.0, l.weightState().getDouble(0, n + flat), "v cleared on removal");

        m.set(2, 3, true);
        net.setMask(0, m);
        assertEquals(0.0, l.weightArray().getDouble(2, 3), "added connection starts at 0 (ZERO policy)");
        net.trainBatch(x, y, 1);
        // With fresh state (m = v = 0) Adam's step is lr * (1-b1)/(1-b1^t) / sqrt((1-b2)/(1-b2^t)),
        // t being the network's global step (11th here): any left-over m or v would change it.
        int t = 11;
        double expected = 0.01 * (0.1 / (1 - Math.pow(0.9, t))) / Math.sqrt(0.001 / (1 - Math.pow(0.999, t)));
        assertEquals(expected, Math.abs(l.weightArray().getDouble(2, 3)), 1e-6);
    }

    /** The same promise on every kernel, through the ND4J-layout copies of the plain-Java kernels' state. */
    @ParameterizedTest
    @EnumSource(value = KernelType.class, names = {"DENSE", "SMALL", "CSR"})
    void everyKernelClearsStateOnRemovalAndStartsFreshOnReAdd(KernelType kernel) {
        var d = EngineFixtures.design(6, 5, 3, Activation.TANH, 1.0, 4, "adam", 0);
        MaskedNetwork net = new MaskedNetwork(d, DataType.FLOAT, "adam", 0.01, 0, 4, kernel);
        INDArray x = EngineFixtures.randomInput(8, 6, DataType.FLOAT, 1);
        int[] y = EngineFixtures.randomLabels(8, 3, 2);
        for (int s = 0; s < 10; s++) net.trainBatch(x, y, 0);
        MaskedLinear l = net.layer(0);
        long n = (long) l.outFeatures() * l.inFeatures();
        int flat = 2 * l.inFeatures() + 3;
        assertNotEquals(0.0, l.weightState().getDouble(0, flat));
        assertNotEquals(0.0, l.weightState().getDouble(0, n + flat));
        Mask m = Mask.full(5, 6); // the test's own copy of the mask it set (density 1.0)
        m.set(2, 3, false);
        net.setMask(0, m);
        assertEquals(m, l.mask());
        assertEquals(0, Float.floatToRawIntBits(l.weights()[flat]));
        assertEquals(0.0, l.weightState().getDouble(0, flat), "m cleared on removal");
        assertEquals(0.0, l.weightState().getDouble(0, n + flat), "v cleared on removal");
        m.set(2, 3, true);
        net.setMask(0, m);
        assertEquals(0.0, l.weights()[flat], "added connection starts at 0 (ZERO policy)");
        net.trainBatch(x, y, 1);
        int t = 11;
        double expected = 0.01 * (0.1 / (1 - Math.pow(0.9, t))) / Math.sqrt(0.001 / (1 - Math.pow(0.999, t)));
        assertEquals(expected, Math.abs(l.weights()[flat]), 1e-6);
    }

    @Test
    void randomPolicyGivesAddedConnectionsFanInScaledWeights() {
        MaskedNetwork net = new MaskedNetwork(EngineFixtures.design(6, 5, 3, Activation.RELU, 0.2, 4, "sgd", 0), DataType.FLOAT);
        net.setAddedConnectionInit(AddedConnectionInit.RANDOM);
        Mask m = Mask.full(5, 6);
        net.setMask(0, m);
        float[] w = net.layer(0).weights();
        int nonZero = 0;
        for (float v : w) if (v != 0f) nonZero++;
        assertEquals(30, nonZero, "every connection, old or new, has a weight");
    }

    @Test
    void initializationUsesEffectiveFanIn() {
        // 1 of 400 inputs per neuron: He init for fan-in 1 has std sqrt(2), not sqrt(2/400)
        Mask sparse = new Mask(2000, 400);
        for (int o = 0; o < 2000; o++) sparse.set(o, o % 400, true);
        var design = new NetworkDesign(
                List.of(LayerSpec.vector("in", 400, Activation.IDENTITY),
                        LayerSpec.vector("h", 2000, Activation.RELU),
                        LayerSpec.vector("out", 2, Activation.SOFTMAX)),
                List.of(sparse, Mask.full(2, 2000)),
                TrainingSettings.defaults("x"));
        float[] w = new MaskedNetwork(design, DataType.FLOAT).layer(0).weights();
        double sq = 0;
        for (float v : w) sq += v * v;
        double std = Math.sqrt(sq / 2000);
        assertEquals(Math.sqrt(2), std, 0.1);
    }
}
