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
 * The promise PyTorch users miss: absent connections are exactly 0.0 after any number of steps,
 * for every optimizer, with weight decay, and after a mask change in mid-training.
 */
class MaskedWeightsStayZeroTest {

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (KernelType k : List.of(KernelType.DENSE, KernelType.SMALL, KernelType.CSR)) {
            for (String opt : List.of("sgd", "momentum", "adam", "adamw", "rmsprop")) {
                for (double wd : new double[]{0, 0.01}) a.add(Arguments.of(k, opt, wd));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} kernel, {1}, weight decay {2}")
    @MethodSource("cases")
    void absentWeightsAreExactlyZeroAfter200Steps(KernelType kernel, String optimizer, double wd) {
        NetworkDesign d = EngineFixtures.design(12, 10, 3, Activation.RELU, 0.3, 21, optimizer, wd);
        MaskedNetwork net = new MaskedNetwork(d, DataType.FLOAT, optimizer, 0.01, wd, 21, kernel);
        assertEquals(kernel, net.layer(0).kernelType());
        INDArray x = EngineFixtures.randomInput(16, 12, DataType.FLOAT, 1);
        int[] y = EngineFixtures.randomLabels(16, 3, 2);
        float[] before = net.layer(0).weights();
        for (int s = 0; s < 100; s++) net.trainBatch(x, y, 0);
        assertAbsentExactlyZero(net);

        // mid-training edit: remove half of layer 0's connections, add some new ones
        Mask edited = net.layer(0).mask();
        Random r = new Random(5);
        for (int o = 0; o < edited.rows(); o++) {
            for (int i = 0; i < edited.cols(); i++) if (r.nextBoolean()) edited.set(o, i, !edited.get(o, i));
        }
        net.setMask(0, edited);
        assertAbsentExactlyZero(net);
        for (int s = 0; s < 100; s++) net.trainBatch(x, y, 1);
        assertAbsentExactlyZero(net);
        assertNotEquals(before[firstPresent(net.layer(0).mask())], net.layer(0).weights()[firstPresent(net.layer(0).mask())],
                "present weights did train");
    }

    private static int firstPresent(Mask m) {
        for (int o = 0; o < m.rows(); o++) {
            int[] idx = m.rowIndices(o);
            if (idx.length > 0) return o * m.cols() + idx[0];
        }
        throw new AssertionError("empty mask");
    }

    static void assertAbsentExactlyZero(MaskedNetwork net) {
        for (int k = 0; k < net.layerCount(); k++) {
            MaskedLinear l = net.layer(k);
            Mask m = l.mask();
            float[] w = l.weights();
            int absent = 0;
            for (int o = 0; o < m.rows(); o++) {
                for (int i = 0; i < m.cols(); i++) {
                    if (!m.get(o, i)) {
                        absent++;
                        assertEquals(0, Float.floatToRawIntBits(w[o * m.cols() + i]), "weight [" + o + "," + i + "] of layer " + k + " is exactly +0.0");
                    }
                }
            }
            assertTrue(absent > 0, "layer " + k + " has absent connections to check");
        }
    }
}
