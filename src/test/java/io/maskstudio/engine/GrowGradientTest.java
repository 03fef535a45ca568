package io.maskstudio.engine;

import io.maskstudio.engine.sparse.RowBlockScores;
import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "grow" heatmap's raw gradient on an absent connection is dL/dw of that connection were it
 * present with weight 0: checked against central finite differences of the naive reference's loss
 * with that one connection switched on at 0. On present connections it is the ordinary gradient.
 */
class GrowGradientTest {
    private static final double H = 1e-6;

    static Stream<Arguments> cases() {
        return Stream.of(KernelType.SMALL, KernelType.CSR, KernelType.DENSE)
                .flatMap(k -> Stream.of(Activation.RELU, Activation.TANH, Activation.SIGMOID).map(a -> Arguments.of(k, a)));
    }

    @ParameterizedTest(name = "{0} kernel, {1}")
    @MethodSource("cases")
    void rawGradientOnAbsentConnectionsIsTheFiniteDifferenceOfAddingThem(KernelType kernel, Activation hidden) {
        Random r = new Random(29);
        int[] sizes = {6, 5, 4, 3};
        boolean[][][] present = new boolean[3][][];
        for (int k = 0; k < 3; k++) {
            present[k] = KernelNaiveReferenceTest.randomPresence(sizes[k + 1], sizes[k], 0.5, r);
            // every neuron gets an input: a relu neuron without any sits at z = 0 exactly, relu's kink,
            // where a central difference averages the two one-sided slopes and no gradient can match it
            for (boolean[] row : present[k]) row[r.nextInt(row.length)] = true;
        }
        NetworkDesign design = new NetworkDesign(List.of(LayerSpec.vector("in", 6, Activation.IDENTITY), LayerSpec.vector("h1", 5, hidden),
                LayerSpec.vector("h2", 4, hidden), LayerSpec.vector("out", 3, Activation.SOFTMAX)),
                List.of(KernelNaiveReferenceTest.toMask(present[0]), KernelNaiveReferenceTest.toMask(present[1]), KernelNaiveReferenceTest.toMask(present[2])),
                TrainingSettings.defaults("x"));
        MaskedNetwork net = new MaskedNetwork(design, DataType.FLOAT, "sgd", 0.1, 0, 8, kernel);
        INDArray x = KernelNaiveReferenceTest.random(7, 6, DataType.FLOAT, r);
        int[] y = EngineFixtures.randomLabels(7, 3, 3);
        for (int s = 0; s < 3; s++) net.trainBatch(x, y, 0); // biases away from 0
        net.computeGradients(x, y);

        NaiveNetwork ref = NaiveNetwork.of(net, present);
        double[][] xs = x.toDoubleMatrix();
        int absent = 0;
        for (int k = 0; k < 3; k++) {
            MaskedLinear l = net.layer(k);
            float[] raw = l.rawWeightGradient();
            assertNotNull(raw);
            for (int o = 0; o < l.outFeatures(); o++) {
                for (int i = 0; i < l.inFeatures(); i++) {
                    boolean was = present[k][o][i];
                    present[k][o][i] = true; // as if present, at the weight it has: 0 when absent
                    double numeric = centralDifference(ref, xs, y, k, o, i);
                    present[k][o][i] = was;
                    String what = kernel + " " + hidden + " layer " + k + " [" + o + "," + i + "] " + (was ? "present" : "absent");
                    assertEquals(numeric, raw[o * l.inFeatures() + i], 1e-5 * Math.max(1, Math.abs(numeric)), what);
                    if (!was) {
                        assertEquals(0.0, ref.w[k][o][i], what + " has weight 0");
                        if (Math.abs(numeric) > 1e-4) absent++;
                    }
                }
            }
        }
        assertTrue(absent >= 10, "absent connections with a clearly non-zero gradient to check: " + absent);
    }

    private static double centralDifference(NaiveNetwork net, double[][] x, int[] y, int k, int o, int i) {
        double orig = net.w[k][o][i];
        net.w[k][o][i] = orig + H;
        double plus = net.loss(x, y);
        net.w[k][o][i] = orig - H;
        double minus = net.loss(x, y);
        net.w[k][o][i] = orig;
        return (plus - minus) / (2 * H);
    }

    /**
     * RigL's grow scores come in row blocks: for every kernel they are the raw gradient the finite-difference test
     * above checks, and the present weights come in row-major order.
     */
    @ParameterizedTest(name = "{0} kernel")
    @MethodSource("kernels")
    void blockGradientScoresAndPresentWeightsMatchTheDenseOnes(KernelType kernel) {
        Random r = new Random(31);
        boolean[][] present = KernelNaiveReferenceTest.randomPresence(9, 7, 0.4, r);
        NetworkDesign design = new NetworkDesign(List.of(LayerSpec.vector("in", 7, Activation.IDENTITY), LayerSpec.vector("out", 9, Activation.SOFTMAX)),
                List.of(KernelNaiveReferenceTest.toMask(present)), TrainingSettings.defaults("x"));
        MaskedNetwork net = new MaskedNetwork(design, DataType.FLOAT, "adam", 0.01, 0, 8, kernel);
        INDArray x = KernelNaiveReferenceTest.random(5, 7, DataType.FLOAT, r);
        int[] y = EngineFixtures.randomLabels(5, 9, 4);
        MaskedLinear l = net.layer(0);
        assertEquals(null, l.gradientScores(), "no scores before a backward");
        net.trainBatch(x, y, 0);
        float[] raw = l.rawWeightGradient();
        RowBlockScores scores = l.gradientScores();
        float[] blocks = new float[9 * 7];
        scores.fill(0, 4, blocks);
        float[] rest = new float[5 * 7];
        scores.fill(4, 9, rest);
        System.arraycopy(rest, 0, blocks, 4 * 7, rest.length);
        for (int c = 0; c < raw.length; c++) assertEquals(raw[c], blocks[c], 1e-5 * (1 + Math.abs(raw[c])), "cell " + c);

        float[] w = l.weights();
        float[] expected = new float[(int) l.connections()];
        int k = 0;
        for (int o = 0; o < 9; o++) for (int i = 0; i < 7; i++) if (present[o][i]) expected[k++] = w[o * 7 + i];
        Assertions.assertArrayEquals(expected, l.presentWeights());
    }

    static Stream<KernelType> kernels() {
        return Stream.of(KernelType.SMALL, KernelType.CSR, KernelType.DENSE);
    }
}
