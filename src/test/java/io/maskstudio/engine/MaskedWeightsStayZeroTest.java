package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The promise PyTorch users miss: absent connections are exactly +0.0 after any number of steps,
 * for every optimizer, with weight decay, and after mask edits on every layer in mid-training with
 * either policy for added connections. "Absent" is judged by the test's own copy of the masks it
 * set, never by the network's idea of its mask.
 */
class MaskedWeightsStayZeroTest {
    static final int STEPS = 40;

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (KernelType k : List.of(KernelType.DENSE, KernelType.SMALL, KernelType.CSR)) {
            for (String opt : List.of("sgd", "momentum", "adam", "adamw", "rmsprop")) {
                // both policies and both decays for every optimizer, without the full product (the dense kernel is slow here)
                a.add(Arguments.of(k, opt, 0.0, AddedConnectionInit.ZERO));
                a.add(Arguments.of(k, opt, 0.01, AddedConnectionInit.RANDOM));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} kernel, {1}, weight decay {2}, added connections {3}")
    @MethodSource("cases")
    void absentWeightsAreExactlyZeroThroughTrainingAndMaskEditsOnEveryLayer(KernelType kernel, String optimizer, double wd, AddedConnectionInit policy) {
        NetworkDesign d = EngineFixtures.design(12, 10, 3, Activation.RELU, 0.3, 21, optimizer, wd);
        boolean[][][] expected = new boolean[d.pairCount()][][];
        for (int k = 0; k < expected.length; k++) expected[k] = presence(d.mask(k));
        MaskedNetwork net = new MaskedNetwork(d, DataType.FLOAT, optimizer, 0.01, wd, 21, kernel);
        net.setAddedConnectionInit(policy);
        assertEquals(kernel, net.layer(0).kernelType());
        INDArray x = EngineFixtures.randomInput(16, 12, DataType.FLOAT, 1);
        int[] y = EngineFixtures.randomLabels(16, 3, 2);
        assertAbsentExactlyZero(net, expected, "after construction");
        for (int s = 0; s < STEPS; s++) net.trainBatch(x, y, 0);
        assertAbsentExactlyZero(net, expected, "after " + STEPS + " steps");

        // mid-training edit of every layer: about a third of the entries flip, so some go and some come
        Random r = new Random(5);
        boolean[][][] added = new boolean[expected.length][][];
        for (int k = 0; k < expected.length; k++) {
            added[k] = new boolean[expected[k].length][expected[k][0].length];
            int removed = 0, addedCount = 0;
            for (int o = 0; o < expected[k].length; o++) {
                for (int i = 0; i < expected[k][o].length; i++) {
                    if (r.nextInt(3) != 0) continue;
                    if (expected[k][o][i]) removed++; else { addedCount++; added[k][o][i] = true; }
                    expected[k][o][i] = !expected[k][o][i];
                }
            }
            assertTrue(removed > 0 && addedCount > 0, "layer " + k + " loses and gains connections");
            net.setMask(k, toMask(expected[k]));
        }
        assertAbsentExactlyZero(net, expected, "right after the edits");
        for (int k = 0; k < expected.length; k++) {
            float[] w = net.layer(k).weights();
            int cols = expected[k][0].length;
            for (int o = 0; o < expected[k].length; o++) {
                for (int i = 0; i < cols; i++) {
                    if (!added[k][o][i]) continue;
                    if (policy == AddedConnectionInit.ZERO) {
                        assertEquals(0, Float.floatToRawIntBits(w[o * cols + i]), "added [" + o + "," + i + "] of layer " + k + " starts at +0.0");
                    } else {
                        assertNotEquals(0f, w[o * cols + i], "added [" + o + "," + i + "] of layer " + k + " gets a random weight");
                    }
                }
            }
        }
        float[][] afterEdit = new float[expected.length][];
        for (int k = 0; k < expected.length; k++) afterEdit[k] = net.layer(k).weights();
        for (int s = 0; s < STEPS; s++) net.trainBatch(x, y, 1);
        assertAbsentExactlyZero(net, expected, "after " + STEPS + " more steps");
        int trained = 0;
        for (int k = 0; k < expected.length; k++) {
            float[] w = net.layer(k).weights();
            for (int j = 0; j < w.length; j++) if (w[j] != afterEdit[k][j]) trained++;
        }
        assertTrue(trained > 0, "present weights did train");
    }

    static boolean[][] presence(Mask m) {
        boolean[][] p = new boolean[m.rows()][m.cols()];
        for (int o = 0; o < m.rows(); o++) for (int i = 0; i < m.cols(); i++) p[o][i] = m.get(o, i);
        return p;
    }

    static Mask toMask(boolean[][] p) {
        return KernelNaiveReferenceTest.toMask(p);
    }

    /** Every connection absent in {@code expected} has weight +0.0; the network reports that mask. */
    static void assertAbsentExactlyZero(MaskedNetwork net, boolean[][][] expected, String when) {
        for (int k = 0; k < net.layerCount(); k++) {
            MaskedLinear l = net.layer(k);
            assertEquals(toMask(expected[k]), l.mask(), "layer " + k + " has the mask the test set, " + when);
            float[] w = l.weights();
            int absent = 0;
            for (int o = 0; o < expected[k].length; o++) {
                for (int i = 0; i < expected[k][o].length; i++) {
                    if (!expected[k][o][i]) {
                        absent++;
                        assertEquals(0, Float.floatToRawIntBits(w[o * l.inFeatures() + i]),
                                "weight [" + o + "," + i + "] of layer " + k + " is exactly +0.0 " + when);
                        assertEquals(0.0, l.weight(o, i), "weight(" + o + "," + i + ") of layer " + k + " " + when);
                    }
                }
            }
            assertTrue(absent > 0, "layer " + k + " has absent connections to check");
        }
    }

    /** For callers that trust the network's mask (pruning, where the network chose it). */
    static void assertAbsentExactlyZero(MaskedNetwork net) {
        boolean[][][] masks = new boolean[net.layerCount()][][];
        for (int k = 0; k < masks.length; k++) masks[k] = presence(net.layer(k).mask());
        assertAbsentExactlyZero(net, masks, "");
    }
}
