package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Back-propagated gradients equal central finite differences of the loss (double precision). */
class GradientCheckTest {
    private static final double EPS = 1e-6;

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "TANH", "SIGMOID", "IDENTITY"})
    void weightAndBiasGradientsMatchFiniteDifferences(Activation hidden) {
        MaskedNetwork net = new MaskedNetwork(EngineFixtures.design(7, 6, 4, hidden, 0.5, 11, "sgd", 0), DataType.DOUBLE);
        INDArray x = EngineFixtures.randomInput(5, 7, DataType.DOUBLE, 3);
        int[] y = EngineFixtures.randomLabels(5, 4, 4);
        net.computeGradients(x, y);

        int checked = 0;
        for (int k = 0; k < net.layerCount(); k++) {
            MaskedLinear l = net.layer(k);
            INDArray w = l.weightArray();
            INDArray g = l.weightGradient();
            for (int o = 0; o < l.outFeatures(); o++) {
                for (int i = 0; i < l.inFeatures(); i++) {
                    if (!l.mask().get(o, i)) {
                        assertEquals(0.0, g.getDouble(o, i), "absent connection gets no gradient, layer " + k);
                        continue;
                    }
                    double numeric = centralDifference(net, x, y, w, o, i);
                    assertEquals(numeric, g.getDouble(o, i), 1e-6 * Math.max(1, Math.abs(numeric)),
                            "dL/dW layer " + k + " [" + o + "," + i + "] " + hidden);
                    checked++;
                }
            }
            INDArray b = l.biasArray();
            for (int o = 0; o < l.outFeatures(); o++) {
                double numeric = centralDifference(net, x, y, b, 0, o);
                assertEquals(numeric, l.biasGradient().getDouble(0, o), 1e-6 * Math.max(1, Math.abs(numeric)), "dL/db layer " + k);
            }
        }
        assertTrue(checked > 20, "checked " + checked + " weights");
    }

    private static double centralDifference(MaskedNetwork net, INDArray x, int[] y, INDArray param, int r, int c) {
        double orig = param.getDouble(r, c);
        param.putScalar(r, c, orig + EPS);
        double plus = net.loss(x, y);
        param.putScalar(r, c, orig - EPS);
        double minus = net.loss(x, y);
        param.putScalar(r, c, orig);
        return (plus - minus) / (2 * EPS);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "TANH", "SIGMOID", "IDENTITY"})
    void lossMatchesHandComputedCrossEntropy(Activation hidden) {
        MaskedNetwork net = new MaskedNetwork(EngineFixtures.design(4, 3, 3, hidden, 0.7, 5, "sgd", 0), DataType.DOUBLE);
        INDArray x = EngineFixtures.randomInput(6, 4, DataType.DOUBLE, 8);
        int[] y = EngineFixtures.randomLabels(6, 3, 9);
        INDArray z = net.logits(x);
        double expected = 0;
        for (int r = 0; r < 6; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 3; c++) max = Math.max(max, z.getDouble(r, c));
            double sum = 0;
            for (int c = 0; c < 3; c++) sum += Math.exp(z.getDouble(r, c) - max);
            expected += -(z.getDouble(r, y[r]) - max - Math.log(sum));
        }
        assertEquals(expected / 6, net.loss(x, y), 1e-12);
    }
}
