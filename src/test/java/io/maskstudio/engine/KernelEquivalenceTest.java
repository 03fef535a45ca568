package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every kernel computes the same thing: the plain-Java kernels (float32) against the dense ND4J
 * kernel, whose gradients {@link GradientCheckTest} checks against finite differences.
 */
class KernelEquivalenceTest {
    static final double TOL = 1e-5;

    static Stream<Arguments> optimizerCases() {
        List<Arguments> a = new ArrayList<>();
        for (KernelType k : List.of(KernelType.SMALL, KernelType.CSR)) {
            for (String opt : List.of("sgd", "momentum", "adam", "adamw", "rmsprop")) {
                for (double wd : new double[]{0, 0.01}) {
                    for (Activation act : List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID)) a.add(Arguments.of(k, opt, wd, act));
                }
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1} wd={2} {3}")
    @MethodSource("optimizerCases")
    void trainsLikeTheDenseKernelThroughAMaskEdit(KernelType kernel, String optimizer, double wd, Activation act) {
        NetworkDesign d = EngineFixtures.design(12, 10, 3, act, 0.4, 21, optimizer, wd);
        MaskedNetwork dense = new MaskedNetwork(d, DataType.FLOAT, optimizer, 0.01, wd, 5, KernelType.DENSE);
        MaskedNetwork other = new MaskedNetwork(d, DataType.FLOAT, optimizer, 0.01, wd, 5, kernel);
        other.setAddedConnectionInit(AddedConnectionInit.RANDOM);
        dense.setAddedConnectionInit(AddedConnectionInit.RANDOM);
        assertEquals(kernel, other.layer(0).kernelType());
        INDArray x = EngineFixtures.randomInput(16, 12, DataType.FLOAT, 1);
        int[] y = EngineFixtures.randomLabels(16, 3, 2);
        assertSameParameters(dense, other, "after construction");
        for (int s = 0; s < 15; s++) {
            MaskedNetwork.BatchResult a = dense.trainBatch(x, y, 0);
            MaskedNetwork.BatchResult b = other.trainBatch(x, y, 0);
            assertEquals(a.loss(), b.loss(), TOL * Math.max(1, Math.abs(a.loss())), "loss at step " + s);
            assertEquals(a.correct(), b.correct(), "correct at step " + s);
        }
        assertSameParameters(dense, other, "after 15 steps");
        Mask edited = toggled(dense.layer(1).mask(), 9);
        dense.setMask(1, edited);
        other.setMask(1, edited);
        assertSameParameters(dense, other, "after the mask edit");
        for (int s = 0; s < 15; s++) {
            dense.trainBatch(x, y, 1);
            other.trainBatch(x, y, 1);
        }
        assertSameParameters(dense, other, "after 15 more steps");
        assertSameRawGradient(dense, other);
    }

    @ParameterizedTest
    @EnumSource(value = KernelType.class, names = {"SMALL", "CSR"})
    void gradientsEqualTheFiniteDifferenceCheckedDoubleKernel(KernelType kernel) {
        for (Activation act : List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.IDENTITY)) {
            NetworkDesign d = EngineFixtures.design(7, 6, 4, act, 0.5, 11, "sgd", 0);
            MaskedNetwork reference = new MaskedNetwork(d, DataType.DOUBLE, "sgd", 0.01, 0, 3, KernelType.DENSE);
            MaskedNetwork net = new MaskedNetwork(d, DataType.FLOAT, "sgd", 0.01, 0, 3, kernel);
            reference.computeGradients(EngineFixtures.randomInput(5, 7, DataType.DOUBLE, 3), EngineFixtures.randomLabels(5, 4, 4));
            net.computeGradients(EngineFixtures.randomInput(5, 7, DataType.FLOAT, 3), EngineFixtures.randomLabels(5, 4, 4));
            for (int k = 0; k < net.layerCount(); k++) {
                assertClose(reference.layer(k).weightGradient().reshape(-1).toDoubleVector(), net.layer(k).weightGradient().reshape(-1).toDoubleVector(),
                        act + " dW layer " + k);
                assertClose(reference.layer(k).biasGradient().reshape(-1).toDoubleVector(), net.layer(k).biasGradient().reshape(-1).toDoubleVector(),
                        act + " db layer " + k);
            }
        }
    }

    @Test
    void aLargerSparseLayerAgreesOnAllThreeProducts() {
        // 300 -> 200 at 3%: forward, dW and dx of one layer against the dense kernel. Momentum, not Adam,
        // for the steps: Adam's m/sqrt(v) turns the rounding noise of a near-zero gradient (summation
        // order differs between kernels) into a step of up to lr, so it can't be compared tightly here.
        Random r = new Random(7);
        Mask m = EngineFixtures.randomMask(200, 300, 0.03, r);
        MaskedLinear dense = new MaskedLinear(m, Activation.TANH, DataType.FLOAT, Optimizers.create("momentum", 0.01), new SplittableRandom(1),
                KernelType.DENSE);
        MaskedLinear csr = new MaskedLinear(m, Activation.TANH, DataType.FLOAT, Optimizers.create("momentum", 0.01), new SplittableRandom(1), KernelType.CSR);
        MaskedLinear small = new MaskedLinear(m, Activation.TANH, DataType.FLOAT, Optimizers.create("momentum", 0.01), new SplittableRandom(1),
                KernelType.SMALL);
        INDArray x = EngineFixtures.randomInput(33, 300, DataType.FLOAT, 2);
        INDArray g = EngineFixtures.randomInput(33, 200, DataType.FLOAT, 3);
        double[] y = dense.forward(x).reshape(-1).toDoubleVector();
        double[] dx = dense.backward(g, true).reshape(-1).toDoubleVector();
        for (MaskedLinear l : List.of(csr, small)) {
            assertClose(y, l.forward(x).reshape(-1).toDoubleVector(), l.kernelType() + " forward");
            assertClose(dx, l.backward(g, true).reshape(-1).toDoubleVector(), l.kernelType() + " dx");
            assertClose(dense.weightGradient().reshape(-1).toDoubleVector(), l.weightGradient().reshape(-1).toDoubleVector(), l.kernelType() + " dW");
            assertClose(toDoubles(dense.rawWeightGradient()), toDoubles(l.rawWeightGradient()), l.kernelType() + " raw dW");
        }
        for (int s = 0; s < 3; s++) {
            for (MaskedLinear l : List.of(dense, csr, small)) {
                l.step(0.01, WeightDecay.NONE, s, 0);
                l.forward(x);
                l.backward(g, true);
            }
        }
        assertClose(toDoubles(dense.weights()), toDoubles(csr.weights()), "CSR weights after 3 steps");
        assertClose(toDoubles(dense.weights()), toDoubles(small.weights()), "SMALL weights after 3 steps");
    }

    @Test
    void threadCountDoesNotChangeABit() {
        // big enough for Parallel to split it: 2000 -> 1500 at 2%, batch 64
        Mask m = EngineFixtures.randomMask(1500, 2000, 0.02, new Random(3));
        INDArray x = EngineFixtures.randomInput(64, 2000, DataType.FLOAT, 4);
        INDArray g = EngineFixtures.randomInput(64, 1500, DataType.FLOAT, 5);
        float[][] results = new float[2][];
        float[][] inputGrads = new float[2][];
        String before = System.getProperty("maskstudio.threads");
        try {
            for (int t = 1; t <= 2; t++) {
                System.setProperty("maskstudio.threads", Integer.toString(t));
                MaskedLinear l = new MaskedLinear(m, Activation.RELU, DataType.FLOAT, Optimizers.create("adam", 0.01), new SplittableRandom(1), KernelType.CSR);
                for (int s = 0; s < 3; s++) {
                    l.forward(x);
                    inputGrads[t - 1] = l.backward(g, true).reshape(-1).toFloatVector();
                    l.step(0.01, WeightDecay.NONE, s, 0);
                }
                results[t - 1] = l.weights();
            }
        } finally {
            if (before == null) System.clearProperty("maskstudio.threads"); else System.setProperty("maskstudio.threads", before);
        }
        Assertions.assertArrayEquals(results[0], results[1]);
        Assertions.assertArrayEquals(inputGrads[0], inputGrads[1]);
    }

    private static Mask toggled(Mask m, long seed) {
        Random r = new Random(seed);
        Mask e = m.copy();
        for (int o = 0; o < e.rows(); o++) for (int i = 0; i < e.cols(); i++) if (r.nextInt(4) == 0) e.set(o, i, !e.get(o, i));
        for (int o = 0; o < e.rows(); o++) if (e.fanIn(o) == 0) e.set(o, 0, true);
        return e;
    }

    static void assertSameParameters(MaskedNetwork a, MaskedNetwork b, String when) {
        for (int k = 0; k < a.layerCount(); k++) {
            assertClose(toDoubles(a.layer(k).weights()), toDoubles(b.layer(k).weights()), "weights of layer " + k + " " + when);
            assertClose(toDoubles(a.layer(k).biases()), toDoubles(b.layer(k).biases()), "biases of layer " + k + " " + when);
            float[] w = b.layer(k).weights();
            Mask m = b.layer(k).mask();
            for (int o = 0; o < m.rows(); o++) {
                for (int i = 0; i < m.cols(); i++) {
                    if (!m.get(o, i)) assertEquals(0, Float.floatToRawIntBits(w[o * m.cols() + i]), "absent weight is +0.0 " + when);
                }
            }
        }
    }

    private static void assertSameRawGradient(MaskedNetwork a, MaskedNetwork b) {
        for (int k = 0; k < a.layerCount(); k++) {
            assertNotNull(b.layer(k).rawWeightGradient());
            assertClose(toDoubles(a.layer(k).rawWeightGradient()), toDoubles(b.layer(k).rawWeightGradient()), "raw gradient of layer " + k);
        }
    }

    static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int k = 0; k < f.length; k++) d[k] = f[k];
        return d;
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], TOL * Math.max(1, Math.abs(expected[k])), what + " [" + k + "]");
        }
    }
}
